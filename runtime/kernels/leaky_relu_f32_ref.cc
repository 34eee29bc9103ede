#include "runtime/kernels/unary_common.h"

namespace mote {

void leaky_relu_f32_ref(const UnaryParams& p, const float* input, float* output) {
  // alpha may exceed 1 or be negative, so this is a select, not a max.
  const float alpha = p.alpha;
  MapElements(input, output, p.size, [alpha](float x) { return x > 0.0f ? x : x * alpha; });
}

}  // namespace mote
