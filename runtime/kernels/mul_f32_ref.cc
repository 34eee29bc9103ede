#include "runtime/kernels/mul.h"

namespace mote {

void mul_f32_ref(const MulParams& p, const float* input1, const float* input2, float* output) {
  BroadcastBinary(p.layout, input1, input2, output, [&p](float a, float b) {
    return Clamp(a * b, p.float_min, p.float_max);
  });
}

}  // namespace mote
