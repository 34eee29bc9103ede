#include "runtime/kernels/reduce_common.h"

namespace mote {

void reduce_sum_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch,
                        int16_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, false);
}

void reduce_mean_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch,
                         int16_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, true);
}

}  // namespace mote
