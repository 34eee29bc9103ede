#include <float.h>
#include <math.h>

#include "runtime/kernels/softmax.h"
#include "runtime/quant.h"

namespace mote {

void log_softmax_f32_ref(const SoftmaxParams& p, const float* input, float* output) {
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const float* in = input + static_cast<int64_t>(row) * p.depth;
    float* out = output + static_cast<int64_t>(row) * p.depth;
    float max = -FLT_MAX;
    for (int32_t c = 0; c < p.depth; ++c) max = Max(max, in[c]);
    float sum = 0.0f;
    for (int32_t c = 0; c < p.depth; ++c) sum += expf(in[c] - max);
    const float log_sum = logf(sum);
    for (int32_t c = 0; c < p.depth; ++c) out[c] = in[c] - max - log_sum;
  }
}

}  // namespace mote
