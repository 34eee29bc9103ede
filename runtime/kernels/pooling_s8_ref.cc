#include "runtime/kernels/pooling_common.h"

namespace mote {

void average_pool_s8_ref(const PoolParams& p, const int8_t* input, int8_t* output) {
  AveragePoolQuantized(p, input, output);
}

void max_pool_s8_ref(const PoolParams& p, const int8_t* input, int8_t* output) {
  MaxPoolQuantized(p, input, output);
}

}  // namespace mote
