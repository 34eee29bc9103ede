// The int8 output stage of the `_dsp` kernels: TFLite's MultiplyByQuantizedMultiplier (the two
// roundings of quant.h) computed as one 64-bit multiply-accumulate and one shift, bit-exact for
// every int32 accumulator.
//
// Why it is exact. With M >= 0 (QuantizeMultiplier never returns a negative multiplier):
//  - SaturatingRoundingDoublingHighMul(x, M) = floor((x*M + 2^30) / 2^31) for every x, because
//    gemmlowp's nudge 1 - 2^30 for negative products followed by division truncating toward
//    zero equals the floor of (x*M + 2^30) / 2^31; the saturating case x = M = INT32_MIN cannot
//    occur.
//  - RoundingDivideByPOT(r, e), e >= 1, rounds half away from zero:
//    floor((r + 2^(e-1) - [r < 0]) / 2^e).
//  - floor((floor(a) + c) / 2^e) = floor((a + c) / 2^e) for integer c, so both roundings fold
//    into floor((x*M + 2^30 + 2^(30+e) - [r < 0] * 2^31) / 2^(31+e)).
//  - [r < 0] may be replaced by [x < 0]: they differ only when -2^30 <= x*M < 0, where r = 0 and
//    both numerators lie in [0, 2^(31+e)), so the quotient is 0 either way.
// The quotient of a division by 2^(31+e), e >= 1, is the high word of the 64-bit sum shifted
// right by e - 1: SMLAL plus ASR on Armv7E-M. A positive shift (multiplier above one) is the
// left shift followed by the first rounding alone.
#pragma once

#include <stdint.h>

#include "runtime/quant.h"

namespace mote {

struct ChannelRequant {
  int32_t multiplier = 0;
  int32_t left_shift = 0;    // TFLite shift when positive
  int32_t right_shift = 0;   // -shift when negative (1..31), else 0
  int64_t rounding = 0;      // 2^30, plus 2^(30 + right_shift) when right_shift > 0
};

// `shift` in [-31, 30], as QuantizeMultiplier and the kernels' Prepare checks guarantee.
inline ChannelRequant MakeChannelRequant(int32_t multiplier, int32_t shift) {
  ChannelRequant q;
  q.multiplier = multiplier;
  q.left_shift = shift > 0 ? shift : 0;
  q.right_shift = shift < 0 ? -shift : 0;
  q.rounding = (int64_t{1} << 30) + (q.right_shift > 0 ? (int64_t{1} << (30 + q.right_shift)) : 0);
  return q;
}

// MultiplyByQuantizedMultiplier(acc, multiplier, shift), exactly.
inline int32_t Requantize(const ChannelRequant& q, int32_t acc) {
  if (q.right_shift > 0) {
    const int64_t sign_fix = static_cast<int64_t>(static_cast<uint32_t>(acc) & 0x80000000u);
    const int64_t sum = q.rounding - sign_fix + static_cast<int64_t>(acc) * q.multiplier;
    return static_cast<int32_t>(static_cast<uint64_t>(sum) >> 32) >> (q.right_shift - 1);
  }
  const int64_t sum = q.rounding + static_cast<int64_t>(ShiftLeftWrapping(acc, q.left_shift)) * q.multiplier;
  return static_cast<int32_t>(static_cast<uint64_t>(sum) >> 31);
}

// Requantize, add the output zero point (wrapping, as the reference does), clamp to the fused
// activation's range [act_min, act_max] (inside [-128, 127]).
inline int8_t OutputS8(const ChannelRequant& q, int32_t acc, int32_t output_offset, int32_t act_min,
                       int32_t act_max) {
  const int32_t v = WrappingAdd(Requantize(q, acc), output_offset);
  return static_cast<int8_t>(Clamp(v, act_min, act_max));
}

}  // namespace mote
