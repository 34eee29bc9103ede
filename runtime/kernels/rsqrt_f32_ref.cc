#include <math.h>

#include "runtime/kernels/unary_common.h"

namespace mote {

void rsqrt_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return 1.0f / sqrtf(x); });
}

}  // namespace mote
