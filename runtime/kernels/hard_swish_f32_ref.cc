#include "runtime/kernels/unary_common.h"

namespace mote {

void hard_swish_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) {
    // x * relu6(x + 3) / 6, with the comparisons ordered as std::max/std::min order them.
    const float shifted = x + 3.0f;
    const float lower = 0.0f < shifted ? shifted : 0.0f;
    const float relu6 = lower < 6.0f ? lower : 6.0f;
    return x * relu6 / 6.0f;
  });
}

}  // namespace mote
