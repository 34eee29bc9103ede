// SQUARED_DIFFERENCE: output = (input1 - input2)^2, with TFLite broadcasting (see
// binary_common.h) and no fused activation. Quantized variants follow TFLite Micro's reference
// kernel bit for bit: both inputs go to a common scale as in SUB (left shift 7 for int8, 0 for
// int16), the int32 difference is squared, rescaled to the output, offset and clamped to the
// dtype's range.
//   s8:  int8 inputs and output, any zero points
//   s16: int16 inputs and output, all zero points 0 (TFLM requires it)
#pragma once

#include <stdint.h>

#include "runtime/kernels/binary_common.h"
#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct SquaredDifferenceParams {
  BroadcastLayout layout;
  int32_t input1_offset = 0;   // -input1 zero point
  int32_t input2_offset = 0;   // -input2 zero point
  int32_t output_offset = 0;   // output zero point
  int32_t left_shift = 0;
  int32_t input1_multiplier = 0;
  int32_t input1_shift = 0;    // <= 0
  int32_t input2_multiplier = 0;
  int32_t input2_shift = 0;    // <= 0
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;
  int32_t act_min = 0;         // the output dtype's range
  int32_t act_max = 0;
};

Status PrepareSquaredDifference(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                SquaredDifferenceParams* p);

void squared_difference_f32_ref(const SquaredDifferenceParams& p, const float* input1,
                                const float* input2, float* output);
void squared_difference_s8_ref(const SquaredDifferenceParams& p, const int8_t* input1,
                               const int8_t* input2, int8_t* output);
void squared_difference_s16_ref(const SquaredDifferenceParams& p, const int16_t* input1,
                                const int16_t* input2, int16_t* output);

// Shared by the s8 and s16 kernels. The left shifts keep the squared difference inside int32.
template <typename T>
inline void SquaredDifferenceQuantized(const SquaredDifferenceParams& p, const T* input1,
                                       const T* input2, T* output) {
  BroadcastBinary(p.layout, input1, input2, output, [&p](T a, T b) {
    const int32_t x =
        ScaledInput(a, p.input1_offset, p.left_shift, p.input1_multiplier, p.input1_shift);
    const int32_t y =
        ScaledInput(b, p.input2_offset, p.left_shift, p.input2_multiplier, p.input2_shift);
    const int32_t diff = x - y;
    const int32_t v =
        MultiplyByQuantizedMultiplier(diff * diff, p.output_multiplier, p.output_shift) +
        p.output_offset;
    return static_cast<T>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace mote
