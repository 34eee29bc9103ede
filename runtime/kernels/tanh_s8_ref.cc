#include "runtime/fixed_point.h"
#include "runtime/kernels/logistic_tanh.h"

namespace mote {

void tanh_s8_ref(const LogisticTanhParams& p, const int8_t* input, int8_t* output) {
  constexpr int kOutputFractionalBits = 7;  // Q0.31 -> 1/128 steps around 0
  for (int32_t i = 0; i < p.size; ++i) {
    int32_t q4 = 0;
    const int saturated = RescaleS8Input(p, input[i], &q4);
    if (saturated != 0) {
      output[i] = saturated < 0 ? int8_t{-128} : int8_t{127};
      continue;
    }
    const int32_t q0 = tanh(FixedPoint<4>::FromRaw(q4)).raw();
    const int32_t y = RoundingDivideByPOT(q0, 31 - kOutputFractionalBits);
    output[i] = static_cast<int8_t>(Clamp<int32_t>(y, -128, 127));
  }
}

}  // namespace mote
