#include "runtime/kernels/arg_min_max_common.h"

namespace mote {

void arg_max_s8_ref(const ArgMinMaxParams& p, const int8_t* input, int32_t* output) {
  ArgSearch(p, input, output, [](int8_t v, int8_t best) { return v > best; });
}

void arg_min_s8_ref(const ArgMinMaxParams& p, const int8_t* input, int32_t* output) {
  ArgSearch(p, input, output, [](int8_t v, int8_t best) { return v < best; });
}

}  // namespace mote
