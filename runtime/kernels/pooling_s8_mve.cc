// AVERAGE_POOL_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with
// average_pool_s8_ref: the same int32 sums per channel (integer addition in another order) and the
// same rounded division (RoundedAverage).
//
// Why: the reference walks one channel through the whole window at a stride of `depth` bytes, a
// load, an add and address arithmetic per tap. Here a window row's taps are walked once per
// sixteen channels: each tap is four widening loads (VLDRB.S32, four channels each) and four
// vector adds, the last channels under tail predicates. The division stays scalar (Helium has no
// vector divide), once per channel.
#include "runtime/kernels/mve.h"
#include "runtime/kernels/pooling_common.h"

namespace mote {
namespace {

// Channels c..c+15 (`lanes` of them real) of one clipped window, summed into `sums`.
__attribute__((noinline)) void SumWindow16(const PoolParams& p, const PoolWindow& w, const int8_t* in, int32_t c,
                                           int32_t* sums) {
  const uint32_t left = static_cast<uint32_t>(p.depth - c);
  const mve_pred16_t l0 = vctp32q(left), l1 = vctp32q(left > 4 ? left - 4 : 0);
  const mve_pred16_t l2 = vctp32q(left > 8 ? left - 8 : 0), l3 = vctp32q(left > 12 ? left - 12 : 0);
  int32x4_t a0 = vdupq_n_s32(0), a1 = a0, a2 = a0, a3 = a0;
  const int32_t row_step = p.input_w * p.depth, taps = w.x1 - w.x0;
  const int8_t* row = in + (w.y0 * p.input_w + w.x0) * p.depth + c;
  for (int32_t y = w.y0; y < w.y1; ++y, row += row_step) {
    const int8_t* t = row;
    for (int32_t x = 0; x < taps; ++x, t += p.depth) {
      a0 = vaddq_s32(a0, vldrbq_z_s32(t, l0));
      a1 = vaddq_s32(a1, vldrbq_z_s32(t + 4, l1));
      a2 = vaddq_s32(a2, vldrbq_z_s32(t + 8, l2));
      a3 = vaddq_s32(a3, vldrbq_z_s32(t + 12, l3));
    }
  }
  vstrwq_s32(sums, a0);
  vstrwq_s32(sums + 4, a1);
  vstrwq_s32(sums + 8, a2);
  vstrwq_s32(sums + 12, a3);
}

}  // namespace

void average_pool_s8_mve(const PoolParams& p, const int8_t* input, int8_t* output) {
  ForEachPoolWindow(p, input, output, [&p](const PoolWindow& w, const int8_t* in, int8_t* out) {
    const int32_t count = w.count(), act_min = p.act_min, act_max = p.act_max;
    for (int32_t c = 0; c < p.depth; c += 16) {
      int32_t sums[16];
      SumWindow16(p, w, in, c, sums);
      const int32_t n = p.depth - c < 16 ? p.depth - c : 16;
      for (int32_t i = 0; i < n; ++i) out[c + i] = static_cast<int8_t>(Clamp(RoundedAverage(sums[i], count), act_min, act_max));
    }
  });
}

}  // namespace mote
