#include <math.h>

#include "runtime/kernels/resize_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// Where output index `i` samples the input, in float exactly as TFLite computes it, and the two
// input rows (or columns) it blends.
struct Sample {
  float at;
  int32_t lo;
  int32_t hi;
};

Sample SampleAt(int32_t i, float scale, bool half_pixel_centers, int32_t in_size) {
  Sample s;
  s.at = half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                            : static_cast<float>(i) * scale;
  // TFLite only clamps lo from below; the upper clamp keeps hostile sizes inside the input.
  s.lo = Min(Max(static_cast<int32_t>(floorf(s.at)), int32_t{0}), in_size - 1);
  s.hi = Min(static_cast<int32_t>(ceilf(s.at)), in_size - 1);
  return s;
}

float Scale(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  return static_cast<float>(in) / static_cast<float>(out);
}

}  // namespace

void resize_bilinear_f32_ref(const ResizeParams& p, const float* input, float* output) {
  const float y_scale = Scale(p.input_height, p.output_height, p.options.align_corners);
  const float x_scale = Scale(p.input_width, p.output_width, p.options.align_corners);
  const int64_t row = int64_t{p.input_width} * p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* image = input + b * p.input_height * row;
    for (int32_t y = 0; y < p.output_height; ++y) {
      const Sample sy = SampleAt(y, y_scale, p.options.half_pixel_centers, p.input_height);
      const float dy = sy.at - static_cast<float>(sy.lo);
      for (int32_t x = 0; x < p.output_width; ++x) {
        const Sample sx = SampleAt(x, x_scale, p.options.half_pixel_centers, p.input_width);
        const float dx = sx.at - static_cast<float>(sx.lo);
        const float* p00 = image + sy.lo * row + sx.lo * p.depth;
        const float* p10 = image + sy.hi * row + sx.lo * p.depth;
        const float* p01 = image + sy.lo * row + sx.hi * p.depth;
        const float* p11 = image + sy.hi * row + sx.hi * p.depth;
        // Same products in the same order as TFLite, so float results match to the last bit.
        for (int32_t c = 0; c < p.depth; ++c)
          *output++ = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) +
                      p01[c] * (1 - dy) * dx + p11[c] * dy * dx;
      }
    }
  }
}

}  // namespace mote
