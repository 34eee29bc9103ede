#include "runtime/kernels/unary_common.h"

namespace mote {

void relu6_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size,
              [](float x) { return x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x); });
}

}  // namespace mote
