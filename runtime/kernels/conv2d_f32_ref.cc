#include "runtime/kernels/conv2d.h"

namespace mote {

void conv2d_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                    float* output) {
  Conv2DGather<float>(p, input, filter, 0.0f, output, [&](float acc, int32_t oc) {
    return ConvOutputF32(p, acc + (bias ? BiasAt(bias, oc) : 0.0f));
  });
}

}  // namespace mote
