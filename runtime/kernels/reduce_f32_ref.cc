#include <float.h>

#include "runtime/kernels/reduce_common.h"

namespace mote {

void reduce_sum_f32_ref(const ReduceParams& p, const float* input, float* output) {
  for (int32_t o = 0; o < p.num_outputs; ++o) output[o] = 0.0f;
  ForEachReduced(p, input, [output](int32_t o, float v) { output[o] = v + output[o]; });
}

void reduce_mean_f32_ref(const ReduceParams& p, const float* input, float* output) {
  reduce_sum_f32_ref(p, input, output);
  if (p.count == 0) return;
  const float count = static_cast<float>(p.count);
  for (int32_t o = 0; o < p.num_outputs; ++o) output[o] = output[o] / count;
}

void reduce_max_f32_ref(const ReduceParams& p, const float* input, float* output) {
  ReduceExtremum(p, input, output, -FLT_MAX, true);
}

void reduce_min_f32_ref(const ReduceParams& p, const float* input, float* output) {
  ReduceExtremum(p, input, output, FLT_MAX, false);
}

}  // namespace mote
