#include "runtime/kernels/reduce_common.h"

namespace mote {

void reduce_max_s16_ref(const ReduceParams& p, const int16_t* input, int16_t* output) {
  ReduceExtremum<int16_t>(p, input, output, -32768, true);
}

void reduce_min_s16_ref(const ReduceParams& p, const int16_t* input, int16_t* output) {
  ReduceExtremum<int16_t>(p, input, output, 32767, false);
}

void reduce_sum_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch,
                        int16_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, false);
}

void reduce_mean_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch,
                         int16_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, true);
}

}  // namespace mote
