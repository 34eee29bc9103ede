#include <math.h>

#include "runtime/kernels/logistic_tanh.h"

namespace mote {

void tanh_f32_ref(const LogisticTanhParams& p, const float* input, float* output) {
  for (int32_t i = 0; i < p.size; ++i) output[i] = tanhf(input[i]);
}

}  // namespace mote
