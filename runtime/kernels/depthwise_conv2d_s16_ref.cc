#include "runtime/kernels/depthwise_conv2d.h"

namespace mote {

void depthwise_conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                              const int64_t* bias, int16_t* output) {
  DepthwiseConv2DGather<int64_t>(p, input, filter, int64_t{0}, output, [&](int64_t acc, int32_t oc) {
    return ConvOutputS16(p, bias ? AccumulateAdd(acc, BiasAt(bias, oc)) : acc, oc);
  });
}

}  // namespace mote
