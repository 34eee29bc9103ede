#include "runtime/kernels/batch_matmul.h"
#include "runtime/quant.h"

namespace mote {

void batch_matmul_s8_ref(const BatchMatMulParams& p, const int8_t* lhs, const int8_t* rhs,
                         int8_t* output) {
  ForEachBatchMatMulOutput(p, lhs, rhs, output, [&p](const int8_t* l, const int8_t* r) {
    int32_t acc = 0;
    for (int32_t d = 0; d < p.depth; ++d)
      acc += (l[d * p.lhs_depth_stride] + p.lhs_offset) * (r[d * p.rhs_depth_stride] + p.rhs_offset);
    const int32_t v = MultiplyByQuantizedMultiplier(acc, p.output_multiplier, p.output_shift) + p.output_offset;
    return static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace mote
