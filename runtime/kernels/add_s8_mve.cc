// ADD and SUB int8 without broadcasting, for cores with Helium (Cortex-M55, M85); bit-exact with
// add_s8_ref / sub_s8_ref. Four elements per step in 32-bit lanes: both inputs are offset,
// shifted left and rescaled, added or subtracted, rescaled to the output (mve.h's lane form of
// MultiplyByQuantizedMultiplier, three times), offset, clamped and stored as bytes. The last
// count % 4 elements run under a tail predicate.
#include "runtime/kernels/add.h"
#include "runtime/kernels/mve.h"

namespace mote {
namespace {

template <AddKind kKind>
void Run(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out) {
  const int32_t n = static_cast<int32_t>(p.layout.num_elements);
  const LaneRequant q1 = MakeLaneRequant(vdupq_n_s32(p.input1_multiplier), vdupq_n_s32(p.input1_shift));
  const LaneRequant q2 = MakeLaneRequant(vdupq_n_s32(p.input2_multiplier), vdupq_n_s32(p.input2_shift));
  const LaneRequant qo = MakeLaneRequant(vdupq_n_s32(p.output_multiplier), vdupq_n_s32(p.output_shift));
  const int32x4_t offset1 = vdupq_n_s32(p.input1_offset), offset2 = vdupq_n_s32(p.input2_offset);
  const int32x4_t left = vdupq_n_s32(p.left_shift);
  const int32x4_t zero_point = vdupq_n_s32(p.output_offset);
  const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
  for (int32_t i = 0; i < n; i += 4, a += 4, b += 4, out += 4) {
    const mve_pred16_t active = vctp32q(static_cast<uint32_t>(n - i));
    const int32x4_t x = RequantizeLanes(vshlq_s32(vaddq_s32(vldrbq_z_s32(a, active), offset1), left), q1);
    const int32x4_t y = RequantizeLanes(vshlq_s32(vaddq_s32(vldrbq_z_s32(b, active), offset2), left), q2);
    const int32x4_t raw = kKind == AddKind::kAdd ? vaddq_s32(x, y) : vsubq_s32(x, y);
    int32x4_t v = vaddq_s32(RequantizeLanes(raw, qo), zero_point);
    v = vminq_s32(vmaxq_s32(v, lo), hi);
    vstrbq_p_s32(out, v, active);
  }
}

// The constants of the right-shift path as locals: read through `p`, they would be reloaded after
// every store (an int8 store may alias them).
struct RightShifts {
  int32_t offset1, offset2, left_shift, multiplier1, shift1, multiplier2, shift2, multiplier, shift, zero_point;
};

// An input's rescaling: a right shift (kShift1/kShift2 true) or none (shift 0: the larger input
// scale's multiplier is exactly 1/2).
template <bool kShift>
__attribute__((always_inline)) inline int32x4_t RescaleInput(int32x4_t x, int32_t multiplier, int32_t shift) {
  if (kShift) return RequantizeRightShift(x, multiplier, shift);
  return vqrdmulhq_n_s32(x, multiplier);
}

// Four elements when no shift is a left shift (the usual case: TFLite's input multipliers are at
// most 1/2, the output one far below): the constants ride in scalar registers.
template <AddKind kKind, bool kShift1, bool kShift2, bool kTail>
__attribute__((always_inline)) inline void StepRightShifts(const RightShifts& k, const int8_t* a, const int8_t* b,
                                                           int8_t* out, int32x4_t lo, int32x4_t hi,
                                                           mve_pred16_t active) {
  const int32x4_t xa = kTail ? vldrbq_z_s32(a, active) : vldrbq_s32(a);
  const int32x4_t xb = kTail ? vldrbq_z_s32(b, active) : vldrbq_s32(b);
  const int32x4_t x =
      RescaleInput<kShift1>(vshlq_r_s32(vaddq_n_s32(xa, k.offset1), k.left_shift), k.multiplier1, k.shift1);
  const int32x4_t y =
      RescaleInput<kShift2>(vshlq_r_s32(vaddq_n_s32(xb, k.offset2), k.left_shift), k.multiplier2, k.shift2);
  const int32x4_t raw = kKind == AddKind::kAdd ? vaddq_s32(x, y) : vsubq_s32(x, y);
  const int32x4_t v = vaddq_n_s32(RequantizeRightShift(raw, k.multiplier, k.shift), k.zero_point);
  if (kTail)
    vstrbq_p_s32(out, vminq_s32(vmaxq_s32(v, lo), hi), active);
  else
    vstrbq_s32(out, vminq_s32(vmaxq_s32(v, lo), hi));
}

template <AddKind kKind, bool kShift1, bool kShift2>
void RunRightShifts(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out) {
  const int32_t n = static_cast<int32_t>(p.layout.num_elements);
  const RightShifts k = {p.input1_offset,     p.input2_offset, p.left_shift,        p.input1_multiplier,
                         p.input1_shift,      p.input2_multiplier, p.input2_shift, p.output_multiplier,
                         p.output_shift,      p.output_offset};
  const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
  int32_t i = 0;
  for (; i + 4 <= n; i += 4, a += 4, b += 4, out += 4) StepRightShifts<kKind, kShift1, kShift2, false>(k, a, b, out, lo, hi, 0xFFFF);
  if (i < n) StepRightShifts<kKind, kShift1, kShift2, true>(k, a, b, out, lo, hi, vctp32q(static_cast<uint32_t>(n - i)));
}

template <AddKind kKind>
void Dispatch(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out) {
  if (p.input1_shift > 0 || p.input2_shift > 0 || p.output_shift >= 0) {
    Run<kKind>(p, a, b, out);
  } else if (p.input1_shift < 0) {
    if (p.input2_shift < 0)
      RunRightShifts<kKind, true, true>(p, a, b, out);
    else
      RunRightShifts<kKind, true, false>(p, a, b, out);
  } else {
    if (p.input2_shift < 0)
      RunRightShifts<kKind, false, true>(p, a, b, out);
    else
      RunRightShifts<kKind, false, false>(p, a, b, out);
  }
}

}  // namespace

// Equal shapes: the layout is one flat run that both inputs walk.
bool AddS8MveSupports(const AddParams& p) { return AddS8DspSupports(p); }

void add_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Dispatch<AddKind::kAdd>(p, input1, input2, output);
}

void sub_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Dispatch<AddKind::kSub>(p, input1, input2, output);
}

}  // namespace mote
