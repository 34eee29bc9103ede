// int16 LOGISTIC and TANH as TFLite Micro's reference kernels compute them: the input is brought
// to a fixed scale (3 * 2^-12 per LSB after rescaling, so +-2^17 spans about +-10.7), then a
// 256-entry sigmoid table is read at the top bits and linearly interpolated with the low bits;
// tanh uses the same table through tanh(x) = 2 sigmoid(2x) - 1. Outputs are Q0.15 (scale 2^-15).
//
// The integer LSTM reuses these element functions on its gate buffers (in place is fine), with
// multiplier/shift pairs it computes itself, so their signature mirrors TFLM's:
//   input_multiplier == 0: the input scale is a power of two; the effective multiplier is
//                          3 << input_left_shift and no rounding shift is applied;
//   otherwise:             x * input_multiplier, rounding right shift by input_left_shift.
// input_left_shift must be in [0, 31] (with multiplier 0: small enough that 3 << shift fits).
#pragma once

#include <stdint.h>

#include "runtime/status.h"

namespace mote {

struct ActivationS16Params {
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
};

// log2(x) rounded to an integer, and whether x is a power of two within TFLite's 1e-3 tolerance
// on the log (float arithmetic, as TFLite's CheckedLog2).
bool CheckedLog2(float x, int* log2_result);

// The input rescaling TFLM's Prepare derives from the input scale. `tanh` also takes the
// power-of-two shortcut for scale 2^-11 (left shift 1), logistic only for 2^-12.
Status PrepareLogisticS16Scaling(float input_scale, ActivationS16Params* p);
Status PrepareTanhS16Scaling(float input_scale, ActivationS16Params* p);

// Element-wise over `size` values; `output` may equal `input`.
void logistic_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t size,
                  const int16_t* input, int16_t* output);
void tanh_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t size,
              const int16_t* input, int16_t* output);

}  // namespace mote
