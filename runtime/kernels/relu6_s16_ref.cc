#include "runtime/kernels/unary_common.h"

namespace mote {

void relu6_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output) {
  MapElements(input, output, p.size,
              [&p](int16_t x) { return static_cast<int16_t>(Relu6Element(p, x)); });
}

}  // namespace mote
