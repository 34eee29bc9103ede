#include "runtime/kernels/arg_min_max_common.h"

namespace mote {

void arg_max_f32_ref(const ArgMinMaxParams& p, const float* input, int32_t* output) {
  ArgSearch(p, input, output, [](float v, float best) { return v > best; });
}

void arg_min_f32_ref(const ArgMinMaxParams& p, const float* input, int32_t* output) {
  ArgSearch(p, input, output, [](float v, float best) { return v < best; });
}

}  // namespace mote
