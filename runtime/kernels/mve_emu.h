// Portable C++ versions of the few Arm Helium (MVE) intrinsics (arm_mve.h) that mote's `_mve`
// kernels use, so that the same kernel source compiles and is tested on the host, bit for bit as
// Armv8.1-M computes it. Included through runtime/kernels/mve.h only when the compiler does not
// target a core with MVE.
//
// Semantics (Armv8.1-M Architecture Reference Manual, MVE instructions):
//   vectors are 128 bits: 16 int8 or 4 int32 lanes; a predicate has one bit per byte, so a 32-bit
//   lane is active when its four bits are set. Predicated (_z) loads give 0 in inactive lanes and
//   do not touch their memory; predicated (_p) stores leave it alone. Integer arithmetic wraps
//   unless the name says saturating (q).
#pragma once

#include <stdint.h>

struct int8x16_t {
  int8_t lane[16];
};
struct int32x4_t {
  int32_t lane[4];
};
struct uint32x4_t {
  uint32_t lane[4];
};
struct int16x8_t {
  int16_t lane[8];
};
typedef uint16_t mve_pred16_t;

namespace mote::mve_emu {

inline bool ByteActive(mve_pred16_t p, int byte) { return (p >> byte) & 1u; }
inline int32_t Wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }
// A predicated load of kLanes elements of p into V's lanes (0 where inactive).
template <typename V, int kLanes, typename T>
inline V LoadLanes(const T* p, mve_pred16_t pred) {
  V r;
  for (int i = 0; i < kLanes; ++i) r.lane[i] = ByteActive(pred, 16 / kLanes * i) ? p[i] : 0;
  return r;
}
inline int32_t Saturate(int64_t v) { return v > INT32_MAX ? INT32_MAX : (v < INT32_MIN ? INT32_MIN : static_cast<int32_t>(v)); }

}  // namespace mote::mve_emu

// Lanes [0, n) active (n is clamped to the lane count).
inline mve_pred16_t vctp8q(uint32_t n) {
  return n >= 16 ? 0xFFFFu : static_cast<mve_pred16_t>((1u << n) - 1u);
}
inline mve_pred16_t vctp16q(uint32_t n) {
  return n >= 8 ? 0xFFFFu : static_cast<mve_pred16_t>((1u << (2 * n)) - 1u);
}
inline mve_pred16_t vctp32q(uint32_t n) {
  return n >= 4 ? 0xFFFFu : static_cast<mve_pred16_t>((1u << (4 * n)) - 1u);
}

inline int8x16_t vldrbq_z_s8(const int8_t* p, mve_pred16_t pred) {
  int8x16_t r;
  for (int i = 0; i < 16; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, i) ? p[i] : 0;
  return r;
}
inline int8x16_t vldrbq_s8(const int8_t* p) { return vldrbq_z_s8(p, 0xFFFFu); }

// Four int8, sign-extended into 32-bit lanes.
inline int32x4_t vldrbq_z_s32(const int8_t* p, mve_pred16_t pred) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, 4 * i) ? p[i] : 0;
  return r;
}
inline int32x4_t vldrbq_s32(const int8_t* p) { return vldrbq_z_s32(p, 0xFFFFu); }

// Eight int8, sign-extended into 16-bit lanes.
inline int16x8_t vldrbq_z_s16(const int8_t* p, mve_pred16_t pred) {
  return mote::mve_emu::LoadLanes<int16x8_t, 8>(p, pred);
}
inline int16x8_t vldrbq_s16(const int8_t* p) { return vldrbq_z_s16(p, 0xFFFFu); }
// The full 32-bit products of the even (bottom) or odd (top) 16-bit lanes.
inline int32x4_t vmullbq_int_s16(int16x8_t a, int16x8_t b) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = int32_t{a.lane[2 * i]} * b.lane[2 * i];
  return r;
}
inline int32x4_t vmulltq_int_s16(int16x8_t a, int16x8_t b) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = int32_t{a.lane[2 * i + 1]} * b.lane[2 * i + 1];
  return r;
}

// Four int16, sign-extended into 32-bit lanes.
inline int32x4_t vldrhq_z_s32(const int16_t* p, mve_pred16_t pred) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, 4 * i) ? p[i] : 0;
  return r;
}
inline int32x4_t vldrhq_s32(const int16_t* p) { return vldrhq_z_s32(p, 0xFFFFu); }
// base[offset[i]] (the offsets count halfwords), sign-extended.
inline int32x4_t vldrhq_gather_shifted_offset_z_s32(const int16_t* base, uint32x4_t offset, mve_pred16_t pred) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, 4 * i) ? base[offset.lane[i]] : 0;
  return r;
}

