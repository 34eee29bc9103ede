// What the DSP depthwise kernels (depthwise_conv2d_s8_dsp.cc, depthwise_conv2d_s8_3x3_dsp.cc)
// share: the per-channel row staging and the loop around their band kernels.
//
// A depthwise filter never mixes channels, so SMLAD's two products must come from one channel:
// two horizontally adjacent taps. The kernels therefore work one channel at a time on rows of
// that channel, copied from the NHWC input into the scratch buffer as 16-bit values with the
// input offset added and with zero columns for the padding. Two adjacent row elements are then
// one 32-bit load, and the filter row is held as packed (w[kx], w[kx+1]) halfword pairs: one load
// and one SMLAD per two multiply-accumulates. Filter rows of odd width get a zero weight in the
// last pair, so the extra element read (a padding column) adds nothing.
//
// Output rows are processed in bands of about kBandOutputs outputs (one row when the image is
// wide, several when it is narrow), so that the fixed costs of a band are spread over many
// outputs. A band kernel writes the band's int32 sums into a buffer; StoreChannelS8 then
// requantizes them with the channel's constants in registers (one channel's outputs in a band
// are evenly spaced in NHWC). Two short loops instead of one long one: the long one does not fit
// the core's registers. The staged rows live in a ring of `slots` rows, enough for one band's
// windows, so each input row of a channel is converted once per output channel it feeds.
//
// Scratch layout (ScratchBytes, 4-byte aligned): weight pairs [filter_h][pairs] int32, band sums
// [band_rows * output_w] int32, a zero row, then the ring's row slots; rows are `row_length`
// int16 (even, so every row is word aligned). Column c of a row is input column c - pad_w.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/acle.h"
#include "runtime/kernels/conv_common.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {

class DepthwiseRows {
 public:
  static constexpr int32_t kMaxFilterH = 16;
  static constexpr int32_t kMaxBandRows = 64;  // input rows one band may span
  static constexpr int32_t kBandOutputs = 32;

  // Horizontal dilation would separate SMLAD's pair; windows taller than a band's row array
  // (tall filters, large vertical dilation) are left to the reference.
  static bool Supports(const ConvParams& p) {
    return p.dilation_w == 1 && p.filter_h <= kMaxFilterH &&
           static_cast<int64_t>(p.filter_h - 1) * p.dilation_h + 1 <= kMaxBandRows;
  }

  // `band_outputs`: about how many outputs a band holds (at least one row of them).
  static size_t ScratchBytes(const ConvParams& p, int32_t band_outputs = kBandOutputs) {
    const Geometry g = GeometryOf(p, band_outputs);
    return sizeof(int32_t) * (static_cast<size_t>(p.filter_h) * g.pairs + static_cast<size_t>(g.band_rows) * p.output_w) +
           sizeof(int16_t) * static_cast<size_t>(g.row_length) * (g.slots + 1);
  }

  // Output rows per band (the band sums buffer holds band_rows * output_w values).
  static int32_t BandRows(const ConvParams& p, int32_t band_outputs = kBandOutputs) {
    return GeometryOf(p, band_outputs).band_rows;
  }
  // int16 elements per staged row.
  static int32_t RowLength(const ConvParams& p) { return GeometryOf(p, kBandOutputs).row_length; }

  // Converts `count` int8 elements `step` bytes apart, plus `offset`, into consecutive int16.
  using Converter = void (*)(const int8_t* src, int32_t count, int32_t step, int32_t offset, int16_t* dst);

  // count elements `step` bytes apart, plus the offset, into consecutive int16 (plain C): an odd
  // first element alone, then pairs stored as one word (little-endian halfwords), so that short
  // rows pay little set-up.
  static void ConvertElements(const int8_t* src, int32_t count, int32_t step, int32_t offset, int16_t* dst) {
    int16_t* const end = dst + count;
    if (count & 1) {
      *dst++ = static_cast<int16_t>(src[0] + offset);
      src += step;
    }
    for (; dst != end; dst += 2, src += 2 * step) {
      const uint32_t lo = static_cast<uint16_t>(src[0] + offset);
      const uint32_t hi = static_cast<uint32_t>(src[step] + offset) << 16;
      Store32(dst, static_cast<int32_t>(lo | hi));
    }
  }

