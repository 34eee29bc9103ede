// ADD and SUB: output = act(input1 + input2) and act(input1 - input2), with TFLite broadcasting
// (see binary_common.h). Quantized variants follow TFLite Micro's reference kernels bit for bit:
// both inputs are moved to a common scale (twice the larger input scale) after a left shift that
// leaves headroom (20 bits for int8, 15 for int16), added or subtracted in int32, rescaled to
// the output, offset and clamped. TFLM has only this general path for int16: it ignores the
// options' pot_scale_int16 flag (TFLite's power-of-two int16 path is not in TFLM).
//   s8:  int8 inputs and output, any zero points
//   s16: int16 inputs and output; ADD accepts non-zero zero points, SUB requires input zero
//        points 0 (TFLM's debug checks)
#pragma once

#include <stdint.h>

#include "runtime/kernels/binary_common.h"
#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

enum class AddKind : uint8_t { kAdd, kSub };

struct AddOptions {
  AddKind kind = AddKind::kAdd;
  Activation activation = Activation::kNone;
};

struct AddParams {
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
  int32_t output_shift = 0;    // <= 0
  int32_t act_min = 0;
  int32_t act_max = 0;
  float float_min = 0.0f;
  float float_max = 0.0f;
};

// Checks dtypes, shapes and quantization of an ADD (options.kind == kAdd) or SUB and fills `p`.
Status PrepareAdd(const Tensor& input1, const Tensor& input2, const Tensor& output,
                  const AddOptions& options, AddParams* p);

void add_f32_ref(const AddParams& p, const float* input1, const float* input2, float* output);
void add_s8_ref(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void add_s16_ref(const AddParams& p, const int16_t* input1, const int16_t* input2,
                 int16_t* output);
void sub_f32_ref(const AddParams& p, const float* input1, const float* input2, float* output);
void sub_s8_ref(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void sub_s16_ref(const AddParams& p, const int16_t* input1, const int16_t* input2,
                 int16_t* output);

// DSP-extension variants (Cortex-M4/M7/M33/M55; portable emulation elsewhere), bit-exact with
// add_s8_ref / sub_s8_ref on the layers they support: inputs of equal shape (no broadcasting).
bool AddS8DspSupports(const AddParams& p);
void add_s8_dsp(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void sub_s8_dsp(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);

// Helium (MVE) variants (Cortex-M55; portable emulation elsewhere), same layers as the DSP ones.
bool AddS8MveSupports(const AddParams& p);
void add_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void sub_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);

// --- shared by the add_* and sub_* kernels ---

template <AddKind kKind, typename T>
inline void AddSubQuantized(const AddParams& p, const T* input1, const T* input2, T* output) {
  BroadcastBinary(p.layout, input1, input2, output, [&p](T a, T b) {
    const int32_t x =
        ScaledInput(a, p.input1_offset, p.left_shift, p.input1_multiplier, p.input1_shift);
    const int32_t y =
        ScaledInput(b, p.input2_offset, p.left_shift, p.input2_multiplier, p.input2_shift);
    const int32_t raw = kKind == AddKind::kAdd ? x + y : x - y;
    const int32_t v = MultiplyByQuantizedMultiplierSmallerThanOneExp(raw, p.output_multiplier,
                                                                     p.output_shift) +
                      p.output_offset;
    return static_cast<T>(Clamp(v, p.act_min, p.act_max));
  });
}

template <AddKind kKind>
inline void AddSubFloat(const AddParams& p, const float* input1, const float* input2,
                        float* output) {
  BroadcastBinary(p.layout, input1, input2, output, [&p](float a, float b) {
    return Clamp(kKind == AddKind::kAdd ? a + b : a - b, p.float_min, p.float_max);
  });
}

}  // namespace mote