inline int32x4_t vldrwq_z_s32(const int32_t* p, mve_pred16_t pred) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, 4 * i) ? p[i] : 0;
  return r;
}
inline int32x4_t vldrwq_s32(const int32_t* p) { return vldrwq_z_s32(p, 0xFFFFu); }
inline uint32x4_t vldrwq_z_u32(const uint32_t* p, mve_pred16_t pred) {
  return mote::mve_emu::LoadLanes<uint32x4_t, 4>(p, pred);
}
inline uint32x4_t vldrwq_u32(const uint32_t* p) { return vldrwq_z_u32(p, 0xFFFFu); }
inline uint32x4_t vaddq_n_u32(uint32x4_t a, uint32_t b) {
  for (int i = 0; i < 4; ++i) a.lane[i] += b;
  return a;
}

inline void vstrbq_p_s8(int8_t* p, int8x16_t v, mve_pred16_t pred) {
  for (int i = 0; i < 16; ++i)
    if (mote::mve_emu::ByteActive(pred, i)) p[i] = v.lane[i];
}
inline int8x16_t vdupq_n_s8(int8_t v) {
  int8x16_t r;
  for (int i = 0; i < 16; ++i) r.lane[i] = v;
  return r;
}

// p[i] = base[offset[i]] for four bytes, sign-extended.
inline int32x4_t vldrbq_gather_offset_z_s32(const int8_t* base, uint32x4_t offset, mve_pred16_t pred) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = mote::mve_emu::ByteActive(pred, 4 * i) ? base[offset.lane[i]] : 0;
  return r;
}
// The low halfword of each 32-bit lane.
inline void vstrhq_p_s32(int16_t* p, int32x4_t v, mve_pred16_t pred) {
  for (int i = 0; i < 4; ++i)
    if (mote::mve_emu::ByteActive(pred, 4 * i)) p[i] = static_cast<int16_t>(v.lane[i]);
}

// The low byte of each 32-bit lane.
inline void vstrbq_p_s32(int8_t* p, int32x4_t v, mve_pred16_t pred) {
  for (int i = 0; i < 4; ++i)
    if (mote::mve_emu::ByteActive(pred, 4 * i)) p[i] = static_cast<int8_t>(v.lane[i]);
}
inline void vstrbq_s32(int8_t* p, int32x4_t v) { vstrbq_p_s32(p, v, 0xFFFFu); }

inline void vstrwq_p_s32(int32_t* p, int32x4_t v, mve_pred16_t pred) {
  for (int i = 0; i < 4; ++i)
    if (mote::mve_emu::ByteActive(pred, 4 * i)) p[i] = v.lane[i];
}
inline void vstrwq_s32(int32_t* p, int32x4_t v) { vstrwq_p_s32(p, v, 0xFFFFu); }
// The low byte of lane i to base + offset[i] (offsets in bytes).
inline void vstrbq_scatter_offset_p_s32(int8_t* base, uint32x4_t offset, int32x4_t v, mve_pred16_t pred) {
  for (int i = 0; i < 4; ++i)
    if (mote::mve_emu::ByteActive(pred, 4 * i)) base[offset.lane[i]] = static_cast<int8_t>(v.lane[i]);
}

// acc + sum of a[i] * b[i]; acc + sum of a[i].
inline int32_t vmladavaq_s8(int32_t acc, int8x16_t a, int8x16_t b) {
  int64_t s = acc;
  for (int i = 0; i < 16; ++i) s += int32_t{a.lane[i]} * b.lane[i];
  return mote::mve_emu::Wrap(s);
}
inline int32_t vmladavq_s8(int8x16_t a, int8x16_t b) { return vmladavaq_s8(0, a, b); }
inline int32_t vaddvaq_s8(int32_t acc, int8x16_t a) {
  int64_t s = acc;
  for (int i = 0; i < 16; ++i) s += a.lane[i];
  return mote::mve_emu::Wrap(s);
}

inline int32x4_t vdupq_n_s32(int32_t v) { return {{v, v, v, v}}; }
inline uint32x4_t vdupq_n_u32(uint32_t v) { return {{v, v, v, v}}; }

template <typename F>
inline int32x4_t MoteEmuLanes(int32x4_t a, int32x4_t b, F f) {
  int32x4_t r;
  for (int i = 0; i < 4; ++i) r.lane[i] = f(a.lane[i], b.lane[i]);
  return r;
}

