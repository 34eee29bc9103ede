#include "runtime/kernels/unary_common.h"

namespace mote {

void quantize_s32_ref(const UnaryParams& p, const int32_t* input, int8_t* output) {
  MapElements(input, output, p.size, [&p](int32_t x) { return Requantize<int8_t>(p, x); });
}

void quantize_s32_ref(const UnaryParams& p, const int32_t* input, int16_t* output) {
  MapElements(input, output, p.size, [&p](int32_t x) { return Requantize<int16_t>(p, x); });
}

}  // namespace mote