  // `in_order`: every band stages its rows afresh, in order, from slot 0 (rows outside the input
  // zero-filled), so that the band's rows are evenly spaced: the Helium kernel addresses them
  // with one gather offset per output. Otherwise slots form a ring and rows are reused.
  // `convert` stages a row (a vector version may replace the plain one).
  DepthwiseRows(const ConvParams& p, const int8_t* input, void* scratch, bool in_order = false,
                Converter convert = ConvertElements, int32_t band_outputs = kBandOutputs)
      : p_(p), input_(input), in_order_(in_order), convert_(convert) {
    const Geometry g = GeometryOf(p, band_outputs);
    pairs_ = g.pairs;
    band_rows_ = g.band_rows;
    slots_count_ = g.slots;
    row_length_ = g.row_length;
    weights_ = static_cast<int32_t*>(scratch);
    sums_ = weights_ + p.filter_h * pairs_;
    zero_row_ = reinterpret_cast<int16_t*>(sums_ + band_rows_ * p.output_w);
    slots_ = zero_row_ + row_length_;
    // Padding columns are never written after this.
    int32_t* words = reinterpret_cast<int32_t*>(zero_row_);
    for (int32_t i = 0, n = row_length_ / 2 * (slots_count_ + 1); i < n; ++i) words[i] = 0;
  }

  int32_t pairs() const { return pairs_; }
  int32_t band_rows() const { return band_rows_; }
  int32_t* sums() const { return sums_; }

  // Selects the channel whose rows Band() stages, from output row 0 on.
  void StartChannel(int32_t batch, int32_t channel) {
    channel_base_ = input_ + NhwcOffset(p_.input_h, p_.input_w, p_.input_depth, batch, 0, 0, channel);
    next_row_ = 0;
  }

  // Output channel oc's filter as (w[ky][2j], w[ky][2j+1]) halfword pairs, 0 past the width.
  const int32_t* PackFilter(const int8_t* filter, int32_t oc) {
    const int32_t step = p_.output_depth;
    for (int32_t ky = 0; ky < p_.filter_h; ++ky) {
      const int8_t* row = filter + ky * p_.filter_w * step + oc;
      for (int32_t j = 0; j < pairs_; ++j) {
        const int32_t lo = row[2 * j * step];
        const int32_t hi = 2 * j + 1 < p_.filter_w ? row[(2 * j + 1) * step] : 0;
        weights_[ky * pairs_ + j] =
            static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
      }
    }
    return weights_;
  }

  // The input rows under output rows [oy, oy + count), count <= band_rows(): element i is input
  // row oy * stride_h - pad_h + i (the zero row outside the input). Converts the rows that enter
  // the ring; call with increasing oy after StartChannel.
  const int16_t* const* Band(int32_t oy, int32_t count) {
    const int32_t iy0 = oy * p_.stride_h - p_.pad_h;
    const int32_t rows = (count - 1) * p_.stride_h + (p_.filter_h - 1) * p_.dilation_h + 1;
    if (in_order_) return BandInOrder(iy0, rows);
    const int32_t first_new = Max(next_row_, Max<int32_t>(iy0, 0));
    const int32_t end_new = Min(iy0 + rows, p_.input_h);
    const int32_t row_stride = p_.input_w * p_.input_depth;
    if (first_new < end_new) {
      // The ring's slots in order from first_new's, wrapping to slot 0.
      int16_t* slot = Slot(first_new);
      int16_t* const slots_end = slots_ + slots_count_ * row_length_;
      const int8_t* src = channel_base_ + first_new * row_stride;
      for (int32_t iy = first_new; iy < end_new; ++iy, src += row_stride) {
        Convert(src, p_.input_w, p_.input_depth, p_.input_offset, slot + p_.pad_w);
        slot += row_length_;
        if (slot == slots_end) slot = slots_;
      }
    }
    next_row_ = Max(next_row_, iy0 + rows);
    // Rows above the input, the input's rows (consecutive slots, wrapping), rows below it.
    const int32_t inside0 = Min(Max<int32_t>(-iy0, 0), rows);
    const int32_t inside1 = Max(Min(p_.input_h - iy0, rows), inside0);
    for (int32_t i = 0; i < inside0; ++i) band_[i] = zero_row_;
    if (inside0 < inside1) {
      const int16_t* slot = Slot(iy0 + inside0);
      const int16_t* const slots_end = slots_ + slots_count_ * row_length_;
      for (int32_t i = inside0; i < inside1; ++i) {
        band_[i] = slot;
        slot += row_length_;
        if (slot == slots_end) slot = slots_;
      }
    }
    for (int32_t i = inside1; i < rows; ++i) band_[i] = zero_row_;
    return band_;
  }

 private:
  const int16_t* const* BandInOrder(int32_t iy0, int32_t rows) {
    const int32_t row_stride = p_.input_w * p_.input_depth;
    for (int32_t i = 0; i < rows; ++i) {
      const int32_t iy = iy0 + i;
      int16_t* slot = slots_ + i * row_length_;
      if (iy >= 0 && iy < p_.input_h)
        Convert(channel_base_ + iy * row_stride, p_.input_w, p_.input_depth, p_.input_offset, slot + p_.pad_w);
      else
        for (int32_t x = 0; x < p_.input_w; ++x) slot[p_.pad_w + x] = 0;
      band_[i] = slot;
    }
    return band_;
  }

