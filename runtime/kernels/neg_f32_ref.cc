#include "runtime/kernels/unary_common.h"

namespace mote {

void neg_f32_ref(const UnaryParams& p, const float* input, float* output) {
  MapElements(input, output, p.size, [](float x) { return -x; });
}

}  // namespace mote
