// L2_NORMALIZATION along the last axis: out = x / max(||x||, 1e-6) for float32. The int8 kernel
// follows TFLM's reference bit for bit: the sum of squared (q - zp) is turned into a fixed-point
// inverse square root (gemmlowp Newton-Raphson), and the output is in TFLite's fixed 1/128 scale
// with zero point 0. Fused activations are not supported (TFLite rejects them too).
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct L2NormParams {
  int32_t outer = 0;  // number of vectors
  int32_t depth = 0;  // length of each vector (the last dimension)
  int32_t input_zero_point = 0;
};

Status PrepareL2Normalization(const Tensor& input, const Tensor& output, Activation activation,
                              L2NormParams* p);

// TFLite's GetInvSqrtQuantizedMultiplierExp with reverse_shift -1: 1/sqrt(x) as a multiplier and
// a left shift (<= 0) for MultiplyByQuantizedMultiplier. x <= 1 gives the largest multiplier.
void InvSqrtQuantizedMultiplier(int32_t x, int32_t* multiplier, int32_t* shift);

void l2_normalization_f32_ref(const L2NormParams& p, const float* input, float* output);
void l2_normalization_s8_ref(const L2NormParams& p, const int8_t* input, int8_t* output);

}  // namespace mote
