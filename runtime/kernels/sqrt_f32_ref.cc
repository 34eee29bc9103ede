#include <math.h>

#include "runtime/kernels/unary_common.h"

namespace mote {

void sqrt_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return sqrtf(x); });
}

}  // namespace mote
