#include "runtime/kernels/reduce_common.h"

namespace mote {

void reduce_max_s8_ref(const ReduceParams& p, const int8_t* input, int8_t* output) {
  ReduceExtremum<int8_t>(p, input, output, -128, true);
}

void reduce_min_s8_ref(const ReduceParams& p, const int8_t* input, int8_t* output) {
  ReduceExtremum<int8_t>(p, input, output, 127, false);
}

void reduce_sum_s8_ref(const ReduceParams& p, const int8_t* input, int32_t* scratch, int8_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, false);
}

void reduce_mean_s8_ref(const ReduceParams& p, const int8_t* input, int32_t* scratch, int8_t* output) {
  QuantizedMeanOrSum(p, input, scratch, output, true);
}

}  // namespace mote
