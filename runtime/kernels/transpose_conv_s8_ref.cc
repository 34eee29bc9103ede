#include "runtime/kernels/transpose_conv.h"

namespace mote {

void transpose_conv_s8_ref(const ConvParams& p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, int8_t* output, int32_t* scratch) {
  TransposeConvScatter(p, input, filter, p.input_offset, scratch);
  const int32_t outputs = p.batches * p.output_h * p.output_w * p.output_depth;
  for (int32_t i = 0; i < outputs; ++i) {
    const int32_t oc = i % p.output_depth;
    output[i] = ConvOutputS8(p, bias ? AccumulateAdd(scratch[i], BiasAt(bias, oc)) : scratch[i], oc);
  }
}

}  // namespace mote
