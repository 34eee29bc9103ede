// PRELU: output = input >= 0 ? input : input * alpha, alpha broadcast against the input with
// TFLite's rule (see binary_common.h). Quantized variants follow TFLite Micro's reference kernel
// bit for bit: non-negative offset inputs are rescaled by input scale / output scale, negative
// ones are multiplied by the offset alpha and rescaled by input scale * alpha scale / output
// scale (both multipliers computed in double), then offset and clamped to the dtype's range.
//   s8:  int8 input, alpha and output
//   s16: int16 input and output, int8 alpha
#pragma once

#include <stdint.h>

#include "runtime/kernels/binary_common.h"
#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct PreluParams {
  BroadcastLayout layout;
  int32_t input_offset = 0;    // -input zero point
  int32_t alpha_offset = 0;    // -alpha zero point
  int32_t output_offset = 0;   // output zero point
  int32_t positive_multiplier = 0;
  int32_t positive_shift = 0;
  int32_t negative_multiplier = 0;
  int32_t negative_shift = 0;
  int32_t act_min = 0;         // the output dtype's range
  int32_t act_max = 0;
};

Status PreparePrelu(const Tensor& input, const Tensor& alpha, const Tensor& output,
                    PreluParams* p);

void prelu_f32_ref(const PreluParams& p, const float* input, const float* alpha, float* output);
void prelu_s8_ref(const PreluParams& p, const int8_t* input, const int8_t* alpha, int8_t* output);
void prelu_s16_ref(const PreluParams& p, const int16_t* input, const int8_t* alpha,
                   int16_t* output);

// Shared by the s8 and s16 kernels.
template <typename T>
inline void PreluQuantized(const PreluParams& p, const T* input, const int8_t* alpha, T* output) {
  BroadcastBinary(p.layout, input, alpha, output, [&p](T x, int8_t a) {
    const int32_t in = x + p.input_offset;
    const int32_t v =
        (in >= 0 ? MultiplyByQuantizedMultiplier(in, p.positive_multiplier, p.positive_shift)
                 : MultiplyByQuantizedMultiplier(in * (a + p.alpha_offset), p.negative_multiplier,
                                                 p.negative_shift)) +
        p.output_offset;
    return static_cast<T>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace mote
