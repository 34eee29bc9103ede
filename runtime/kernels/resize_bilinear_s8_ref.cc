#include "runtime/kernels/resize_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

constexpr int32_t kOne = 1 << 10;  // coordinates are Q10 fixed point

// Input coordinate of output index `i` in Q10, and the two input rows (or columns) it blends,
// with TFLite's integer rounding (C division truncates towards zero).
struct Sample {
  int32_t at;
  int32_t lo;
  int32_t hi;
};

Sample SampleAt(int32_t i, int32_t scale, bool half_pixel_centers, int32_t in_size) {
  Sample s;
  s.at = half_pixel_centers ? i * scale + scale / 2 - kOne / 2 : i * scale;
  // TFLite only clamps lo from below; the upper clamp keeps extreme upscales inside the input.
  s.lo = Min(Max(s.at / kOne, int32_t{0}), in_size - 1);
  s.hi = Min((s.at + kOne - 1) / kOne, in_size - 1);
  return s;
}

int32_t Scale(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return (kOne * (in - 1) + (out - 1) / 2) / (out - 1);
  return (kOne * in + out / 2) / out;
}

}  // namespace

void resize_bilinear_s8_ref(const ResizeParams& p, const int8_t* input, int8_t* output) {
  const int32_t y_scale = Scale(p.input_height, p.output_height, p.options.align_corners);
  const int32_t x_scale = Scale(p.input_width, p.output_width, p.options.align_corners);
  const int64_t row = int64_t{p.input_width} * p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* image = input + b * p.input_height * row;
    for (int32_t y = 0; y < p.output_height; ++y) {
      const Sample sy = SampleAt(y, y_scale, p.options.half_pixel_centers, p.input_height);
      const int32_t wy1 = sy.at - kOne * sy.lo;
      const int32_t wy0 = kOne - wy1;
      for (int32_t x = 0; x < p.output_width; ++x) {
        const Sample sx = SampleAt(x, x_scale, p.options.half_pixel_centers, p.input_width);
        const int32_t wx1 = sx.at - kOne * sx.lo;
        const int32_t wx0 = kOne - wx1;
        const int8_t* p00 = image + sy.lo * row + sx.lo * p.depth;
        const int8_t* p10 = image + sy.hi * row + sx.lo * p.depth;
        const int8_t* p01 = image + sy.lo * row + sx.hi * p.depth;
        const int8_t* p11 = image + sy.hi * row + sx.hi * p.depth;
        for (int32_t c = 0; c < p.depth; ++c) {
          const int64_t q20 = int64_t{p00[c]} * wy0 * wx0 + int64_t{p10[c]} * wy1 * wx0 +
                              int64_t{p01[c]} * wy0 * wx1 + int64_t{p11[c]} * wy1 * wx1;
          // TFLM's default (double) rounding: half away from zero, then truncating division.
          const int64_t rounded = (q20 + (q20 > 0 ? (1 << 19) : -(1 << 19))) / (1 << 20);
          *output++ = static_cast<int8_t>(rounded);
        }
      }
    }
  }
}

}  // namespace mote
