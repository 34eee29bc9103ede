// Window walk shared by every pooling kernel: the per-dtype files only say how one clipped
// window is reduced.
#pragma once

#include <stdint.h>

#include "runtime/kernels/pooling.h"
#include "runtime/quant.h"

namespace mote {

// The in-bounds part of one output pixel's window: rows [y0, y1) and columns [x0, x1) of the
// input, already offset by the padding.
struct PoolWindow {
  int32_t y0, y1, x0, x1;
  int32_t count() const { return (y1 - y0) * (x1 - x0); }
};

// Calls reduce(window, in_channel0, out_channel0) once per output pixel; `in` points at the
// pixel's batch image and the kernel loops over channels itself (NHWC keeps them contiguous).
template <typename T, typename Reduce>
void ForEachPoolWindow(const PoolParams& p, const T* input, T* output, Reduce reduce) {
  const int64_t image = static_cast<int64_t>(p.input_h) * p.input_w * p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* in = input + b * image;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t y_origin = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t x_origin = ox * p.stride_w - p.pad_w;
        PoolWindow w;
        w.y0 = Max<int32_t>(0, y_origin);
        w.y1 = Min<int32_t>(p.input_h, y_origin + p.filter_h);
        w.x0 = Max<int32_t>(0, x_origin);
        w.x1 = Min<int32_t>(p.input_w, x_origin + p.filter_w);
        reduce(w, in, output);
        output += p.depth;
      }
    }
  }
}

// Integer average: TFLite rounds the quotient half away from zero (C division truncates, so
// half the divisor is added with the sign of the sum first). No taps: the sum, 0.
inline int32_t RoundedAverage(int32_t acc, int32_t count) {
  if (count <= 0) return acc;
  return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}

template <typename T>
void AveragePoolQuantized(const PoolParams& p, const T* input, T* output) {
  ForEachPoolWindow(p, input, output, [&p](const PoolWindow& w, const T* in, T* out) {
    const int32_t count = w.count();
    for (int32_t c = 0; c < p.depth; ++c) {
      int32_t acc = 0;
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = w.x0; x < w.x1; ++x) acc += in[(y * p.input_w + x) * p.depth + c];
      out[c] = static_cast<T>(Clamp(RoundedAverage(acc, count), p.act_min, p.act_max));
    }
  });
}

template <typename T>
void MaxPoolQuantized(const PoolParams& p, const T* input, T* output) {
  ForEachPoolWindow(p, input, output, [&p](const PoolWindow& w, const T* in, T* out) {
    for (int32_t c = 0; c < p.depth; ++c) {
      int32_t best = -(int32_t{1} << (sizeof(T) * 8 - 1));  // the type's lowest value
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = w.x0; x < w.x1; ++x) best = Max<int32_t>(best, in[(y * p.input_w + x) * p.depth + c]);
      out[c] = static_cast<T>(Clamp(best, p.act_min, p.act_max));
    }
  });
}

}  // namespace mote
