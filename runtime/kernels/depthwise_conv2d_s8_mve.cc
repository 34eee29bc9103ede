// DEPTHWISE_CONV_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with
// depthwise_conv2d_s8_ref: the same int32 sums (reordered; integer addition wraps the same in any
// order) and the same requantization (mve.h's lane form). Two schemes:
//
// Depth multiplier 1 (any filter, stride, dilation, padding): channels are lanes. Eight adjacent
// channels of a tap are one widening load of the input and one of the filter (NHWC keeps both
// contiguous) into 16-bit lanes; VMULLB / VMULLT multiply the even and the odd channels into
// 32-bit lanes, and two adds accumulate them: eight multiply-accumulates in six instructions,
// whatever the image size. The input offset: sum_t w*(x + offset) = sum_t w*x + offset * sum_t w,
// the second term with the bias computed once per call per channel into the scratch buffer; a
// padding tap reads the input zero point instead of the input (w * (zero point + offset) = 0, as
// the reference's skipped tap). The even and odd sums are requantized in
// four lanes each (the per-channel constants are stored de-interleaved in the scratch buffer) and
// scatter-stored two bytes apart. A last group of fewer than eight channels runs predicated.
//
// Other depth multipliers, 3x3 filters: one channel's input rows are staged as the DSP kernels do
// (depthwise_conv2d_s8_dsp_rows.h: 16-bit values with the input offset added, zero padding
// columns), a band of rows at a time and in order, so that every output of the band has its
// window at a fixed element offset from the band's first row. Four outputs in raster order are
// then four lanes: per filter tap one gather of four staged values and one VMLA by the tap's
// weight, whatever the image width. The band's sums are requantized four at a time and
// scatter-stored into NHWC.
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_s8_dsp_rows.h"
#include "runtime/kernels/mve.h"