  // The plain converter called directly (inlined) rather than through the pointer.
  void Convert(const int8_t* src, int32_t count, int32_t step, int32_t offset, int16_t* dst) const {
    if (convert_ == ConvertElements)
      ConvertElements(src, count, step, offset, dst);
    else
      convert_(src, count, step, offset, dst);
  }

  struct Geometry {
    int32_t pairs;       // ceil(filter_w / 2)
    int32_t band_rows;   // output rows per band
    int32_t slots;       // ring rows: the input rows one band spans
    int32_t row_length;  // int16 elements per staged row
  };

  static Geometry GeometryOf(const ConvParams& p, int32_t band_outputs) {
    Geometry g;
    g.pairs = (p.filter_w + 1) / 2;
    const int32_t span = (p.filter_h - 1) * p.dilation_h + 1;
    const int32_t wanted = Max<int32_t>(1, Min<int32_t>(p.output_h, (band_outputs + p.output_w - 1) / Max<int32_t>(p.output_w, 1)));
    // The band's rows must fit the row array: (band_rows - 1) * stride_h + span <= kMaxBandRows.
    const int32_t fitting = 1 + (kMaxBandRows - Min(span, kMaxBandRows)) / p.stride_h;
    g.band_rows = Max<int32_t>(1, Min(wanted, fitting));
    g.slots = (g.band_rows - 1) * p.stride_h + span;
    // The last window starts at column (output_w - 1) * stride_w and reads 2 * pairs columns.
    const int32_t needed = Max(p.pad_w + p.input_w, (p.output_w - 1) * p.stride_w + 2 * g.pairs);
    g.row_length = (needed + 1) & ~1;
    return g;
  }

  int16_t* Slot(int32_t iy) const { return slots_ + (iy % slots_count_) * row_length_; }

  const ConvParams& p_;
  const int8_t* input_;
  const bool in_order_;
  const Converter convert_;
  const int8_t* channel_base_ = nullptr;
  int32_t pairs_ = 0, band_rows_ = 0, slots_count_ = 0, row_length_ = 0;
  int32_t next_row_ = 0;  // the first input row not converted for this channel yet
  int32_t* weights_ = nullptr;
  int32_t* sums_ = nullptr;
  int16_t* zero_row_ = nullptr;
  int16_t* slots_ = nullptr;
  const int16_t* band_[kMaxBandRows] = {};
};

// Where a band kernel finds its rows: output row r of the band, filter row ky reads
// rows[r * row_step + ky * tap_step], starting at column ox * col_step for output ox.
struct BandGeometry {
  int32_t rows;       // output rows in the band
  int32_t width;      // outputs per row
  int32_t row_step;   // stride_h
  int32_t tap_step;   // dilation_h
  int32_t col_step;   // stride_w
};

// StoreChannelS8 as the default band store.
struct ScalarBandStore {
  void operator()(const int32_t* sums, int32_t count, const ChannelStore& c, int8_t* out) const {
    StoreChannelS8(sums, count, c, out);
  }
};

// The loop every optimized depthwise kernel shares: per batch, input channel and output channel,
// per band of output rows, `band_sums(rows, geometry, weight_pairs, init, sums)` fills
// sums[0..rows * width) (init is the bias), then `store(sums, count, channel, out)` requantizes
// and stores the band.
template <typename BandSums, typename Store = ScalarBandStore>
void DepthwiseByChannelBands(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                             int8_t* output, void* scratch, BandSums band_sums, Store store = Store(),
                             bool rows_in_order = false,
                             DepthwiseRows::Converter convert = DepthwiseRows::ConvertElements,
                             int32_t band_outputs = DepthwiseRows::kBandOutputs) {
  DepthwiseRows rows(p, input, scratch, rows_in_order, convert, band_outputs);
  int32_t* const sums = rows.sums();
  const int32_t band_rows = rows.band_rows();
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t ic = 0; ic < p.input_depth; ++ic) {
      for (int32_t m = 0; m < p.depth_multiplier; ++m) {
        const int32_t oc = ic * p.depth_multiplier + m;
        rows.StartChannel(b, ic);
        const int32_t* weights = rows.PackFilter(filter, oc);
        const int32_t init = bias ? Load32(bias + oc) : 0;
        const ChannelStore channel = {p.channel_multipliers[oc], p.channel_shifts[oc],
                                      {p.output_offset, p.act_min, p.act_max}, p.output_depth};
        int8_t* out = output + NhwcOffset(p.output_h, p.output_w, p.output_depth, b, 0, 0, oc);
        for (int32_t oy = 0; oy < p.output_h; oy += band_rows) {
          const BandGeometry g = {Min(band_rows, p.output_h - oy), p.output_w, p.stride_h, p.dilation_h,
                                  p.stride_w};
          band_sums(rows.Band(oy, g.rows), g, weights, init, sums);
          const int32_t count = g.rows * g.width;
          store(sums, count, channel, out);
          out += count * p.output_depth;
        }
      }
    }
  }
}

}  // namespace mote
