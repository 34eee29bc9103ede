#include "runtime/kernels/prelu.h"

namespace mote {

void prelu_f32_ref(const PreluParams& p, const float* input, const float* alpha, float* output) {
  BroadcastBinary(p.layout, input, alpha, output,
                  [](float x, float a) { return x >= 0.0f ? x : x * a; });
}

}  // namespace mote
