#include <float.h>
#include <math.h>

#include "runtime/kernels/softmax.h"
#include "runtime/quant.h"

namespace mote {

void softmax_f32_ref(const SoftmaxParams& p, const float* input, float* output) {
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const float* in = input + static_cast<int64_t>(row) * p.depth;
    float* out = output + static_cast<int64_t>(row) * p.depth;
    // Subtracting the maximum keeps exp from overflowing without changing the ratios.
    float max = -FLT_MAX;
    for (int32_t c = 0; c < p.depth; ++c) max = Max(max, in[c]);
    float sum = 0.0f;
    for (int32_t c = 0; c < p.depth; ++c) {
      out[c] = expf((in[c] - max) * p.beta);
      sum += out[c];
    }
    for (int32_t c = 0; c < p.depth; ++c) out[c] = out[c] / sum;
  }
}

}  // namespace mote
