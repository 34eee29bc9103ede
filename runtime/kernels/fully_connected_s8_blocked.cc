// FULLY_CONNECTED int8 in plain C++ for cores without the DSP extension or Helium (RISC-V, the
// host), bit-exact with fully_connected_s8_ref: the same int32 sums (wrapping) and output stage.
//
// Why: the reference walks the input once per row. Here four rows share each input value,
// loaded and offset once; the sums wrap as uint32, like the reference's int32 additions do on
// every target mote supports.
#include "runtime/kernels/fully_connected.h"

namespace mote {

bool FullyConnectedS8BlockedSupports(const FullyConnectedParams& p) { return p.filter_offset == 0; }

void fully_connected_s8_blocked(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                const int32_t* bias, int8_t* output) {
  const int32_t depth = p.accum_depth, rows = p.output_depth, offset = p.input_offset;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + b * depth;
    int8_t* out = output + b * rows;
    int32_t o = 0;
    for (; o + 4 <= rows; o += 4) {
      const int8_t* w0 = filter + o * depth;
      const int8_t* w1 = w0 + depth;
      const int8_t* w2 = w1 + depth;
      const int8_t* w3 = w2 + depth;
      uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (int32_t d = 0; d < depth; ++d) {
        const int32_t x = in[d] + offset;
        a0 += static_cast<uint32_t>(w0[d] * x);
        a1 += static_cast<uint32_t>(w1[d] * x);
        a2 += static_cast<uint32_t>(w2[d] * x);
        a3 += static_cast<uint32_t>(w3[d] * x);
      }
      const uint32_t sums[4] = {a0, a1, a2, a3};
      for (int32_t i = 0; i < 4; ++i)
        out[o + i] = FullyConnectedOutputS8(p, static_cast<int32_t>(bias ? sums[i] + static_cast<uint32_t>(bias[o + i]) : sums[i]), o + i);
    }
    for (; o < rows; ++o) {
      const int8_t* w = filter + o * depth;
      uint32_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) acc += static_cast<uint32_t>(w[d] * (in[d] + offset));
      out[o] = FullyConnectedOutputS8(p, static_cast<int32_t>(bias ? acc + static_cast<uint32_t>(bias[o]) : acc), o);
    }
  }
}

}  // namespace mote
