// Output size and implicit padding of windowed ops (conv, depthwise, pooling, transpose conv),
// computed exactly as TFLite does: SAME pads so that out = ceil(in / stride), putting the odd
// padding element at the end; VALID uses no padding.
#pragma once

#include <stdint.h>

#include "runtime/tensor.h"

namespace mote {

constexpr int32_t EffectiveFilterSize(int32_t filter, int32_t dilation) {
  return (filter - 1) * dilation + 1;
}

// Output length along one axis; 0 or less means the window never fits.
constexpr int32_t WindowOutputSize(Padding padding, int32_t in, int32_t filter, int32_t stride,
                                   int32_t dilation) {
  return padding == Padding::kSame ? (in + stride - 1) / stride
                                   : (in + stride - EffectiveFilterSize(filter, dilation)) / stride;
}

struct AxisPadding {
  int32_t before = 0;  // padding at the start (what kernels subtract from the input index)
  int32_t offset = 0;  // 1 when the total padding is odd (the extra element goes at the end)
};

constexpr AxisPadding WindowPadding(int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                                    int32_t out) {
  int32_t total = (out - 1) * stride + EffectiveFilterSize(filter, dilation) - in;
  if (total < 0) total = 0;
  return AxisPadding{total / 2, total % 2};
}

}  // namespace mote
