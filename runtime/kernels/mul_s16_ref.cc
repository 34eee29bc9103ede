#include "runtime/kernels/mul.h"

namespace mote {

void mul_s16_ref(const MulParams& p, const int16_t* input1, const int16_t* input2,
                 int16_t* output) {
  MulQuantized(p, input1, input2, output);
}

}  // namespace mote
