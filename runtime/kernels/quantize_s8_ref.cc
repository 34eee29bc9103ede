#include "runtime/kernels/unary_common.h"

namespace mote {

void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output) {
  MapElements(input, output, p.size, [&p](int8_t x) { return Requantize<int8_t>(p, x); });
}

void quantize_s8_ref(const UnaryParams& p, const int8_t* input, uint8_t* output) {
  MapElements(input, output, p.size, [&p](int8_t x) { return Requantize<uint8_t>(p, x); });
}

void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int16_t* output) {
  MapElements(input, output, p.size, [&p](int8_t x) { return Requantize<int16_t>(p, x); });
}

void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int32_t* output) {
  MapElements(input, output, p.size, [&p](int8_t x) { return Requantize<int32_t>(p, x); });
}

}  // namespace mote
