// SOFTMAX (exp(beta x) / sum exp(beta x)) and LOG_SOFTMAX (x - max - log sum exp(x - max)) along
// the last axis, as TFLite Micro's reference kernels compute them:
//   f32:    libm exp/log.
//   s8:     gemmlowp fixed point: differences to the row maximum, scaled by beta * input scale
//           to Q5.26, exp_on_negative_values, a Q12.19 sum, its reciprocal (softmax) or log
//           (log-softmax); differences below diff_min contribute nothing. Softmax output is
//           1/256 from -128 (int8) or 1/65536 from -32768 (int16); log-softmax 1/16 from 127.
//   s16:    513-entry interpolated tables for exp on [-10, 0] and 1 / (1 + x) on [0, 1],
//           built in Prepare; output 1/32768 from 0.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

constexpr int32_t kSoftmaxLutSize = 513;  // 512 interpolation intervals + the end point

struct SoftmaxParams {
  int32_t outer_size = 0;  // rows
  int32_t depth = 0;       // last dimension
  float beta = 1.0f;
  // Quantized: differences to the row maximum are rescaled by multiplier / left shift.
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  int32_t diff_min = 0;  // s8: differences below this are treated as exp = 0
  // LOG_SOFTMAX s8: maps the log-sum back to input units to find the smallest useful difference.
  int32_t reverse_scaling_divisor = 0;
  int32_t reverse_scaling_right_shift = 0;
  // SOFTMAX s16: kSoftmaxLutSize entries each, in persistent memory the caller provides.
  int16_t* exp_lut = nullptr;
  int16_t* one_over_one_plus_x_lut = nullptr;
};

// Whether PrepareSoftmax needs p->exp_lut and p->one_over_one_plus_x_lut (int16 input).
bool SoftmaxNeedsLuts(const Tensor& input);
Status PrepareSoftmax(const Tensor& input, const Tensor& output, float beta, SoftmaxParams* p);
Status PrepareLogSoftmax(const Tensor& input, const Tensor& output, SoftmaxParams* p);

void softmax_f32_ref(const SoftmaxParams& p, const float* input, float* output);
void softmax_s8_ref(const SoftmaxParams& p, const int8_t* input, int8_t* output);
void softmax_s8_s16_ref(const SoftmaxParams& p, const int8_t* input, int16_t* output);
void softmax_s16_ref(const SoftmaxParams& p, const int16_t* input, int16_t* output);
void log_softmax_f32_ref(const SoftmaxParams& p, const float* input, float* output);
void log_softmax_s8_ref(const SoftmaxParams& p, const int8_t* input, int8_t* output);

}  // namespace mote
