// FULLY_CONNECTED int8 for cores with the DSP extension (Cortex-M4, M7, M33, M55): the reference
// sums, reordered into 16-bit multiply-accumulate pairs (SMLAD). Four filter rows share each
// widened input word, so the input is sign-extended once per four rows; each filter word is
// sign-extended once. The output stage is requant_dsp.h's exact one.
//
// Layout trick: SXTB16 takes bytes 0 and 2 of a word, SXTB16 of the word rotated by 8 bytes 1 and
// 3. Applied to four input bytes and four filter bytes alike, the two SMLADs pair up matching
// elements, so no repacking is needed.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

constexpr int kRows = 4;  // filter rows per pass over the input

struct InputPairs {
  int32_t even;  // elements 0 and 2 plus the input offset
  int32_t odd;   // elements 1 and 3 plus the input offset
};

inline InputPairs WidenInput(const int8_t* x, int32_t offset_pair) {
  const int32_t v = Load32(x);
  return {__sxtab16(offset_pair, v), __sxtab16(offset_pair, Ror8(v))};
}

inline int32_t DotStep(const int8_t* w, InputPairs x, int32_t acc) {
  const int32_t v = Load32(w);
  acc = __smlad(__sxtb16(v), x.even, acc);
  return __smlad(__sxtb16(Ror8(v)), x.odd, acc);
}

inline ChannelRequant RowRequant(const FullyConnectedParams& p, int32_t row) {
  return p.channel_multipliers ? MakeChannelRequant(p.channel_multipliers[row], p.channel_shifts[row])
                               : MakeChannelRequant(p.output_multiplier, p.output_shift);
}

inline int32_t BiasOf(const int32_t* bias, int32_t row) {
  if (!bias) return 0;
  int32_t v;
  __builtin_memcpy(&v, bias + row, sizeof v);
  return v;
}

inline int8_t Finish(const FullyConnectedParams& p, const int32_t* bias, int32_t row, int32_t acc) {
  return OutputS8(RowRequant(p, row), WrappingAdd(acc, BiasOf(bias, row)), {p.output_offset, p.act_min, p.act_max});
}

// Dot products of kRows consecutive filter rows with one input vector.
void RowBlock(const FullyConnectedParams& p, const int8_t* in, const int8_t* filter, const int32_t* bias,
              int32_t row, int8_t* out) {
  const int32_t depth = p.accum_depth;
  const int32_t offset_pair = static_cast<int32_t>((static_cast<uint32_t>(p.input_offset) & 0xFFFFu) |
                                                   (static_cast<uint32_t>(p.input_offset) << 16));
  const int8_t* w0 = filter + row * depth;
  const int8_t* w1 = w0 + depth;
  const int8_t* w2 = w1 + depth;
  const int8_t* w3 = w2 + depth;
  int32_t acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
  const int8_t* x = in;
  const int8_t* const x_end4 = in + (depth & ~3);
  for (; x != x_end4; x += 4, w0 += 4, w1 += 4, w2 += 4, w3 += 4) {
    const InputPairs xp = WidenInput(x, offset_pair);
    acc0 = DotStep(w0, xp, acc0);
    acc1 = DotStep(w1, xp, acc1);
    acc2 = DotStep(w2, xp, acc2);
    acc3 = DotStep(w3, xp, acc3);
  }
  for (const int8_t* const x_end = in + depth; x != x_end; ++x, ++w0, ++w1, ++w2, ++w3) {
    const int32_t v = *x + p.input_offset;
    acc0 = WrappingAdd(acc0, *w0 * v);
    acc1 = WrappingAdd(acc1, *w1 * v);
    acc2 = WrappingAdd(acc2, *w2 * v);
    acc3 = WrappingAdd(acc3, *w3 * v);
  }
  out[row] = Finish(p, bias, row, acc0);
  out[row + 1] = Finish(p, bias, row + 1, acc1);
  out[row + 2] = Finish(p, bias, row + 2, acc2);
  out[row + 3] = Finish(p, bias, row + 3, acc3);
}

void SingleRow(const FullyConnectedParams& p, const int8_t* in, const int8_t* filter, const int32_t* bias,
               int32_t row, int8_t* out) {
  const int32_t depth = p.accum_depth;
  const int32_t offset_pair = static_cast<int32_t>((static_cast<uint32_t>(p.input_offset) & 0xFFFFu) |
                                                   (static_cast<uint32_t>(p.input_offset) << 16));
  const int8_t* w = filter + row * depth;
  int32_t acc = 0;
  int32_t d = 0;
  for (; d + 4 <= depth; d += 4) acc = DotStep(w + d, WidenInput(in + d, offset_pair), acc);
  for (; d < depth; ++d) acc = WrappingAdd(acc, w[d] * (in[d] + p.input_offset));
  out[row] = Finish(p, bias, row, acc);
}

}  // namespace

bool FullyConnectedS8DspSupports(const FullyConnectedParams& p) { return p.filter_offset == 0; }

void fully_connected_s8_dsp(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                            const int32_t* bias, int8_t* output) {
  const int32_t blocked_rows = p.output_depth - p.output_depth % kRows;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + b * p.accum_depth;
    int8_t* out = output + b * p.output_depth;
    int32_t row = 0;
    for (; row < blocked_rows; row += kRows) RowBlock(p, in, filter, bias, row, out);
    for (; row < p.output_depth; ++row) SingleRow(p, in, filter, bias, row, out);
  }
}

}  // namespace mote
