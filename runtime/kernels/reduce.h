// MEAN, SUM, REDUCE_MAX and REDUCE_MIN: fold the input over a set of axes (any rank up to
// kMaxRank, negative and repeated axes allowed, keep_dims or not). Every input element is added
// into its output slot in input order, as TFLite Micro's reference does, so float sums round the
// same way. Quantized variants follow TFLM's reference kernels bit for bit:
//   MEAN int8/int16, input and output share scale and zero point: the int32 sum of raw values
//     divided by the element count with C truncation (TFLM's fast path, no requantization)
//   MEAN int8/int16 otherwise, and SUM always: (sum - zp_in * count) requantized by
//     in_scale / out_scale, with 1/count folded into the multiplier for MEAN, clamped to the type
//   REDUCE_MAX/MIN int8/int16: raw maximum/minimum, input and output must share quantization
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

enum class ReduceKind : uint8_t { kMean, kSum, kMax, kMin };

struct ReduceOptions {
  bool keep_dims = false;
};

struct ReduceParams {
  ReduceKind kind = ReduceKind::kSum;
  bool keep_dims = false;
  bool axes_resolved = false;  // false until ResolveReduceAxes ran (every eval for a non-constant axis)
  int32_t rank = 0;
  int32_t dims[kMaxRank] = {};
  int32_t output_strides[kMaxRank] = {};  // 0 on reduced axes
  int32_t num_outputs = 0;
  int32_t count = 0;           // input elements folded into each output
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t sum_multiplier = 0;   // in_scale / out_scale
  int32_t sum_shift = 0;
  int32_t mean_multiplier = 0;  // the same with 1/count folded in
  int32_t mean_shift = 0;
};

// Checks dtypes, quantization and the axis tensor's type; resolves the axes when the axis
// tensor is constant. `p->kind` selects the op.
Status PrepareReduce(ReduceKind kind, const Tensor& input, const Tensor& axis, const Tensor& output,
                     const ReduceOptions& options, ReduceParams* p);
// Turns the axis values into the iteration geometry and checks the output shape against them.
Status ResolveReduceAxes(const Tensor& input, const Tensor& axis, const Tensor& output,
                         ReduceParams* p);
// Bytes of int32 scratch the quantized MEAN/SUM kernels need (0 for the others).
size_t ReduceScratchBytes(const ReduceParams& p, const Tensor& input, const Tensor& output);

void reduce_sum_f32_ref(const ReduceParams& p, const float* input, float* output);
void reduce_mean_f32_ref(const ReduceParams& p, const float* input, float* output);
void reduce_max_f32_ref(const ReduceParams& p, const float* input, float* output);
void reduce_min_f32_ref(const ReduceParams& p, const float* input, float* output);
void reduce_max_s8_ref(const ReduceParams& p, const int8_t* input, int8_t* output);
void reduce_min_s8_ref(const ReduceParams& p, const int8_t* input, int8_t* output);
void reduce_max_s16_ref(const ReduceParams& p, const int16_t* input, int16_t* output);
void reduce_min_s16_ref(const ReduceParams& p, const int16_t* input, int16_t* output);
// `scratch` holds num_outputs int32 sums.
void reduce_sum_s8_ref(const ReduceParams& p, const int8_t* input, int32_t* scratch, int8_t* output);
void reduce_mean_s8_ref(const ReduceParams& p, const int8_t* input, int32_t* scratch, int8_t* output);
void reduce_sum_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch, int16_t* output);
void reduce_mean_s16_ref(const ReduceParams& p, const int16_t* input, int32_t* scratch,
                         int16_t* output);

}  // namespace mote
