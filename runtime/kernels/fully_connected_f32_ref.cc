#include "runtime/kernels/fully_connected.h"
#include "runtime/quant.h"

namespace mote {

void fully_connected_f32_ref(const FullyConnectedParams& p, const float* input,
                             const float* filter, const float* bias, float* output) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in = input + b * p.accum_depth;
    for (int32_t o = 0; o < p.output_depth; ++o) {
      const float* w = filter + o * p.accum_depth;
      float total = 0.0f;
      for (int32_t d = 0; d < p.accum_depth; ++d) total += in[d] * w[d];
      const float value = total + (bias ? bias[o] : 0.0f);
      output[b * p.output_depth + o] = Clamp(value, p.float_min, p.float_max);
    }
  }
}

}  // namespace mote
