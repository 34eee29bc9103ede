// The Helium (MVE) intrinsics of the `_mve` kernels: Arm's own arm_mve.h when the compiler targets
// a core with MVE (Cortex-M55, M85), else mote's portable emulation (mve_emu.h) so that the host
// tests run the same kernel source. Also the vector form of the int8 output stage.
#pragma once

#include <stdint.h>

#if defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE
#include <arm_mve.h>
#else
#include "runtime/kernels/mve_emu.h"
#endif  // defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE

namespace mote {

// TFLite's MultiplyByQuantizedMultiplier on four lanes (four output channels), bit-exact:
//  - the left shift (shift > 0) is VSHL, which wraps like the reference's ShiftLeftWrapping;
//  - SaturatingRoundingDoublingHighMul is exactly VQRDMULH: sat((2ab + 2^31) >> 32);
//  - RoundingDivideByPOT(y, e) rounds half away from zero, VRSHL by -e rounds half up: the two
//    agree once negative y is lowered by one, floor((y - 1 + 2^(e-1)) / 2^e). The lowering
//    saturates, which changes nothing: y = INT32_MIN and INT32_MIN - 1 give the same quotient
//    for every e >= 1. With e = 0 neither rounding nor lowering applies.
struct LaneRequant {
  int32x4_t multiplier;
  int32x4_t left_shift;    // max(shift, 0)
  int32x4_t right_shift;   // min(shift, 0): VRSHL's negative amount
  int32x4_t lower_mask;    // -1 where right_shift < 0
};

inline LaneRequant MakeLaneRequant(int32x4_t multiplier, int32x4_t shift) {
  const int32x4_t right = vminq_s32(shift, vdupq_n_s32(0));
  return {multiplier, vmaxq_s32(shift, vdupq_n_s32(0)), right, vshrq_n_s32(right, 31)};
}

inline int32x4_t RequantizeLanes(int32x4_t acc, const LaneRequant& q) {
  const int32x4_t y = vqrdmulhq_s32(vshlq_s32(acc, q.left_shift), q.multiplier);
  const int32x4_t lowered = vqaddq_s32(y, vandq_s32(vshrq_n_s32(y, 31), q.lower_mask));
  return vrshlq_s32(lowered, q.right_shift);
}

// MultiplyByQuantizedMultiplier with one multiplier and a right shift (shift <= -1) in every
// lane: RequantizeLanes without the left shift and with every lane lowering, the constants in
// scalar registers.
inline int32x4_t RequantizeRightShift(int32x4_t acc, int32_t multiplier, int32_t shift) {
  const int32x4_t y = vqrdmulhq_n_s32(acc, multiplier);
  return vrshlq_n_s32(vqaddq_s32(y, vshrq_n_s32(y, 31)), shift);
}

// The common case in fewer instructions and vector registers: no left shift, a right shift of
// at least 1 in every lane (so every lane lowers its negative values), plus the output zero
// point, clamped to int8 by a saturating shift up by 24 and back (no constant vectors; a narrower
// activation range clamps again).
inline bool IsRightShiftOnly(const int32_t* shifts, int32_t n) {
  for (int32_t i = 0; i < n; ++i)
    if (shifts[i] >= 0) return false;
  return true;
}

inline int32x4_t OutputLanesRightShift(int32x4_t acc, int32x4_t multiplier, int32x4_t right_shift,
                                       int32_t output_offset) {
  const int32x4_t y = vqrdmulhq_s32(acc, multiplier);
  const int32x4_t v = vaddq_n_s32(vrshlq_s32(vqaddq_s32(y, vshrq_n_s32(y, 31)), right_shift), output_offset);
  return vshrq_n_s32(vqshlq_n_s32(v, 24), 24);
}

// Requantize, add the output zero point, clamp.
inline int32x4_t OutputLanes(int32x4_t acc, const LaneRequant& q, int32_t output_offset, int32_t act_min,
                             int32_t act_max) {
  const int32x4_t v = vaddq_s32(RequantizeLanes(acc, q), vdupq_n_s32(output_offset));
  return vminq_s32(vmaxq_s32(v, vdupq_n_s32(act_min)), vdupq_n_s32(act_max));
}

// OutputLanes, stored as the low bytes of the active lanes.
inline void StoreLanesS8(int32x4_t acc, const LaneRequant& q, int32_t output_offset, int32_t act_min,
                         int32_t act_max, int8_t* out, mve_pred16_t active) {
  vstrbq_p_s32(out, OutputLanes(acc, q, output_offset, act_min, act_max), active);
}

// n bytes from src to dst, 16 at a time (the last step under a tail predicate); returns dst + n.
inline int8_t* CopyBytes(const int8_t* src, int32_t n, int8_t* dst) {
  for (int32_t i = 0; i < n; i += 16, src += 16, dst += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - i));
    vstrbq_p_s8(dst, vldrbq_z_s8(src, p), p);
  }
  return dst + (n - ((n + 15) & ~15));
}

// n copies of the byte in `value`'s lanes from dst on; returns dst + n.
inline int8_t* FillBytes(int8x16_t value, int32_t n, int8_t* dst) {
  for (int32_t i = 0; i < n; i += 16, dst += 16) vstrbq_p_s8(dst, value, vctp8q(static_cast<uint32_t>(n - i)));
  return dst + (n - ((n + 15) & ~15));
}

// `count` int32 sums of one output channel, requantized with the same constants in every lane
// and stored `stride` bytes apart (a scatter store of four bytes at a time).
inline void StoreStridedS8(const int32_t* sums, int32_t count, int32_t multiplier, int32_t shift,
                           int32_t output_offset, int32_t act_min, int32_t act_max, int8_t* out, int32_t stride) {
  const uint32_t s = static_cast<uint32_t>(stride);
  uint32x4_t offsets = vdupq_n_u32(0);
  offsets = vsetq_lane_u32(s, offsets, 1);
  offsets = vsetq_lane_u32(2 * s, offsets, 2);
  offsets = vsetq_lane_u32(3 * s, offsets, 3);
  const int32_t whole = count & ~3;
  int32_t i = 0;
  if (shift < 0 && act_min == -128 && act_max == 127) {
    const int32x4_t m = vdupq_n_s32(multiplier), right = vdupq_n_s32(shift);
    for (; i < whole; i += 4, sums += 4, out += 4 * stride)
      vstrbq_scatter_offset_s32(out, offsets, OutputLanesRightShift(vldrwq_s32(sums), m, right, output_offset));
  }
  const LaneRequant q = MakeLaneRequant(vdupq_n_s32(multiplier), vdupq_n_s32(shift));
  const int32x4_t zero_point = vdupq_n_s32(output_offset), lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
  for (; i < count; i += 4, sums += 4, out += 4 * stride) {
    const mve_pred16_t active = vctp32q(static_cast<uint32_t>(count - i));
    int32x4_t v = vaddq_s32(RequantizeLanes(vldrwq_z_s32(sums, active), q), zero_point);
    v = vminq_s32(vmaxq_s32(v, lo), hi);
    vstrbq_scatter_offset_p_s32(out, offsets, v, active);
  }
}

inline int32x4_t Lanes(int32_t a, int32_t b, int32_t c, int32_t d) {
  int32x4_t v = vdupq_n_s32(a);
  v = vsetq_lane_s32(b, v, 1);
  v = vsetq_lane_s32(c, v, 2);
  return vsetq_lane_s32(d, v, 3);
}

}  // namespace mote
