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

#include "runtime/kernels/acle.h"
#include "runtime/quant.h"

namespace mote {

// Per output channel; kernels copy it into locals (by value) so that the int8 output stores,
// which may alias anything, do not force it to be reloaded.
struct ChannelRequant {
  int32_t multiplier = 0;
  int32_t left_shift = 0;    // TFLite shift when positive, else 0
  int32_t high_shift = -1;   // right shift e = -shift > 0: e - 1, the shift of the sum's high word;
                             // -1 when there is no right shift (the left-shift form)
  uint32_t round_lo = 0;     // 2^30 + 2^(30+e) as 64 bits (right-shift form only)
  int32_t round_hi = 0;
};

// `shift` in [-31, 30], as QuantizeMultiplier and the kernels' Prepare checks guarantee.
inline ChannelRequant MakeChannelRequant(int32_t multiplier, int32_t shift) {
  ChannelRequant q;
  q.multiplier = multiplier;
  if (shift >= 0) {
    q.left_shift = shift;
    return q;
  }
  const int32_t e = -shift;
  q.high_shift = e - 1;
  q.round_lo = e == 1 ? 0xC0000000u : 0x40000000u;  // 2^30 + 2^31, or 2^30 (2^(30+e) >= 2^32)
  q.round_hi = e >= 2 ? 1 << (e - 2) : 0;
  return q;
}

// MultiplyByQuantizedMultiplier(acc, multiplier, shift), exactly.
inline int32_t Requantize(ChannelRequant q, int32_t acc) {
  if (q.high_shift >= 0) {
    const uint64_t rounding = (static_cast<uint64_t>(static_cast<uint32_t>(q.round_hi)) << 32) | q.round_lo;
    const uint64_t base = rounding - (static_cast<uint32_t>(acc) & 0x80000000u);  // - [acc < 0] * 2^31
    const int64_t sum = static_cast<int64_t>(base) + static_cast<int64_t>(acc) * q.multiplier;
    return static_cast<int32_t>(sum >> 32) >> q.high_shift;
  }
  const int64_t sum =
      (int64_t{1} << 30) + static_cast<int64_t>(ShiftLeftWrapping(acc, q.left_shift)) * q.multiplier;
  return static_cast<int32_t>(static_cast<uint64_t>(sum) >> 31);
}

// The output zero point and the fused activation's range [act_min, act_max] (inside [-128, 127]).
struct OutputRange {
  int32_t offset;
  int32_t act_min;
  int32_t act_max;
};

// Two independent selections: GCC makes them conditional moves, where Clamp()'s nested form
// becomes branches.
inline int8_t ClampToS8(int32_t v, OutputRange r) {
  v = v < r.act_min ? r.act_min : v;
  v = v > r.act_max ? r.act_max : v;
  return static_cast<int8_t>(v);
}

// Requantize, add the output zero point (wrapping, as the reference does), clamp.
inline int8_t OutputS8(ChannelRequant q, int32_t acc, OutputRange r) {
  return ClampToS8(WrappingAdd(Requantize(q, acc), r.offset), r);
}

// The 64-bit form of q's round_hi:round_lo.
inline uint64_t RoundingOf(ChannelRequant q) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(q.round_hi)) << 32) | q.round_lo;
}
inline bool FullRange(OutputRange r) { return r.act_min == -128 && r.act_max == 127; }

// The common case in the fewest instructions: a right shift e <= 23 and an activation range that
// is all of int8. The output zero point then rides in the rounding constant: zp * 2^(31+e) added
// to the 64-bit sum is exactly zp added after the shift, and with e <= 23 the sum stays inside
// int64 (|acc * M| < 2^62, |zp| * 2^(31+e) <= 2^61); the reference's wrapping add cannot wrap,
// since the requantized value is below 2^(31-e) in magnitude. The clamp is one SSAT.
struct FoldedRequant {
  uint64_t rounding;  // 2^30 + 2^(30+e) + zp * 2^(31+e)
  int32_t multiplier;
  int32_t high_shift;  // e - 1
};

// The folded form for any activation range: the clamp is then the caller's (OutputS8FoldedClamped).
inline bool MakeFoldedRequantAnyRange(ChannelRequant q, OutputRange r, FoldedRequant* f) {
  if (q.high_shift < 0 || q.high_shift > 22) return false;
  // zp * 2^(31+e) only touches the high word: |zp| * 2^(e-1) < 2^29, plus round_hi < 2^22.
  const int32_t high = q.round_hi + static_cast<int32_t>(static_cast<uint32_t>(r.offset) << q.high_shift);
  *f = {(static_cast<uint64_t>(static_cast<uint32_t>(high)) << 32) | q.round_lo, q.multiplier, q.high_shift};
  return true;
}

