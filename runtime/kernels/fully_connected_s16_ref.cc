#include "runtime/kernels/fully_connected.h"
#include "runtime/quant.h"

namespace mote {

void fully_connected_s16_ref(const FullyConnectedParams& p, const int16_t* input,
                             const int8_t* filter, const int64_t* bias, int16_t* output) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const int16_t* in = input + b * p.accum_depth;
    for (int32_t o = 0; o < p.output_depth; ++o) {
      const int8_t* w = filter + o * p.accum_depth;
      int64_t acc = 0;
      for (int32_t d = 0; d < p.accum_depth; ++d)
        acc += static_cast<int64_t>(w[d] + p.filter_offset) * in[d];
      if (bias) acc = WrappingAdd64(acc, bias[o]);
      const int32_t multiplier = p.channel_multipliers ? p.channel_multipliers[o] : p.output_multiplier;
      const int32_t shift = p.channel_shifts ? p.channel_shifts[o] : p.output_shift;
      int32_t v = MultiplyByQuantizedMultiplier64(acc, multiplier, shift) + p.output_offset;
      output[b * p.output_depth + o] = static_cast<int16_t>(Clamp(v, p.act_min, p.act_max));
    }
  }
}

}  // namespace mote
