#include <math.h>

#include "runtime/kernels/unary_common.h"

namespace mote {

void elu_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return x < 0.0f ? expm1f(x) : x; });
}

}  // namespace mote
