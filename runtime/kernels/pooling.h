// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC tensors: each output pixel reduces a filter_h x
// filter_w window of its channel, clipped to the input (padding never contributes, so an
// average divides by the number of in-bounds taps). Quantized variants work on the raw values:
// TFLite requires input and output to share scale and zero point, so no requantization happens.
//   average int8/int16: int32 sum, divided with rounding half away from zero, then clamped
//   max int8/int16/float: plain maximum, then clamped to the fused activation range
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct PoolOptions {
  Padding padding = Padding::kSame;
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t filter_h = 1;
  int32_t filter_w = 1;
  Activation activation = Activation::kNone;
};

struct PoolParams {
  int32_t batches = 0;
  int32_t input_h = 0;
  int32_t input_w = 0;
  int32_t depth = 0;
  int32_t output_h = 0;
  int32_t output_w = 0;
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t filter_h = 1;
  int32_t filter_w = 1;
  int32_t pad_h = 0;   // padding before the first row / column
  int32_t pad_w = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
  float float_min = 0.0f;
  float float_max = 0.0f;
};

// Checks shapes, dtypes, options and quantization; fills `p`.
Status PreparePool(const Tensor& input, const Tensor& output, const PoolOptions& options,
                   PoolParams* p);

void average_pool_f32_ref(const PoolParams& p, const float* input, float* output);
void average_pool_s8_ref(const PoolParams& p, const int8_t* input, int8_t* output);
void average_pool_s16_ref(const PoolParams& p, const int16_t* input, int16_t* output);
// Helium (MVE) variant (Cortex-M55; portable emulation elsewhere), bit-exact with
// average_pool_s8_ref on every shape: sixteen channels of a window summed in four int32 vectors.
void average_pool_s8_mve(const PoolParams& p, const int8_t* input, int8_t* output);
void max_pool_f32_ref(const PoolParams& p, const float* input, float* output);
void max_pool_s8_ref(const PoolParams& p, const int8_t* input, int8_t* output);
void max_pool_s16_ref(const PoolParams& p, const int16_t* input, int16_t* output);

}  // namespace mote
