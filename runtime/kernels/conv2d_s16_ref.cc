#include "runtime/kernels/conv2d.h"

namespace mote {

void conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter, const int64_t* bias,
                    int16_t* output) {
  Conv2DGather<int64_t>(p, input, filter, int64_t{0}, output, [&](int64_t acc, int32_t oc) {
    return ConvOutputS16(p, bias ? AccumulateAdd(acc, BiasAt(bias, oc)) : acc, oc);
  });
}

// TFLM keeps a 32-bit accumulator when the bias is int32 or absent, and lets it wrap.
void conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter, const int32_t* bias,
                    int16_t* output) {
  Conv2DGather<int32_t>(p, input, filter, int32_t{0}, output, [&](int32_t acc, int32_t oc) {
    return ConvOutputS16(p, bias ? AccumulateAdd(acc, BiasAt(bias, oc)) : acc, oc);
  });
}

}  // namespace mote
