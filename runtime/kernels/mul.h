// MUL: output = act(input1 * input2), with TFLite broadcasting (see binary_common.h).
// Quantized variants follow TFLite Micro's reference kernels bit for bit: the int32 product of
// the offset inputs is rescaled by one multiplier (input1 scale * input2 scale / output scale,
// computed in double, above or below 1), offset and clamped.
//   s8:  int8 inputs and output, any zero points
//   s16: int16 inputs and output, all zero points 0 (TFLM requires it)
#pragma once

#include <stdint.h>

#include "runtime/kernels/binary_common.h"
#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct MulOptions {
  Activation activation = Activation::kNone;
};

struct MulParams {
  BroadcastLayout layout;
  int32_t input1_offset = 0;   // -input1 zero point
  int32_t input2_offset = 0;   // -input2 zero point
  int32_t output_offset = 0;   // output zero point
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
  float float_min = 0.0f;
  float float_max = 0.0f;
};

Status PrepareMul(const Tensor& input1, const Tensor& input2, const Tensor& output,
                  const MulOptions& options, MulParams* p);

void mul_f32_ref(const MulParams& p, const float* input1, const float* input2, float* output);
void mul_s8_ref(const MulParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void mul_s16_ref(const MulParams& p, const int16_t* input1, const int16_t* input2,
                 int16_t* output);

// Shared by mul_s8_ref and mul_s16_ref.
template <typename T>
inline void MulQuantized(const MulParams& p, const T* input1, const T* input2, T* output) {
  BroadcastBinary(p.layout, input1, input2, output, [&p](T a, T b) {
    const int32_t product = (a + p.input1_offset) * (b + p.input2_offset);
    const int32_t v = MultiplyByQuantizedMultiplier(product, p.output_multiplier, p.output_shift) +
                      p.output_offset;
    return static_cast<T>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace mote
