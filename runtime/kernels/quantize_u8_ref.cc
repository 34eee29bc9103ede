#include "runtime/kernels/unary_common.h"

namespace mote {

void quantize_u8_ref(const UnaryParams& p, const uint8_t* input, int8_t* output) {
  MapElements(input, output, p.size, [&p](uint8_t x) { return Requantize<int8_t>(p, x); });
}

}  // namespace mote