namespace mote {
namespace {

// --- depth multiplier 1: channels as lanes --------------------------------------------------

constexpr int32_t kGroup = 8;  // channels per group: eight 16-bit lanes

// Per-channel constants, a group of eight stored as its even channels then its odd ones, so that
// one load gives the four lanes of VMULLB's (or VMULLT's) sums. Lanes past the last channel hold
// zeros (multiplier 0, shift -1: the fast output stage's assumptions hold).
struct GroupTables {
  int32_t* base;        // bias + input_offset * (sum of the channel's filter taps)
  int32_t* multiplier;
  int32_t* shift;
  int8_t* rows;         // the staged rows (LaneRows)
};

int32_t PaddedChannels(const ConvParams& p) { return (p.output_depth + kGroup - 1) / kGroup * kGroup; }

// Where channel c lives in a de-interleaved table.
inline int32_t Deinterleaved(int32_t c) { return c / kGroup * kGroup + (c % 2) * 4 + (c % kGroup) / 2; }

GroupTables MakeTables(const ConvParams& p, const int8_t* filter, const int32_t* bias, void* scratch) {
  const int32_t padded = PaddedChannels(p), depth = p.output_depth, taps = p.filter_h * p.filter_w;
  int32_t* s = static_cast<int32_t*>(scratch);
  const GroupTables t = {s, s + padded, s + 2 * padded, reinterpret_cast<int8_t*>(s + 3 * padded)};
  for (int32_t c = 0; c < padded; ++c) {
    const int32_t i = Deinterleaved(c);
    if (c >= depth) {
      t.base[i] = t.multiplier[i] = 0;
      t.shift[i] = -1;
      continue;
    }
    int32_t sum = 0;
    for (int32_t k = 0; k < taps; ++k) sum += filter[k * depth + c];
    const int32_t b = bias ? Load32(bias + c) : 0;
    t.base[i] = WrappingAdd(b, static_cast<int32_t>(static_cast<uint32_t>(sum) * static_cast<uint32_t>(p.input_offset)));
    t.multiplier[i] = p.channel_multipliers[c];
    t.shift[i] = p.channel_shifts[c];
  }
  return t;
}

// Ends a tap on the target: without it GCC hoists all nine taps' loads and products and spills
// them to the stack (nothing to order in the host emulation).
__attribute__((always_inline)) inline void KeepOrder(int32x4_t& a, int32x4_t& b) {
#if defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE
  __asm__ volatile("" : "+w"(a), "+w"(b)::"memory");
#else
  (void)a;
  (void)b;
#endif  // defined(__ARM_FEATURE_MVE) && __ARM_FEATURE_MVE
}

template <bool kTail>
__attribute__((always_inline)) inline int16x8_t Load8(const int8_t* p, mve_pred16_t pred) {
  if (kTail) return vldrbq_z_s16(p, pred);
  return vldrbq_s16(p);
}

struct Sums8 {
  int32x4_t even, odd;
};

// One tap of eight channels.
template <bool kTail>
__attribute__((always_inline)) inline void Tap(const int8_t* x, const int8_t* w, mve_pred16_t pred, Sums8& s) {
  const int16x8_t xv = Load8<kTail>(x, pred);
  const int16x8_t wv = Load8<kTail>(w, pred);
  s.even = vaddq_s32(s.even, vmullbq_int_s16(xv, wv));
  s.odd = vaddq_s32(s.odd, vmulltq_int_s16(xv, wv));
  KeepOrder(s.even, s.odd);
}

// The rows under one output row: filter row ky reads rows[ky], whose column 0 is input column
// -pad_w. Without horizontal padding they are the input's own rows; with it, copies with the
// zero point in the padding columns. A row outside the input is all zero point.
constexpr int32_t kMaxLaneRows = 16;

struct LaneRows {
  const int8_t* row[kMaxLaneRows];
};

// Output row of group g: `out` is the row's first output (column 0, channel 0).
template <bool kTail>
__attribute__((noinline)) void LaneRow(const ConvParams& p, const LaneRows& rows, const int8_t* filter,
                                       const GroupTables& t, int32_t g, bool right_shifts, int8_t* out) {
  const int32_t depth = p.output_depth, left = depth - g;
  const mve_pred16_t load = vctp16q(static_cast<uint32_t>(left));
  const mve_pred16_t store_even = vctp32q(static_cast<uint32_t>((left + 1) / 2));
  const mve_pred16_t store_odd = vctp32q(static_cast<uint32_t>(left / 2));
  const int32x4_t base_even = vldrwq_s32(t.base + g), base_odd = vldrwq_s32(t.base + g + 4);
  const int32x4_t mult_even = vldrwq_s32(t.multiplier + g), mult_odd = vldrwq_s32(t.multiplier + g + 4);
  const int32x4_t shift_even = vldrwq_s32(t.shift + g), shift_odd = vldrwq_s32(t.shift + g + 4);
  uint32x4_t pairs = vdupq_n_u32(0);  // byte offsets 0, 2, 4, 6: every other channel
  pairs = vsetq_lane_u32(2, pairs, 1);
  pairs = vsetq_lane_u32(4, pairs, 2);
  pairs = vsetq_lane_u32(6, pairs, 3);
  const int32_t fh = p.filter_h, fw = p.filter_w;
  const int32_t step = p.stride_w * depth, c = p.dilation_w * depth;
  const int8_t* const w0 = filter + g;
  const int8_t* x0 = rows.row[0] + g;
  const int8_t* x1 = rows.row[fh > 1 ? 1 : 0] + g;
  const int8_t* x2 = rows.row[fh > 2 ? 2 : 0] + g;
  const bool three = fh == 3 && fw == 3;
  const bool narrow = p.act_min != -128 || p.act_max != 127;
  out += g;
  for (int32_t ox = 0; ox < p.output_w; ++ox, out += depth, x0 += step, x1 += step, x2 += step) {
    Sums8 s = {base_even, base_odd};
    if (three) {
      Tap<kTail>(x0, w0, load, s);
      Tap<kTail>(x0 + c, w0 + depth, load, s);
      Tap<kTail>(x0 + 2 * c, w0 + 2 * depth, load, s);
      Tap<kTail>(x1, w0 + 3 * depth, load, s);
      Tap<kTail>(x1 + c, w0 + 4 * depth, load, s);
      Tap<kTail>(x1 + 2 * c, w0 + 5 * depth, load, s);
      Tap<kTail>(x2, w0 + 6 * depth, load, s);
      Tap<kTail>(x2 + c, w0 + 7 * depth, load, s);
      Tap<kTail>(x2 + 2 * c, w0 + 8 * depth, load, s);
    } else {
      const int8_t* w = w0;
      const int32_t column = ox * step + g;
      for (int32_t ky = 0; ky < fh; ++ky) {
        const int8_t* x = rows.row[ky] + column;
        for (int32_t kx = 0; kx < fw; ++kx, w += depth, x += c) Tap<kTail>(x, w, load, s);
      }
    }
    if (right_shifts) {
      int32x4_t even = OutputLanesRightShift(s.even, mult_even, shift_even, p.output_offset);
      int32x4_t odd = OutputLanesRightShift(s.odd, mult_odd, shift_odd, p.output_offset);
      if (narrow) {  // an activation range narrower than int8
        const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
        even = vminq_s32(vmaxq_s32(even, lo), hi);
        odd = vminq_s32(vmaxq_s32(odd, lo), hi);
      }
      vstrbq_scatter_offset_p_s32(out, pairs, even, store_even);
      vstrbq_scatter_offset_p_s32(out + 1, pairs, odd, store_odd);
    } else {
      const LaneRequant q_even = MakeLaneRequant(mult_even, shift_even), q_odd = MakeLaneRequant(mult_odd, shift_odd);
      vstrbq_scatter_offset_p_s32(out, pairs, OutputLanes(s.even, q_even, p.output_offset, p.act_min, p.act_max),
                                  store_even);
      vstrbq_scatter_offset_p_s32(out + 1, pairs, OutputLanes(s.odd, q_odd, p.output_offset, p.act_min, p.act_max),
                                  store_odd);
    }
  }
}

// Input columns a staged row holds: every window's columns, from input column -pad_w.
int32_t StagedWidth(const ConvParams& p) {
  return Max(p.pad_w + p.input_w, (p.output_w - 1) * p.stride_w + (p.filter_w - 1) * p.dilation_w + 1);
}
bool NeedsStaging(const ConvParams& p) { return StagedWidth(p) != p.input_w; }
bool UsesChannelLanes(const ConvParams& p) { return p.depth_multiplier == 1 && p.filter_h <= kMaxLaneRows; }

void DepthwiseChannelLanes(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                           int8_t* output, void* scratch) {
  const GroupTables t = MakeTables(p, filter, bias, scratch);
  const int32_t depth = p.output_depth, row_bytes = StagedWidth(p) * depth;
  const bool staged = NeedsStaging(p);
  int8_t* const slots = t.rows;
  const int8x16_t zero_point = vdupq_n_s8(static_cast<int8_t>(-p.input_offset));
  // Padding columns and rows outside the input: the zero point, written once (a staged row's
  // copy only overwrites its input columns). Unstaged, slot 0 is the zero row.
  FillBytes(zero_point, (staged ? p.filter_h : 1) * row_bytes, slots);
  const bool right_shifts = IsRightShiftOnly(p.channel_shifts, depth);
  const int32_t whole = depth / kGroup * kGroup, input_row = p.input_w * depth;
  int8_t* out = output;
  LaneRows rows;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy, out += p.output_w * depth) {
      for (int32_t ky = 0; ky < p.filter_h; ++ky) {
        const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
        const bool inside = iy >= 0 && iy < p.input_h;
        const int8_t* src = input + NhwcOffset(p.input_h, p.input_w, depth, b, inside ? iy : 0, 0, 0);
        if (!staged) {
          rows.row[ky] = inside ? src : slots;
          continue;
        }
        int8_t* slot = slots + ky * row_bytes;
        if (inside)
          CopyBytes(src, input_row, slot + p.pad_w * depth);
        else
          FillBytes(zero_point, input_row, slot + p.pad_w * depth);
        rows.row[ky] = slot;
      }
      for (int32_t g = 0; g < whole; g += kGroup) LaneRow<false>(p, rows, filter, t, g, right_shifts, out);
      if (whole < depth) LaneRow<true>(p, rows, filter, t, whole, right_shifts, out);
    }
  }
}

