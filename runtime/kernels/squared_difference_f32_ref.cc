#include "runtime/kernels/squared_difference.h"

namespace mote {

void squared_difference_f32_ref(const SquaredDifferenceParams& p, const float* input1,
                                const float* input2, float* output) {
  BroadcastBinary(p.layout, input1, input2, output, [](float a, float b) {
    const float diff = a - b;
    return diff * diff;
  });
}

}  // namespace mote
