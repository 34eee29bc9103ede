#include "runtime/kernels/batch_matmul.h"
#include "runtime/quant.h"

namespace mote {

void batch_matmul_s16_ref(const BatchMatMulParams& p, const int16_t* lhs, const int16_t* rhs,
                          int16_t* output) {
  ForEachBatchMatMulOutput(p, lhs, rhs, output, [&p](const int16_t* l, const int16_t* r) {
    int64_t acc = 0;
    for (int32_t d = 0; d < p.depth; ++d)
      acc += static_cast<int64_t>(l[d * p.lhs_depth_stride]) * r[d * p.rhs_depth_stride];
    const int32_t v = MultiplyByQuantizedMultiplier64(acc, p.output_multiplier, p.output_shift);
    return static_cast<int16_t>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace mote
