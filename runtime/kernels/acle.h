// The DSP intrinsics of the `_dsp` kernels: Arm's own arm_acle.h when the compiler targets a
// core with the DSP extension (Cortex-M4, M7, M33, M55), else mote's portable emulation
// (acle_emu.h) so that the host tests run the same kernel source. Also the two memory helpers
// those kernels share.
#pragma once

#include <stdint.h>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#else
#include "runtime/kernels/acle_emu.h"
#endif  // defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP

namespace mote {

// A 32-bit load from any address. The cores above load unaligned words in one LDR; the runtime
// is built with -ffreestanding, so the builtin is named to keep the copy inline.
inline int32_t Load32(const void* p) {
  int32_t v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
inline void Store32(void* p, int32_t v) { __builtin_memcpy(p, &v, sizeof v); }

inline int32_t Ror8(int32_t x) {
  const uint32_t u = static_cast<uint32_t>(x);
  return static_cast<int32_t>((u >> 8) | (u << 24));
}

struct Words2 {
  int32_t w0, w1;
};
struct Words4 {
  int32_t w0, w1, w2, w3;
};

// Operations ACLE has no intrinsic for, each one instruction on Arm: bytes 1 and 3
// sign-extended to halfwords, alone or added to a halfword pair (SXTB16 / SXTAB16 with their
// ROR #8 operand; GCC 12 does not fold a separate rotation into them), and loads that advance their pointer (LDR post-indexed, LDMIA with
// writeback: four words in one instruction, which GCC does not form from separate loads).
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
inline int32_t SxtbOdd(int32_t x) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
inline int16x2_t SxtabOdd(int16x2_t a, int32_t x) {
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}
inline int32_t LoadWordAdvance(const int8_t*& p) {
  int32_t r;
  __asm__("ldr %0, [%1], #4" : "=r"(r), "+r"(p) : "m"(*reinterpret_cast<const int8_t(*)[4]>(p)));
  return r;
}
// A word of halfwords at p, then p advanced by kHalfwords (1..127).
template <int kHalfwords>
inline int32_t LoadHalfwordsAdvance(const int16_t*& p) {
  static_assert(kHalfwords > 0 && kHalfwords < 128, "LDR post-index range");
  int32_t r;
  __asm__("ldr %0, [%1], %2"
          : "=r"(r), "+r"(p)
          : "I"(2 * kHalfwords), "m"(*reinterpret_cast<const int16_t(*)[2]>(p)));
  return r;
}
// Two words at p, then p advanced by two (LDRD post-indexed).
inline Words2 LoadWords2Advance(const int32_t*& p) {
  int32_t a, b;
  __asm__("ldrd %0, %1, [%2], #8" : "=&r"(a), "=&r"(b), "+r"(p) : "m"(*reinterpret_cast<const int32_t(*)[2]>(p)));
  return {a, b};
}
// LDM needs ascending register numbers: the four destinations are pinned (the documented use of
// local register variables: as asm operands only).
inline Words4 LoadWords4Advance(const int32_t*& p) {
  register int32_t a asm("r4");
  register int32_t b asm("r5");
  register int32_t c asm("r6");
  register int32_t d asm("r7");
  __asm__("ldmia %4!, {%0, %1, %2, %3}"
          : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "+r"(p)
          : "m"(*reinterpret_cast<const int32_t(*)[4]>(p)));
  return {a, b, c, d};
}
#else
inline int32_t SxtbOdd(int32_t x) { return __sxtb16(Ror8(x)); }
inline int16x2_t SxtabOdd(int16x2_t a, int32_t x) { return __sxtab16(a, Ror8(x)); }
inline int32_t LoadWordAdvance(const int8_t*& p) {
  const int32_t r = Load32(p);
  p += 4;
  return r;
}
template <int kHalfwords>
inline int32_t LoadHalfwordsAdvance(const int16_t*& p) {
  const int32_t r = Load32(p);
  p += kHalfwords;
  return r;
}
inline Words2 LoadWords2Advance(const int32_t*& p) {
  const Words2 r = {p[0], p[1]};
  p += 2;
  return r;
}
inline Words4 LoadWords4Advance(const int32_t*& p) {
  const Words4 r = {p[0], p[1], p[2], p[3]};
  p += 4;
  return r;
}
#endif  // defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP

// Bytes 0 and 2 sign-extended to halfwords: with SxtbOdd, four int8 as two SMLAD operands.
inline int32_t SxtbEven(int32_t x) { return __sxtb16(x); }

}  // namespace mote
