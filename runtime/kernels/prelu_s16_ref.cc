#include "runtime/kernels/prelu.h"

namespace mote {

void prelu_s16_ref(const PreluParams& p, const int16_t* input, const int8_t* alpha,
                   int16_t* output) {
  PreluQuantized(p, input, alpha, output);
}

}  // namespace mote