// Full range only: the SSAT is the whole clamp.
inline bool MakeFoldedRequant(ChannelRequant q, OutputRange r, FoldedRequant* f) {
  return FullRange(r) && MakeFoldedRequantAnyRange(q, r, f);
}

inline int8_t OutputS8Folded(const FoldedRequant& f, int32_t acc) {
  const uint64_t base = f.rounding - (static_cast<uint32_t>(acc) & 0x80000000u);
  const int64_t sum = static_cast<int64_t>(base) + static_cast<int64_t>(acc) * f.multiplier;
  return static_cast<int8_t>(__ssat(static_cast<int32_t>(sum >> 32) >> f.high_shift, 8));
}

// Which activation bounds a folded output needs after its SSAT to int8: none (the range is all
// of int8), the lower one only (act_max 127: RELU and a RELU6 whose six is above the int8 range),
// or both.
enum class FoldedClamp : uint8_t { kFull, kLow, kBoth };

inline FoldedClamp FoldedClampOf(OutputRange r) {
  if (r.act_max != 127) return FoldedClamp::kBoth;
  return r.act_min == -128 ? FoldedClamp::kFull : FoldedClamp::kLow;
}

// Any right shift (e >= 1) in the same shape with the zero point left out of the rounding
// constant: the requantized value, exactly, is then the shifted high word, to which the caller
// adds the zero point (`offset` of OutputS8FoldedClamped). For shifts the folded form declines.
inline bool MakeUnfoldedRequant(ChannelRequant q, FoldedRequant* f) {
  if (q.high_shift < 0) return false;
  *f = {RoundingOf(q), q.multiplier, q.high_shift};
  return true;
}

// OutputS8Folded for a range [act_min, act_max] inside int8 (f from MakeFoldedRequantAnyRange
// with offset 0, or from MakeUnfoldedRequant with the output zero point; kClamp from
// FoldedClampOf, or kBoth for any range). Exact: the requantized value plus the offset cannot
// wrap, and SSAT followed by the tighter bounds is the clamp.
template <FoldedClamp kClamp>
inline int8_t OutputS8FoldedClamped(const FoldedRequant& f, int32_t acc, int32_t act_min, int32_t act_max,
                                    int32_t offset = 0) {
  const uint64_t base = f.rounding - (static_cast<uint32_t>(acc) & 0x80000000u);
  const int64_t sum = static_cast<int64_t>(base) + static_cast<int64_t>(acc) * f.multiplier;
  int32_t v = __ssat((static_cast<int32_t>(sum >> 32) >> f.high_shift) + offset, 8);
  if (kClamp != FoldedClamp::kFull) v = v < act_min ? act_min : v;
  if (kClamp == FoldedClamp::kBoth) v = v > act_max ? act_max : v;
  return static_cast<int8_t>(v);
}

template <FoldedClamp kClamp>
inline void StoreRunFolded(const FoldedRequant& f, const int32_t* sums, int32_t count, OutputRange r, int8_t* out,
                           int32_t stride) {
  for (const int32_t* const end = sums + count; sums != end; out += stride)
    *out = OutputS8FoldedClamped<kClamp>(f, *sums++, r.act_min, r.act_max);
}

// `count` outputs of one channel from their sums, stored `stride` bytes apart. The folded form
// is chosen once for the run when it applies.
__attribute__((always_inline)) inline void StoreRunS8(const int32_t* sums, int32_t count, int32_t multiplier,
                                                      int32_t shift, OutputRange r, int8_t* out, int32_t stride) {
  const ChannelRequant q = MakeChannelRequant(multiplier, shift);
  const int32_t* const end = sums + count;
  FoldedRequant f;
  if (MakeFoldedRequantAnyRange(q, r, &f)) {
    switch (FoldedClampOf(r)) {
      case FoldedClamp::kFull: return StoreRunFolded<FoldedClamp::kFull>(f, sums, count, r, out, stride);
      case FoldedClamp::kLow: return StoreRunFolded<FoldedClamp::kLow>(f, sums, count, r, out, stride);
      default: return StoreRunFolded<FoldedClamp::kBoth>(f, sums, count, r, out, stride);
    }
  }
  for (; sums != end; out += stride) *out = OutputS8(q, *sums++, r);
}

// What requantizing one output channel needs, gathered for StoreChannelS8.
struct ChannelStore {
  int32_t multiplier;
  int32_t shift;
  OutputRange range;
  int32_t stride;  // bytes between the channel's consecutive outputs
};

// StoreRunS8 out of line, for callers whose own loops hold many registers: the run's constants
// then stay in registers.
__attribute__((noinline)) inline void StoreChannelS8(const int32_t* sums, int32_t count, const ChannelStore& c,
                                                     int8_t* out) {
  StoreRunS8(sums, count, c.multiplier, c.shift, c.range, out, c.stride);
}

}  // namespace mote
