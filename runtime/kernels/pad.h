// PAD and PADV2: surround the input with a constant along every axis. The pad value is 0 for
// float32, int16 and the integer dtypes, the output zero point for int8/uint8 (TFLM's rule), or
// PADV2's scalar constant_values input, which Eval reads since it may be computed.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct PadParams {
  // Axes whose inner neighbour has no padding are merged, so rank may be below the tensor's.
  int32_t rank = 0;
  int32_t input_dims[kMaxRank] = {};
  int32_t before[kMaxRank] = {};
  int32_t after[kMaxRank] = {};
  int32_t element_size = 0;
  uint8_t default_value[8] = {};  // the pad value's bytes when there is no constant_values input
};

// `paddings` is a constant int32/int64 [rank, 2] tensor; `constant_values` is PADV2's optional
// scalar (nullptr for PAD).
Status PreparePad(const Tensor& input, const Tensor& paddings, const Tensor* constant_values,
                  const Tensor& output, PadParams* p);

// `pad_value` points to one element of the input's dtype.
void pad_ref(const PadParams& p, const void* input, const void* pad_value, void* output);

}  // namespace mote
