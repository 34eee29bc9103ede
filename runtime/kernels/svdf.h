// SVDF: a rank-r factorised 1-D convolution over time with a state of the last `memory` feature
// activations per filter. One step per Invoke:
//   1. shift the state one column left (drops the oldest activation),
//   2. newest column = weights_feature [filters, input] x input,
//   3. per filter: dot(weights_time [filters, memory], state row),
//   4. output[u] = bias[u] + sum of the `rank` filter results of unit u, then activation.
// state is [batch, filters * memory] (row of filter f at f * memory) and persists across
// invokes. Quantized variants follow TFLite Micro's reference bit for bit: int8 input, weights
// feature and output, int32 bias, and int16 (or int8) weights_time and state. TFLM's integer
// SVDF applies no fused activation (only the float one does): mote keeps that behaviour.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct SvdfOptions {
  int32_t rank = 0;
  Activation activation = Activation::kNone;
};

struct SvdfParams {
  int32_t batches = 0;
  int32_t input_size = 0;
  int32_t filters = 0;
  int32_t units = 0;
  int32_t rank = 0;
  int32_t memory = 0;
  Activation activation = Activation::kNone;  // float only
  // Quantized: input -> state requantization (1) and state x weights_time -> output (2).
  int32_t input_zero_point = 0;
  int32_t state_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier1 = 0;
  int32_t shift1 = 0;
  int32_t multiplier2 = 0;
  int32_t shift2 = 0;
};

// Checks shapes and dtypes and fills `p`. `state` is the variable tensor (input 4).
Status PrepareSvdf(const Tensor& input, const Tensor& weights_feature, const Tensor& weights_time,
                   const Tensor* bias, const Tensor& state, const Tensor& output,
                   const SvdfOptions& options, SvdfParams* p);
// Scratch bytes the kernels need: filter results, then (quantized) the int32 unit sums.
size_t SvdfScratchBytes(const SvdfParams& p, DType input_type);

void svdf_f32_ref(const SvdfParams& p, const float* input, const float* weights_feature,
                  const float* weights_time, const float* bias, float* state, void* scratch,
                  float* output);
// int8 input and output with int16 or int8 weights_time and state.
void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int16_t* weights_time, const int32_t* bias, int16_t* state, void* scratch,
                 int8_t* output);
void svdf_s8_ref(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const int8_t* weights_time, const int32_t* bias, int8_t* state, void* scratch,
                 int8_t* output);

}  // namespace mote
