// What the two DSP FULLY_CONNECTED kernels share (fully_connected_s8_dsp.cc, row-major filter;
// fully_connected_s8_rows4_dsp.cc, filter packed by `mote compile`): the widened input vector
// and the int8 output stage.
#pragma once

#include "runtime/kernels/acle.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace fc_dsp {

// Input vectors longer than this are not widened into scratch (the buffer would cost more arena
// than the layer is worth).
constexpr int32_t kMaxWidened = 1024;

inline int32_t OffsetPair(int32_t offset) {
  return static_cast<int32_t>((static_cast<uint32_t>(offset) & 0xFFFFu) | (static_cast<uint32_t>(offset) << 16));
}

// The input vector as 16-bit values with the input offset added, two words per group of four
// elements e0..e3: the halfword pairs (e0, e2), (e1, e3), the order SXTB16 and SXTB16-ROR8
// produce from four filter bytes. A partial last group is completed with the zero point, 0 once
// offset. Writes (depth + 3) / 4 * 2 words.
inline void Widen(const FullyConnectedParams& p, const int8_t* in, int32_t* dst) {
  const int32_t offset_pair = OffsetPair(p.input_offset);
  const int32_t full = p.accum_depth / 4, tail = p.accum_depth % 4;
  for (int32_t g = 0; g < full; ++g, in += 4, dst += 2) {
    const int32_t x = Load32(in);
    dst[0] = __sxtab16(offset_pair, x);
    dst[1] = SxtabOdd(offset_pair, x);
  }
  if (tail > 0) {
    const uint8_t zero_point = static_cast<uint8_t>(-p.input_offset);
    uint32_t x = 0;
    for (int32_t i = 0; i < 4; ++i)
      x |= static_cast<uint32_t>(i < tail ? static_cast<uint8_t>(in[i]) : zero_point) << (8 * i);
    dst[0] = __sxtab16(offset_pair, static_cast<int32_t>(x));
    dst[1] = SxtabOdd(offset_pair, static_cast<int32_t>(x));
  }
}

// Four weights against a widened group (even, odd).
inline int32_t Dot4(int32_t w, int32_t even, int32_t odd, int32_t acc) {
  acc = __smlad(SxtbEven(w), even, acc);
  return __smlad(SxtbOdd(w), odd, acc);
}

inline int32_t BiasOf(const int32_t* bias, int32_t row) { return bias ? Load32(bias + row) : 0; }

// The output stage: a per-tensor layer's in requant_dsp.h's folded shape, made once per call
// (the zero point in the rounding constant when the shift allows, else added after the shift);
// per-channel layers and shifts the folded shape declines go through OutputS8 per row.
struct Stage {
  FoldedRequant f;
  int32_t zero_point;
  bool folded;
};

inline Stage StageOf(const FullyConnectedParams& p) {
  Stage s = {};
  if (p.channel_multipliers) return s;
  // A zero multiplier requantizes every sum to 0 at any shift.
  const ChannelRequant q = MakeChannelRequant(p.output_multiplier, p.output_multiplier == 0 ? -1 : p.output_shift);
  if (MakeFoldedRequantAnyRange(q, {p.output_offset, p.act_min, p.act_max}, &s.f)) {
    s.folded = true;
  } else if (MakeUnfoldedRequant(q, &s.f)) {
    s.zero_point = p.output_offset;
    s.folded = true;
  }
  return s;
}

// Row `row`'s output from its sum (Stage from StageOf, or {} for the per-row form).
inline int8_t Output(const FullyConnectedParams& p, const Stage& s, int32_t row, int32_t acc) {
  if (s.folded) return OutputS8FoldedClamped<FoldedClamp::kBoth>(s.f, acc, p.act_min, p.act_max, s.zero_point);
  const ChannelRequant q = p.channel_multipliers ? MakeChannelRequant(p.channel_multipliers[row], p.channel_shifts[row])
                                                 : MakeChannelRequant(p.output_multiplier, p.output_shift);
  return OutputS8(q, acc, {p.output_offset, p.act_min, p.act_max});
}

}  // namespace fc_dsp
}  // namespace mote
