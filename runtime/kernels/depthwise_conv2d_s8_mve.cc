// DEPTHWISE_CONV_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with
// depthwise_conv2d_s8_ref. It stages one channel's input rows as the DSP kernels do
// (depthwise_conv2d_s8_dsp_rows.h: 16-bit values with the input offset added, zero padding
// columns), a band of rows at a time and in order, so that every output of the band has its
// window at a fixed element offset from the band's first row. Four outputs in raster order are
// then four lanes: per filter tap one gather of four staged values and one VMLA by the tap's
// weight, whatever the image width. The band's sums are requantized four at a time and
// scatter-stored into NHWC. 3x3 filters (any stride, vertical dilation, depth multiplier).
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

// Where output j of a band finds its window: element offset from the band's first staged row.
// The same for every band (a last, shorter band uses a prefix); computed once per call.
void WindowOrigins(const ConvParams& p, int32_t band_rows, int32_t row_length, uint32_t* origins) {
  for (int32_t r = 0; r < band_rows; ++r)
    for (int32_t ox = 0; ox < p.output_w; ++ox)
      *origins++ = static_cast<uint32_t>(r * p.stride_h * row_length + ox * p.stride_w);
}

// A row staged four elements at a time: one gather of four strided bytes, one add, one
// narrowing store.
void ConvertLanes(const int8_t* src, int32_t count, int32_t step, int32_t offset, int16_t* dst) {
  uint32x4_t offsets = vdupq_n_u32(0);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(step), offsets, 1);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(2 * step), offsets, 2);
  offsets = vsetq_lane_u32(static_cast<uint32_t>(3 * step), offsets, 3);
  int32_t i = 0;
  for (; i + 4 <= count; i += 4, src += 4 * step, dst += 4)
    vstrhq_s32(dst, vaddq_n_s32(vldrbq_gather_offset_s32(src, offsets), offset));
  if (i < count) {
    const mve_pred16_t active = vctp32q(static_cast<uint32_t>(count - i));
    vstrhq_p_s32(dst, vaddq_n_s32(vldrbq_gather_offset_z_s32(src, offsets, active), offset), active);
  }
}

// One band, 3x3 filters: rows[ky * tap_step] is filter row ky's staged row for the band's first
// output row.
__attribute__((noinline)) void BandSums3x3(const int16_t* const* rows, int32_t tap_step, const uint32_t* origins,
                                           int32_t count, const int32_t* pairs, int32_t init, int32_t* sums) {
  const int32_t w00 = WeightAt(pairs, 2, 0, 0), w01 = WeightAt(pairs, 2, 0, 1), w02 = WeightAt(pairs, 2, 0, 2);
  const int32_t w10 = WeightAt(pairs, 2, 1, 0), w11 = WeightAt(pairs, 2, 1, 1), w12 = WeightAt(pairs, 2, 1, 2);
  const int32_t w20 = WeightAt(pairs, 2, 2, 0), w21 = WeightAt(pairs, 2, 2, 1), w22 = WeightAt(pairs, 2, 2, 2);
  const int16_t* r0 = rows[0];
  const int16_t* r1 = rows[tap_step];
  const int16_t* r2 = rows[2 * tap_step];
  const uint32_t* origin = origins;
  int32_t j = 0;
  // Whole groups of four without predication (a predicated instruction costs a VPST too)...
  for (; j + 4 <= count; j += 4, origin += 4, sums += 4) {
    const uint32x4_t o0 = vldrwq_u32(origin);
    const uint32x4_t o1 = vaddq_n_u32(o0, 1), o2 = vaddq_n_u32(o0, 2);
    int32x4_t acc = vmlaq_n_s32(vdupq_n_s32(init), vldrhq_gather_shifted_offset_s32(r0, o0), w00);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r0, o1), w01);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r0, o2), w02);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r1, o0), w10);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r1, o1), w11);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r1, o2), w12);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r2, o0), w20);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r2, o1), w21);
    acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_s32(r2, o2), w22);
    vstrwq_s32(sums, acc);
  }
  if (j == count) return;
  // ...then the rest under a tail predicate.
  const mve_pred16_t active = vctp32q(static_cast<uint32_t>(count - j));
  const uint32x4_t o0 = vldrwq_z_u32(origin, active);
  const uint32x4_t o1 = vaddq_n_u32(o0, 1), o2 = vaddq_n_u32(o0, 2);
  int32x4_t acc = vmlaq_n_s32(vdupq_n_s32(init), vldrhq_gather_shifted_offset_z_s32(r0, o0, active), w00);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r0, o1, active), w01);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r0, o2, active), w02);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r1, o0, active), w10);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r1, o1, active), w11);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r1, o2, active), w12);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r2, o0, active), w20);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r2, o1, active), w21);
  acc = vmlaq_n_s32(acc, vldrhq_gather_shifted_offset_z_s32(r2, o2, active), w22);
  vstrwq_p_s32(sums, acc, active);
}

struct LaneStore {
  void operator()(const int32_t* sums, int32_t count, const ChannelStore& c, int8_t* out) const {
    StoreStridedS8(sums, count, c.multiplier, c.shift, c.range.offset, c.range.act_min, c.range.act_max, out,
                   c.stride);
  }
};

// Wide images: one output row per band, the ring of staged rows (each input row converted once).
// Narrow ones: the whole image or 128 outputs per band, staged in order, so that the fixed cost
// of a band is spread over many four-lane groups.
int32_t BandOutputs(const ConvParams& p) { return p.output_w >= 16 ? 1 : 128; }

}  // namespace

// 3x3 filters only: on other sizes (micro_speech's 10x8 with a depth multiplier of 8, stride 2)
// the per-tap gathers lose to the DSP kernel's unrolled SMLAD pairs, which then runs instead.
bool DepthwiseConv2DS8MveSupports(const ConvParams& p) {
  return p.filter_h == 3 && p.filter_w == 3 && DepthwiseRows::Supports(p);
}

size_t DepthwiseConv2DS8MveScratchBytes(const ConvParams& p) {
  const int32_t band_outputs = BandOutputs(p);
  return DepthwiseRows::ScratchBytes(p, band_outputs) + sizeof(uint32_t) *
                                                           static_cast<size_t>(DepthwiseRows::BandRows(p, band_outputs)) *
                                                           static_cast<size_t>(p.output_w);
}

void depthwise_conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                             int8_t* output, void* scratch) {
  const int32_t band_outputs = BandOutputs(p);
  const int32_t band_rows = DepthwiseRows::BandRows(p, band_outputs);
  // The origins follow the staging's own scratch. Bands of one output row keep the ring of
  // staged rows (each input row converted once); taller bands stage their rows in order.
  uint32_t* origins =
      reinterpret_cast<uint32_t*>(static_cast<uint8_t*>(scratch) + DepthwiseRows::ScratchBytes(p, band_outputs));
  WindowOrigins(p, band_rows, DepthwiseRows::RowLength(p), origins);
  const bool in_order = band_rows > 1;
  DepthwiseByChannelBands(
      p, input, filter, bias, output, scratch,
      [&](const int16_t* const* rows, const BandGeometry& g, const int32_t* weights, int32_t init, int32_t* sums) {
        BandSums3x3(rows, g.tap_step, origins, g.rows * g.width, weights, init, sums);
      },
      LaneStore(), in_order, ConvertLanes, band_outputs);
}

}  // namespace mote
