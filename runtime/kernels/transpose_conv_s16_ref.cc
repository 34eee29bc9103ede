#include "runtime/kernels/transpose_conv.h"

namespace mote {
namespace {

// TFLM widens an int16 bias to int64 before the same int64 kernel, so one body serves both.
template <typename Bias>
void TransposeConvS16(const ConvParams& p, const int16_t* input, const int8_t* filter, const Bias* bias,
                      int16_t* output, int64_t* scratch) {
  TransposeConvScatter(p, input, filter, int64_t{0}, scratch);
  const int32_t outputs = p.batches * p.output_h * p.output_w * p.output_depth;
  for (int32_t i = 0; i < outputs; ++i) {
    const int32_t oc = i % p.output_depth;
    const int64_t acc = bias ? AccumulateAdd(scratch[i], static_cast<int64_t>(BiasAt(bias, oc))) : scratch[i];
    output[i] = ConvOutputS16(p, acc, oc);
  }
}

}  // namespace

void transpose_conv_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                            const int64_t* bias, int16_t* output, int64_t* scratch) {
  TransposeConvS16(p, input, filter, bias, output, scratch);
}

void transpose_conv_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                            const int16_t* bias, int16_t* output, int64_t* scratch) {
  TransposeConvS16(p, input, filter, bias, output, scratch);
}

}  // namespace mote
