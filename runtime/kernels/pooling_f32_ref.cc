#include <float.h>

#include "runtime/kernels/pooling_common.h"

namespace mote {

void average_pool_f32_ref(const PoolParams& p, const float* input, float* output) {
  ForEachPoolWindow(p, input, output, [&p](const PoolWindow& w, const float* in, float* out) {
    const float count = static_cast<float>(w.count());
    for (int32_t c = 0; c < p.depth; ++c) {
      float total = 0.0f;
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = w.x0; x < w.x1; ++x) total += in[(y * p.input_w + x) * p.depth + c];
      out[c] = Clamp(total / count, p.float_min, p.float_max);
    }
  });
}

void max_pool_f32_ref(const PoolParams& p, const float* input, float* output) {
  ForEachPoolWindow(p, input, output, [&p](const PoolWindow& w, const float* in, float* out) {
    for (int32_t c = 0; c < p.depth; ++c) {
      float best = -FLT_MAX;  // TFLite starts from the lowest finite float, not -inf
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = w.x0; x < w.x1; ++x) best = Max(best, in[(y * p.input_w + x) * p.depth + c]);
      out[c] = Clamp(best, p.float_min, p.float_max);
    }
  });
}

}  // namespace mote
