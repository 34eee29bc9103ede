#include "runtime/kernels/squared_difference.h"

namespace mote {

void squared_difference_s8_ref(const SquaredDifferenceParams& p, const int8_t* input1,
                               const int8_t* input2, int8_t* output) {
  SquaredDifferenceQuantized(p, input1, input2, output);
}

}  // namespace mote
