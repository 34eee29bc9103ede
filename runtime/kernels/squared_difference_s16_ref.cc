#include "runtime/kernels/squared_difference.h"

namespace mote {

void squared_difference_s16_ref(const SquaredDifferenceParams& p, const int16_t* input1,
                                const int16_t* input2, int16_t* output) {
  SquaredDifferenceQuantized(p, input1, input2, output);
}

}  // namespace mote
