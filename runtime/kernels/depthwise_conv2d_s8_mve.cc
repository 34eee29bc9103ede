// DEPTHWISE_CONV_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with
// depthwise_conv2d_s8_ref. It stages one channel's input rows exactly as the DSP kernels do
// (depthwise_conv2d_s8_dsp_rows.h: 16-bit values with the input offset added, zero padding
// columns), then works on four neighbouring outputs of a row at once: per filter tap one load
// of four staged values (contiguous for stride 1, a gather otherwise) and one VMLA by the tap's
// weight. The band's sums are requantized four at a time and scatter-stored into NHWC.
// Takes the shapes the DSP kernels take (no horizontal dilation, filter height up to 16).
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_s8_dsp_rows.h"
#include "runtime/kernels/mve.h"

namespace mote {
namespace {

// Weight (ky, kx) from the staging's packed halfword pairs.
inline int32_t WeightAt(const int32_t* pairs, int32_t pairs_per_row, int32_t ky, int32_t kx) {
  const int32_t pair = pairs[ky * pairs_per_row + kx / 2];
  return kx % 2 == 0 ? static_cast<int16_t>(pair & 0xFFFF) : static_cast<int16_t>(static_cast<uint32_t>(pair) >> 16);
}

// Four consecutive outputs' inputs at column offset kx: elements col + kx + i * step.
template <int32_t kStep>
inline int32x4_t Inputs(const int16_t* row, uint32x4_t offsets, mve_pred16_t active) {
  if constexpr (kStep == 1) {
    (void)offsets;
    return vldrhq_z_s32(row, active);
  } else {
    return vldrhq_gather_shifted_offset_z_s32(row, offsets, active);
  }
}

// One band, 3x3 filters; kStep 1 for stride 1 (contiguous loads), 0 for any other stride.
template <int32_t kStep>
__attribute__((noinline)) void BandSums3x3(const int16_t* const* rows, const BandGeometry& g, const int32_t* pairs,
                                           int32_t init, int32_t* sums) {
  const int32_t w00 = WeightAt(pairs, 2, 0, 0), w01 = WeightAt(pairs, 2, 0, 1), w02 = WeightAt(pairs, 2, 0, 2);
  const int32_t w10 = WeightAt(pairs, 2, 1, 0), w11 = WeightAt(pairs, 2, 1, 1), w12 = WeightAt(pairs, 2, 1, 2);
  const int32_t w20 = WeightAt(pairs, 2, 2, 0), w21 = WeightAt(pairs, 2, 2, 1), w22 = WeightAt(pairs, 2, 2, 2);
  const int32_t step = g.col_step;
  uint32x4_t offsets = vdupq_n_u32(0);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(step), offsets, 1);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(2 * step), offsets, 2);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(3 * step), offsets, 3);
  const int32x4_t start = vdupq_n_s32(init);
  for (int32_t r = 0; r < g.rows; ++r, rows += g.row_step) {
    const int16_t* r0 = rows[0];
    const int16_t* r1 = rows[g.tap_step];
    const int16_t* r2 = rows[2 * g.tap_step];
    for (int32_t ox = 0; ox < g.width; ox += 4, r0 += 4 * step, r1 += 4 * step, r2 += 4 * step, sums += 4) {
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(g.width - ox));
      int32x4_t acc = vmlaq_n_s32(start, Inputs<kStep>(r0, offsets, active), w00);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r0 + 1, offsets, active), w01);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r0 + 2, offsets, active), w02);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r1, offsets, active), w10);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r1 + 1, offsets, active), w11);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r1 + 2, offsets, active), w12);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r2, offsets, active), w20);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r2 + 1, offsets, active), w21);
      acc = vmlaq_n_s32(acc, Inputs<kStep>(r2 + 2, offsets, active), w22);
      vstrwq_p_s32(sums, acc, active);
    }
    sums -= (4 - g.width % 4) % 4;  // the last group may have had inactive lanes
  }
}

// One band, any filter (weights read from the staging's packed pairs).
__attribute__((noinline)) void BandSums(const int16_t* const* rows, const BandGeometry& g, const int32_t* pairs,
                                        int32_t filter_h, int32_t filter_w, int32_t init, int32_t* sums) {
  const int32_t step = g.col_step, pairs_per_row = (filter_w + 1) / 2;
  uint32x4_t offsets = vdupq_n_u32(0);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(step), offsets, 1);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(2 * step), offsets, 2);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(3 * step), offsets, 3);
  for (int32_t r = 0; r < g.rows; ++r, rows += g.row_step) {
    for (int32_t ox = 0; ox < g.width; ox += 4) {
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(g.width - ox));
      int32x4_t acc = vdupq_n_s32(init);
      for (int32_t ky = 0; ky < filter_h; ++ky) {
        const int16_t* x = rows[ky * g.tap_step] + ox * step;
        for (int32_t kx = 0; kx < filter_w; ++kx)
          acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(x + kx, offsets, active),
                            WeightAt(pairs, pairs_per_row, ky, kx));
      }
      vstrwq_p_s32(sums + ox, acc, active);
    }
    sums += g.width;
  }
}

struct LaneStore {
  void operator()(const int32_t* sums, int32_t count, const ChannelStore& c, int8_t* out) const {
    StoreStridedS8(sums, count, c.multiplier, c.shift, c.range.offset, c.range.act_min, c.range.act_max, out,
                   c.stride);
  }
};

}  // namespace

bool DepthwiseConv2DS8MveSupports(const ConvParams& p) { return DepthwiseRows::Supports(p); }

size_t DepthwiseConv2DS8MveScratchBytes(const ConvParams& p) { return DepthwiseRows::ScratchBytes(p); }

void depthwise_conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                             int8_t* output, void* scratch) {
  if (p.filter_h == 3 && p.filter_w == 3) {
    const auto band_sums = p.stride_w == 1 ? BandSums3x3<1> : BandSums3x3<0>;
    DepthwiseByChannelBands(p, input, filter, bias, output, scratch, band_sums, LaneStore());
    return;
  }
  DepthwiseByChannelBands(
      p, input, filter, bias, output, scratch,
      [&](const int16_t* const* rows, const BandGeometry& g, const int32_t* weights, int32_t init, int32_t* sums) {
        BandSums(rows, g, weights, p.filter_h, p.filter_w, init, sums);
      },
      LaneStore());
}

}  // namespace mote