// --- other depth multipliers: staged rows, outputs as lanes ---------------------------------

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

// Depth multiplier 1: every shape. Other multipliers: 3x3 filters only; on other sizes
// (micro_speech's 10x8 with a depth multiplier of 8, stride 2) the per-tap gathers lose to the DSP
// kernel's unrolled SMLAD pairs, which then runs instead.
bool DepthwiseConv2DS8MveSupports(const ConvParams& p) {
  return UsesChannelLanes(p) || (p.filter_h == 3 && p.filter_w == 3 && DepthwiseRows::Supports(p));
}

size_t DepthwiseConv2DS8MveScratchBytes(const ConvParams& p) {
  if (UsesChannelLanes(p)) {
    const size_t rows = NeedsStaging(p) ? static_cast<size_t>(p.filter_h) : 1;
    return 3 * sizeof(int32_t) * static_cast<size_t>(PaddedChannels(p)) +
           rows * static_cast<size_t>(StagedWidth(p)) * static_cast<size_t>(p.output_depth);
  }
  const int32_t band_outputs = BandOutputs(p);
  return DepthwiseRows::ScratchBytes(p, band_outputs) + sizeof(uint32_t) *
                                                           static_cast<size_t>(DepthwiseRows::BandRows(p, band_outputs)) *
                                                           static_cast<size_t>(p.output_w);
}

void depthwise_conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                             int8_t* output, void* scratch) {
  if (UsesChannelLanes(p)) {
    DepthwiseChannelLanes(p, input, filter, bias, output, scratch);
    return;
  }
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
