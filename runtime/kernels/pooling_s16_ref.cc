#include "runtime/kernels/pooling_common.h"

namespace mote {

void average_pool_s16_ref(const PoolParams& p, const int16_t* input, int16_t* output) {
  AveragePoolQuantized(p, input, output);
}

void max_pool_s16_ref(const PoolParams& p, const int16_t* input, int16_t* output) {
  MaxPoolQuantized(p, input, output);
}

}  // namespace mote
