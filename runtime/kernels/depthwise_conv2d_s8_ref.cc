#include "runtime/kernels/depthwise_conv2d.h"

namespace mote {

void depthwise_conv2d_s8_ref(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output) {
  DepthwiseConv2DGather<int32_t>(p, input, filter, p.input_offset, output, [&](int32_t acc, int32_t oc) {
    return ConvOutputS8(p, bias ? AccumulateAdd(acc, BiasAt(bias, oc)) : acc, oc);
  });
}

}  // namespace mote
