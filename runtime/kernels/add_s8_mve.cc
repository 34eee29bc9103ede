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

}  // namespace

// Equal shapes: the layout is one flat run that both inputs walk.
bool AddS8MveSupports(const AddParams& p) { return AddS8DspSupports(p); }

void add_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Run<AddKind::kAdd>(p, input1, input2, output);
}

void sub_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Run<AddKind::kSub>(p, input1, input2, output);
}

}  // namespace mote
