#include "runtime/kernels/fully_connected.h"
#include "runtime/quant.h"

namespace mote {

void fully_connected_s8_ref(const FullyConnectedParams& p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + b * p.accum_depth;
    for (int32_t o = 0; o < p.output_depth; ++o) {
      const int8_t* w = filter + o * p.accum_depth;
      int32_t acc = 0;
      for (int32_t d = 0; d < p.accum_depth; ++d)
        acc += (w[d] + p.filter_offset) * (in[d] + p.input_offset);
      if (bias) acc = WrappingAdd(acc, bias[o]);
      output[b * p.output_depth + o] = FullyConnectedOutputS8(p, acc, o);
    }
  }
}

}  // namespace mote
