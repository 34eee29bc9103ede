#include <math.h>

#include "runtime/kernels/unary_common.h"

namespace mote {

void abs_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return fabsf(x); });
}

}  // namespace mote