inline int32x4_t vaddq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return mote::mve_emu::Wrap(int64_t{x} + y); });
}
inline int32x4_t vqaddq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return mote::mve_emu::Saturate(int64_t{x} + y); });
}
inline int32x4_t vsubq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return mote::mve_emu::Wrap(int64_t{x} - y); });
}
// acc + a * b lane by lane, b a scalar (wrapping).
inline int32x4_t vmlaq_n_s32(int32x4_t acc, int32x4_t a, int32_t b) {
  return MoteEmuLanes(acc, a, [b](int32_t x, int32_t y) -> int32_t { return mote::mve_emu::Wrap(int64_t{x} + int64_t{y} * b); });
}
inline int32x4_t vandq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return x & y; });
}
inline int32x4_t vmaxq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return x > y ? x : y; });
}
inline int32x4_t vminq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t { return x < y ? x : y; });
}
// Arithmetic shift right by an immediate 1..32.
inline int32x4_t vshrq_n_s32(int32x4_t a, int n) {
  return MoteEmuLanes(a, a, [n](int32_t x, int32_t) -> int32_t { return static_cast<int32_t>(int64_t{x} >> n); });
}
// Shift by a signed per-lane amount (the low byte of b): left when positive (bits shifted out are
// lost), right (truncating) when negative.
inline int32x4_t vshlq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t {
    const int s = static_cast<int8_t>(y);
    if (s >= 32 || s <= -32) return s > 0 ? 0 : (x < 0 ? -1 : 0);
    return s >= 0 ? static_cast<int32_t>(static_cast<uint32_t>(x) << s) : static_cast<int32_t>(x >> -s);
  });
}
// As vshlq_s32, but a right shift rounds: (x + 2^(n-1)) >> n, without intermediate overflow.
inline int32x4_t vrshlq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t {
    const int s = static_cast<int8_t>(y);
    if (s >= 0) return s >= 32 ? 0 : static_cast<int32_t>(static_cast<uint32_t>(x) << s);
    const int n = -s > 32 ? 32 : -s;
    return static_cast<int32_t>((int64_t{x} + (int64_t{1} << (n - 1))) >> n);
  });
}
// Saturating rounding doubling multiply returning the high half: sat((2ab + 2^31) >> 32).
inline int32x4_t vqrdmulhq_s32(int32x4_t a, int32x4_t b) {
  return MoteEmuLanes(a, b, [](int32_t x, int32_t y) -> int32_t {
    if (x == INT32_MIN && y == INT32_MIN) return INT32_MAX;
    return static_cast<int32_t>((2 * int64_t{x} * y + (int64_t{1} << 31)) >> 32);
  });
}

inline int32x4_t vaddq_n_s32(int32x4_t a, int32_t b) { return vaddq_s32(a, vdupq_n_s32(b)); }
// The scalar-operand forms: every lane by the same register.
inline int32x4_t vqrdmulhq_n_s32(int32x4_t a, int32_t b) { return vqrdmulhq_s32(a, vdupq_n_s32(b)); }
inline int32x4_t vshlq_r_s32(int32x4_t a, int32_t b) { return vshlq_s32(a, vdupq_n_s32(b)); }
inline int32x4_t vrshlq_n_s32(int32x4_t a, int32_t b) { return vrshlq_s32(a, vdupq_n_s32(b)); }
// Saturating shift left by an immediate 0..31.
inline int32x4_t vqshlq_n_s32(int32x4_t a, int n) {
  return MoteEmuLanes(a, a, [n](int32_t x, int32_t) -> int32_t { return mote::mve_emu::Saturate(int64_t{x} * (int64_t{1} << n)); });
}
// Shift left by an immediate 0..31 (bits shifted out are lost).
inline int32x4_t vshlq_n_s32(int32x4_t a, int n) {
  return MoteEmuLanes(a, a, [n](int32_t x, int32_t) -> int32_t { return static_cast<int32_t>(static_cast<uint32_t>(x) << n); });
}

inline int32x4_t vsetq_lane_s32(int32_t v, int32x4_t a, int lane) {
  a.lane[lane] = v;
  return a;
}
inline uint32x4_t vsetq_lane_u32(uint32_t v, uint32x4_t a, int lane) {
  a.lane[lane] = v;
  return a;
}
inline int32x4_t vldrhq_gather_shifted_offset_s32(const int16_t* base, uint32x4_t offset) {
  return vldrhq_gather_shifted_offset_z_s32(base, offset, 0xFFFFu);
}
inline void vstrbq_scatter_offset_s32(int8_t* base, uint32x4_t offset, int32x4_t v) {
  vstrbq_scatter_offset_p_s32(base, offset, v, 0xFFFFu);
}
inline int32x4_t vldrbq_gather_offset_s32(const int8_t* base, uint32x4_t offset) {
  return vldrbq_gather_offset_z_s32(base, offset, 0xFFFFu);
}
inline void vstrhq_s32(int16_t* p, int32x4_t v) { vstrhq_p_s32(p, v, 0xFFFFu); }
