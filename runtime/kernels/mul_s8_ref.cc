#include "runtime/kernels/mul.h"

namespace mote {

void mul_s8_ref(const MulParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  MulQuantized(p, input1, input2, output);
}

}  // namespace mote
