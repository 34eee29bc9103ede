#include <math.h>

#include "runtime/kernels/logistic_tanh.h"

namespace mote {

void logistic_f32_ref(const LogisticTanhParams& p, const float* input, float* output) {
  // TFLite's cut-offs: above the upper one 1 is the nearest float, below the lower one the
  // 1 + e^-x denominator is e^-x to float precision.
  constexpr float kUpper = 16.619047164916992188f;
  constexpr float kLower = -9.0f;
  for (int32_t i = 0; i < p.size; ++i) {
    const float x = input[i];
    output[i] = x > kUpper ? 1.0f : x < kLower ? expf(x) : 1.0f / (1.0f + expf(-x));
  }
}

}  // namespace mote
