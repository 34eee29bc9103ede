// The in-bounds part of a convolution window, for the blocked plain-C++ kernels
// (conv2d_s8_blocked.cc, depthwise_conv2d_s8_blocked.cc): clipped once per output pixel instead
// of testing every tap.
#pragma once

#include <stdint.h>

#include "runtime/kernels/conv_common.h"

namespace mote {

// The in-bounds taps of one output pixel: rows [ky0, ky1) and columns [kx0, kx1) of the filter
// (without dilation the clipped taps of a row are one run of the input).
struct ClippedWindow {
  const int8_t* image;
  int64_t origin;  // offset in the image of tap (0, 0), which may lie outside it
  int32_t ky0, ky1, kx0, kx1;
};

inline ClippedWindow ClippedWindowOf(const ConvParams& p, const int8_t* image, int32_t oy, int32_t ox) {
  const int32_t iy0 = oy * p.stride_h - p.pad_h, ix0 = ox * p.stride_w - p.pad_w;
  ClippedWindow w;
  w.image = image;
  w.origin = (static_cast<int64_t>(iy0) * p.input_w + ix0) * p.input_depth;
  // The first tap inside: the smallest k with i0 + k * dilation >= 0; the end: the smallest k
  // with i0 + k * dilation >= size (both clamped to the filter).
  auto first = [](int32_t i0, int32_t d, int32_t n) { return i0 >= 0 ? 0 : Min(n, (-i0 + d - 1) / d); };
  auto end = [](int32_t i0, int32_t d, int32_t size, int32_t n) {
    return i0 >= size ? 0 : Min(n, (size - i0 + d - 1) / d);
  };
  w.ky0 = first(iy0, p.dilation_h, p.filter_h);
  w.ky1 = end(iy0, p.dilation_h, p.input_h, p.filter_h);
  w.kx0 = first(ix0, p.dilation_w, p.filter_w);
  w.kx1 = end(ix0, p.dilation_w, p.input_w, p.filter_w);
  return w;
}

// Visits the window's in-bounds taps: tap(input at the tap, the tap's index ky * filter_w + kx).
template <typename TapFn>
inline void ForEachClippedTap(const ConvParams& p, const ClippedWindow& w, TapFn tap) {
  const int64_t row_step = static_cast<int64_t>(p.dilation_h) * p.input_w * p.input_depth;
  const int32_t col_step = p.dilation_w * p.input_depth;
  for (int32_t ky = w.ky0; ky < w.ky1; ++ky) {
    const int8_t* in = w.image + (w.origin + ky * row_step + w.kx0 * col_step);
    for (int32_t kx = w.kx0; kx < w.kx1; ++kx, in += col_step) tap(in, ky * p.filter_w + kx);
  }
}

}  // namespace mote
