#include "runtime/kernels/unary_common.h"

namespace mote {

void dequantize_s8_ref(const UnaryParams& p, const int8_t* input, float* output) {
  const float scale = p.scale;
  const int32_t zero_point = p.input_offset;
  MapElements(input, output, p.size,
              [scale, zero_point](int8_t x) { return scale * static_cast<float>(x - zero_point); });
}

}  // namespace mote
