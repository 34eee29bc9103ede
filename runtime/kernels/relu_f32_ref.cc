#include "runtime/kernels/unary_common.h"

namespace mote {

void relu_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return x < 0.0f ? 0.0f : x; });
}

}  // namespace mote
