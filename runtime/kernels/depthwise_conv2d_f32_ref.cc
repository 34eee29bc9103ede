#include "runtime/kernels/depthwise_conv2d.h"

namespace mote {

void depthwise_conv2d_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                              float* output) {
  DepthwiseConv2DGather<float>(p, input, filter, 0.0f, output, [&](float acc, int32_t oc) {
    return ConvOutputF32(p, acc + (bias ? BiasAt(bias, oc) : 0.0f));
  });
}

}  // namespace mote
