#include "runtime/kernels/unary_common.h"

namespace mote {
namespace {

// round(x / scale) + zero point, saturated. TFLite converts the rounded quotient to int32 before
// adding the zero point; bounding it to +-2^30 first gives the same saturated result without an
// undefined conversion for huge, infinite or NaN inputs.
template <typename Out>
Out QuantizeElement(const UnaryParams& p, float x) {
  constexpr float kBound = 1073741824.0f;  // 2^30
  const float r = RoundHalfAwayFromZero(x / p.scale);
  const int32_t q = r < kBound ? (r > -kBound ? static_cast<int32_t>(r) : -(1 << 30)) : (1 << 30);
  return SaturateTo<Out>(q + p.output_offset);
}

}  // namespace

void quantize_f32_ref(const UnaryParams& p, const float* input, int8_t* output) {
  MapElements(input, output, p.size, [&p](float x) { return QuantizeElement<int8_t>(p, x); });
}

void quantize_f32_ref(const UnaryParams& p, const float* input, int16_t* output) {
  MapElements(input, output, p.size, [&p](float x) { return QuantizeElement<int16_t>(p, x); });
}

}  // namespace mote
