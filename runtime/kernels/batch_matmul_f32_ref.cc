#include "runtime/kernels/batch_matmul.h"

namespace mote {

void batch_matmul_f32_ref(const BatchMatMulParams& p, const float* lhs, const float* rhs,
                          float* output) {
  ForEachBatchMatMulOutput(p, lhs, rhs, output, [&p](const float* l, const float* r) {
    float total = 0.0f;
    for (int32_t d = 0; d < p.depth; ++d) total += l[d * p.lhs_depth_stride] * r[d * p.rhs_depth_stride];
    return total;
  });
}

}  // namespace mote
