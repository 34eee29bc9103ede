#include "runtime/kernels/prelu.h"

namespace mote {

void prelu_s8_ref(const PreluParams& p, const int8_t* input, const int8_t* alpha, int8_t* output) {
  PreluQuantized(p, input, alpha, output);
}

}  // namespace mote
