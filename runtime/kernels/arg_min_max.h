// ARG_MAX and ARG_MIN: the index of the largest / smallest value along one axis, as int32. Ties
// keep the first index (a later value must compare strictly better), as TFLite's reference does;
// quantized inputs compare raw values, which orders them like the real values.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct ArgMinMaxParams {
  int32_t outer = 0;      // product of the dimensions before the axis
  int32_t axis_size = 0;
  int32_t inner = 0;      // product of the dimensions after the axis
};

// Checks dtypes and the axis tensor; resolves the axis when it is constant (returns
// `*resolved` = false otherwise, and ResolveArgMinMaxAxis must run at eval time).
Status PrepareArgMinMax(const Tensor& input, const Tensor& axis, const Tensor& output,
                        ArgMinMaxParams* p, bool* resolved);
// Reads the axis value (negative counts from the end) and checks the output shape against it.
Status ResolveArgMinMaxAxis(const Tensor& input, const Tensor& axis, const Tensor& output,
                            ArgMinMaxParams* p);

void arg_max_f32_ref(const ArgMinMaxParams& p, const float* input, int32_t* output);
void arg_min_f32_ref(const ArgMinMaxParams& p, const float* input, int32_t* output);
void arg_max_s8_ref(const ArgMinMaxParams& p, const int8_t* input, int32_t* output);
void arg_min_s8_ref(const ArgMinMaxParams& p, const int8_t* input, int32_t* output);

}  // namespace mote
