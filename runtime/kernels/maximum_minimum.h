// MAXIMUM and MINIMUM: output = max/min(input1, input2), with TFLite broadcasting (see
// binary_common.h). Quantized tensors are compared as stored integers, as TFLM does: it checks no
// quantization, so operands are expected to share the output's scale and zero point. The kernels
// only move values, so one template serves every dtype.
#pragma once

#include <stdint.h>

#include "runtime/kernels/binary_common.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct MaximumMinimumParams {
  BroadcastLayout layout;
};

Status PrepareMaximumMinimum(const Tensor& input1, const Tensor& input2, const Tensor& output,
                             MaximumMinimumParams* p);

void maximum_f32_ref(const MaximumMinimumParams& p, const float* input1, const float* input2,
                     float* output);
void maximum_s8_ref(const MaximumMinimumParams& p, const int8_t* input1, const int8_t* input2,
                    int8_t* output);
void maximum_s16_ref(const MaximumMinimumParams& p, const int16_t* input1, const int16_t* input2,
                     int16_t* output);
void maximum_s32_ref(const MaximumMinimumParams& p, const int32_t* input1, const int32_t* input2,
                     int32_t* output);
void maximum_s64_ref(const MaximumMinimumParams& p, const int64_t* input1, const int64_t* input2,
                     int64_t* output);
void minimum_f32_ref(const MaximumMinimumParams& p, const float* input1, const float* input2,
                     float* output);
void minimum_s8_ref(const MaximumMinimumParams& p, const int8_t* input1, const int8_t* input2,
                    int8_t* output);
void minimum_s16_ref(const MaximumMinimumParams& p, const int16_t* input1, const int16_t* input2,
                     int16_t* output);
void minimum_s32_ref(const MaximumMinimumParams& p, const int32_t* input1, const int32_t* input2,
                     int32_t* output);
void minimum_s64_ref(const MaximumMinimumParams& p, const int64_t* input1, const int64_t* input2,
                     int64_t* output);

// TFLM's comparisons: with a NaN operand MAXIMUM and MINIMUM both return input2.
template <typename T>
inline void MaximumRef(const MaximumMinimumParams& p, const T* input1, const T* input2, T* output) {
  BroadcastBinary(p.layout, input1, input2, output, [](T a, T b) { return a > b ? a : b; });
}
template <typename T>
inline void MinimumRef(const MaximumMinimumParams& p, const T* input1, const T* input2, T* output) {
  BroadcastBinary(p.layout, input1, input2, output, [](T a, T b) { return a < b ? a : b; });
}

}  // namespace mote
