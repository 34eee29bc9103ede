// Portable C++ versions of the few Arm ACLE DSP intrinsics (arm_acle.h) that mote's `_dsp`
// kernels use, so that the same kernel source compiles and is tested on the host, bit for bit
// as the Armv7E-M / Armv8-M DSP extension computes it. Included through runtime/kernels/acle.h
// only when the compiler does not target an Arm core with the DSP extension.
//
// Semantics (Arm Architecture Reference Manual, Armv7-M, "SXTB16", "SMLAD", ...):
//   int16x2_t / int8x4_t are 32-bit words holding two signed halfwords / four signed bytes;
//   every accumulation wraps modulo 2^32 (the hardware only sets the sticky Q flag on overflow,
//   which nothing in mote reads).
#pragma once

#include <stdint.h>

typedef int32_t int16x2_t;
typedef uint32_t uint16x2_t;
typedef int32_t int8x4_t;
typedef uint32_t uint8x4_t;

namespace mote::acle_emu {

constexpr int32_t Lo16(int32_t x) { return static_cast<int16_t>(static_cast<uint32_t>(x) & 0xFFFFu); }
constexpr int32_t Hi16(int32_t x) { return static_cast<int16_t>(static_cast<uint32_t>(x) >> 16); }
constexpr int32_t Byte(int32_t x, int i) { return static_cast<int8_t>(static_cast<uint32_t>(x) >> (8 * i)); }
constexpr int32_t Pack16(int32_t lo, int32_t hi) {
  return static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
}
constexpr int32_t Wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

}  // namespace mote::acle_emu

// Bytes 0 and 2 of b, sign-extended, each added to the matching halfword of a (halfwords wrap).
inline int16x2_t __sxtab16(int16x2_t a, int8x4_t b) {
  using namespace mote::acle_emu;
  return Pack16(Lo16(a) + Byte(b, 0), Hi16(a) + Byte(b, 2));
}
// Bytes 0 and 2 of a, sign-extended to halfwords.
inline int16x2_t __sxtb16(int8x4_t a) { return __sxtab16(0, a); }
// acc + a.lo * b.lo + a.hi * b.hi
inline int32_t __smlad(int16x2_t a, int16x2_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Lo16(a)} * Lo16(b) + int64_t{Hi16(a)} * Hi16(b));
}
// acc + a.lo * b.hi + a.hi * b.lo
inline int32_t __smladx(int16x2_t a, int16x2_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Lo16(a)} * Hi16(b) + int64_t{Hi16(a)} * Lo16(b));
}
// acc + (one halfword of a) * (one halfword of b): B = bottom (low), T = top (high).
inline int32_t __smlabb(int32_t a, int32_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Lo16(a)} * Lo16(b));
}
inline int32_t __smlabt(int32_t a, int32_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Lo16(a)} * Hi16(b));
}
inline int32_t __smlatb(int32_t a, int32_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Hi16(a)} * Lo16(b));
}
inline int32_t __smlatt(int32_t a, int32_t b, int32_t acc) {
  using namespace mote::acle_emu;
  return Wrap(int64_t{acc} + int64_t{Hi16(a)} * Hi16(b));
}
// Halfword-wise wrapping addition.
inline int16x2_t __sadd16(int16x2_t a, int16x2_t b) {
  using namespace mote::acle_emu;
  return Pack16(Lo16(a) + Lo16(b), Hi16(a) + Hi16(b));
}
// Signed saturation to `bits` bits (1..32), as the SSAT instruction.
inline int32_t mote_emu_ssat(int32_t x, int bits) {
  const int32_t hi = static_cast<int32_t>((int64_t{1} << (bits - 1)) - 1);
  const int32_t lo = -hi - 1;
  return x < lo ? lo : (x > hi ? hi : x);
}
#define __ssat(x, bits) mote_emu_ssat((x), (bits))
