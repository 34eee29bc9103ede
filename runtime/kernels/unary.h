// Elementwise unary ops: the activations RELU, RELU6, LEAKY_RELU, HARD_SWISH and ELU, the math ops
// ABS, NEG, SQRT and RSQRT, and the converters QUANTIZE and DEQUANTIZE. Each output element
// depends only on the input element at the same flat index, so every kernel is one pass of
// MapElements (unary_common.h) over the flattened tensors, and input and output only need the
// same number of elements.
// Integer variants follow TFLite Micro's reference kernels bit for bit (which multiplier is built
// from a float or a double ratio, how the result is rounded and clamped); float variants evaluate
// the same single-precision expression.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// One params struct for the whole family; each op reads the fields its comment names.
struct UnaryParams {
  int32_t size = 0;           // elements in the input (= in the output)
  int32_t input_offset = 0;   // input zero point
  int32_t output_offset = 0;  // output zero point
  // Input-to-output rescaling, as a Q31 multiplier and left shift. LEAKY_RELU: the x >= 0 side.
  // HARD_SWISH: a Q15 multiplier and its (<= 0) exponent.
  int32_t multiplier = 0;
  int32_t shift = 0;
  // LEAKY_RELU: the x < 0 side (alpha folded in). HARD_SWISH: the Q15 "reluish" multiplier that
  // maps [-3, 3] onto the int16 range, and its exponent.
  int32_t alt_multiplier = 0;
  int32_t alt_shift = 0;
  int32_t act_min = 0;  // clamp range in the output's integer domain
  int32_t act_max = 0;
  bool rescale = false;     // ABS: false when input and output scales are equal
  bool raw = false;         // ABS int16 without quantization: plain |x|, wrapping like int16
  float scale = 0.0f;       // QUANTIZE from float32: output scale; DEQUANTIZE: input scale
  float alpha = 0.0f;       // LEAKY_RELU float32 slope for x <= 0
  int8_t* table = nullptr;  // ELU int8: output byte for each input byte, indexed by uint8_t
};

constexpr int32_t kEluTableSize = 256;

// Prepare: check dtypes and sizes, fill `p`. All take the op's single input and output.
Status PrepareRelu(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareRelu6(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareLeakyRelu(const Tensor& input, const Tensor& output, float alpha, UnaryParams* p);
Status PrepareHardSwish(const Tensor& input, const Tensor& output, UnaryParams* p);
// For int8, `p->table` must point to kEluTableSize writable bytes (the lookup table is built here).
Status PrepareElu(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareAbs(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareRsqrt(const Tensor& input, const Tensor& output, UnaryParams* p);
// NEG and SQRT: float32 only, as in TFLite Micro.
Status PrepareFloatUnary(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareQuantize(const Tensor& input, const Tensor& output, UnaryParams* p);
Status PrepareDequantize(const Tensor& input, const Tensor& output, UnaryParams* p);

void relu_f32_ref(const UnaryParams& p, const float* input, float* output);
void relu_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void relu_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output);
void relu6_f32_ref(const UnaryParams& p, const float* input, float* output);
void relu6_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void relu6_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output);
void leaky_relu_f32_ref(const UnaryParams& p, const float* input, float* output);
void leaky_relu_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void leaky_relu_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output);
void hard_swish_f32_ref(const UnaryParams& p, const float* input, float* output);
void hard_swish_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void elu_f32_ref(const UnaryParams& p, const float* input, float* output);
void elu_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void abs_f32_ref(const UnaryParams& p, const float* input, float* output);
void abs_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void abs_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output);
void neg_f32_ref(const UnaryParams& p, const float* input, float* output);
void sqrt_f32_ref(const UnaryParams& p, const float* input, float* output);
void rsqrt_f32_ref(const UnaryParams& p, const float* input, float* output);
// Fails (like TFLite Micro's Eval) when an input lies below the zero point, i.e. is negative.
Status rsqrt_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);

// QUANTIZE, overloaded on the output type: float32 -> int8/int16 rounds x / scale; integer
// inputs are requantized with the input/output scale ratio.
void quantize_f32_ref(const UnaryParams& p, const float* input, int8_t* output);
void quantize_f32_ref(const UnaryParams& p, const float* input, int16_t* output);
void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output);
void quantize_s8_ref(const UnaryParams& p, const int8_t* input, uint8_t* output);
void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int16_t* output);
void quantize_s8_ref(const UnaryParams& p, const int8_t* input, int32_t* output);
void quantize_u8_ref(const UnaryParams& p, const uint8_t* input, int8_t* output);
void quantize_s16_ref(const UnaryParams& p, const int16_t* input, int8_t* output);
void quantize_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output);
void quantize_s16_ref(const UnaryParams& p, const int16_t* input, int32_t* output);
void quantize_s32_ref(const UnaryParams& p, const int32_t* input, int8_t* output);
void quantize_s32_ref(const UnaryParams& p, const int32_t* input, int16_t* output);

void dequantize_s8_ref(const UnaryParams& p, const int8_t* input, float* output);
void dequantize_u8_ref(const UnaryParams& p, const uint8_t* input, float* output);
void dequantize_s16_ref(const UnaryParams& p, const int16_t* input, float* output);

}  // namespace mote
