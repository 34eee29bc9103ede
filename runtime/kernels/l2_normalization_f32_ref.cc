#include <math.h>

#include "runtime/kernels/l2_normalization.h"
#include "runtime/quant.h"

namespace mote {

void l2_normalization_f32_ref(const L2NormParams& p, const float* input, float* output) {
  for (int32_t i = 0; i < p.outer; ++i) {
    const float* in = input + i * p.depth;
    float squares = 0.0f;
    for (int32_t c = 0; c < p.depth; ++c) squares += in[c] * in[c];
    const float norm = Max(sqrtf(squares), 1e-6f);
    for (int32_t c = 0; c < p.depth; ++c) output[i * p.depth + c] = in[c] / norm;
  }
}

}  // namespace mote
