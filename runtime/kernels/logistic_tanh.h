// LOGISTIC (1 / (1 + e^-x)) and TANH, element-wise, as TFLite Micro's reference kernels:
//   f32: libm (logistic with TFLite's cut-offs: 1 above 16.62, e^x below -9)
//   s8:  gemmlowp fixed point. The input is rescaled to Q4.27; beyond +-input_range_radius the
//        result saturates. Output is fixed by the op: logistic 1/256 with zero point -128,
//        tanh 1/128 with zero point 0 (TFLM does not rescale to the output tensor's scale).
//   s16: table interpolation (runtime/kernels/activation_s16.h), output Q0.15.
#pragma once

#include <stdint.h>

#include "runtime/kernels/activation_s16.h"
#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

enum class LogisticTanhKind : uint8_t { kLogistic, kTanh };

struct LogisticTanhParams {
  int32_t size = 0;
  // s8: input - zero point, rescaled to Q4.27 by multiplier / left shift.
  int32_t input_zero_point = 0;
  int32_t input_range_radius = 0;
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  // s16
  ActivationS16Params s16;
};

// The s8 input stage shared by both functions: -1 or +1 when the input lies beyond the radius
// (the function saturates there), otherwise 0 with the input rescaled to Q4.27 in *q4.
inline int RescaleS8Input(const LogisticTanhParams& p, int8_t value, int32_t* q4) {
  const int32_t x = static_cast<int32_t>(value) - p.input_zero_point;
  if (x <= -p.input_range_radius) return -1;
  if (x >= p.input_range_radius) return 1;
  *q4 = MultiplyByQuantizedMultiplier(x, p.input_multiplier, p.input_left_shift);
  return 0;
}

Status PrepareLogisticTanh(LogisticTanhKind kind, const Tensor& input, const Tensor& output,
                           LogisticTanhParams* p);

void logistic_f32_ref(const LogisticTanhParams& p, const float* input, float* output);
void logistic_s8_ref(const LogisticTanhParams& p, const int8_t* input, int8_t* output);
void tanh_f32_ref(const LogisticTanhParams& p, const float* input, float* output);
void tanh_s8_ref(const LogisticTanhParams& p, const int8_t* input, int8_t* output);
// s16: logistic_s16 / tanh_s16 from activation_s16.h with p.s16.

}  // namespace mote
