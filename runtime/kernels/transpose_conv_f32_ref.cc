#include "runtime/kernels/transpose_conv.h"

namespace mote {

void transpose_conv_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                            float* output) {
  TransposeConvScatter(p, input, filter, 0.0f, output);
  const int32_t outputs = p.batches * p.output_h * p.output_w * p.output_depth;
  for (int32_t i = 0; i < outputs; ++i)
    output[i] = ConvOutputF32(p, bias ? output[i] + BiasAt(bias, i % p.output_depth) : output[i]);
}

}  // namespace mote
