#include <math.h>
#include <string.h>

#include "runtime/kernels/resize_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// Input index that output index `i` copies, computed in float exactly as TFLite does.
int32_t Nearest(int32_t i, int32_t in_size, int32_t out_size, const ResizeOptions& o) {
  const float scale = o.align_corners && out_size > 1
                          ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
                          : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float at = (static_cast<float>(i) + (o.half_pixel_centers ? 0.5f : 0.0f)) * scale;
  const int32_t index = static_cast<int32_t>(o.align_corners ? roundf(at) : floorf(at));
  return Max(Min(index, in_size - 1), int32_t{0});
}

}  // namespace

void resize_nearest_neighbor_ref(const ResizeParams& p, const void* input, void* output) {
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t pixel = static_cast<size_t>(p.depth) * p.element_size;
  const size_t row = pixel * p.input_width;
  for (int32_t b = 0; b < p.batches; ++b) {
    const uint8_t* image = in + b * row * p.input_height;
    for (int32_t y = 0; y < p.output_height; ++y) {
      const uint8_t* src_row = image + Nearest(y, p.input_height, p.output_height, p.options) * row;
      for (int32_t x = 0; x < p.output_width; ++x) {
        memcpy(out, src_row + Nearest(x, p.input_width, p.output_width, p.options) * pixel, pixel);
        out += pixel;
      }
    }
  }
}

}  // namespace mote
