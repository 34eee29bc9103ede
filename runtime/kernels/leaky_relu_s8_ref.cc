#include "runtime/kernels/unary_common.h"

namespace mote {

void leaky_relu_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output) {
  MapElements(input, output, p.size,
              [&p](int8_t x) { return static_cast<int8_t>(LeakyReluElement(p, x)); });
}

}  // namespace mote
