// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: NHWC images resampled to the size held by a
// constant int32 [2] tensor (new height, new width). Both map output pixel y to the input
// coordinate y * scale (or (y + 0.5) * scale - 0.5 with half_pixel_centers), where scale is
// in / out, or (in - 1) / (out - 1) with align_corners.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct ResizeOptions {
  bool align_corners = false;
  bool half_pixel_centers = false;
};

struct ResizeParams {
  int32_t batches = 0;
  int32_t input_height = 0;
  int32_t input_width = 0;
  int32_t output_height = 0;
  int32_t output_width = 0;
  int32_t depth = 0;
  int32_t element_size = 0;
  ResizeOptions options;
};

// Checks the shapes (4-D input and output sharing batch and depth, output H x W = size) and
// dtypes (same for input and output).
Status PrepareResize(const Tensor& input, const Tensor& size, const Tensor& output,
                     const ResizeOptions& options, ResizeParams* p);

void resize_bilinear_f32_ref(const ResizeParams& p, const float* input, float* output);
void resize_bilinear_s8_ref(const ResizeParams& p, const int8_t* input, int8_t* output);
// Nearest neighbour only copies pixels: one kernel for every dtype.
void resize_nearest_neighbor_ref(const ResizeParams& p, const void* input, void* output);

}  // namespace mote
