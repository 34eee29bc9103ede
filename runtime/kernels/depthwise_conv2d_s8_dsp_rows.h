// The channel-row staging that the DSP depthwise kernels share (depthwise_conv2d_s8_dsp.cc
// explains why): one channel's input rows as int16 with the offset added and zero padding
// columns, in a ring of slots, plus the filter of one output channel as packed halfword pairs.
//
// Scratch layout (ScratchBytes, 4-byte aligned): weight pairs [filter_h][pairs] int32, ring tags
// [span] int32, a zero row, then `span` row slots; rows are `row_length` int16 (even, so every
// row is word aligned). Column c of a row is input column c - pad_w.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/conv_common.h"

namespace mote {

class DepthwiseRows {
 public:
  static constexpr int32_t kMaxFilterH = 16;

  // Horizontal dilation would separate SMLAD's pair; very tall filters exceed the window array.
  static bool Supports(const ConvParams& p) { return p.dilation_w == 1 && p.filter_h <= kMaxFilterH; }

  static size_t ScratchBytes(const ConvParams& p) {
    const Geometry g = GeometryOf(p);
    return sizeof(int32_t) * (static_cast<size_t>(p.filter_h) * g.pairs + g.span) +
           sizeof(int16_t) * static_cast<size_t>(g.row_length) * (g.span + 1);
  }

  DepthwiseRows(const ConvParams& p, const int8_t* input, void* scratch) : p_(p), input_(input) {
    const Geometry g = GeometryOf(p);
    pairs_ = g.pairs;
    span_ = g.span;
    row_length_ = g.row_length;
    weights_ = static_cast<int32_t*>(scratch);
    tags_ = weights_ + p.filter_h * pairs_;
    zero_row_ = reinterpret_cast<int16_t*>(tags_ + span_);
    slots_ = zero_row_ + row_length_;
    // Padding columns are never written after this.
    int32_t* words = reinterpret_cast<int32_t*>(zero_row_);
    for (int32_t i = 0, n = row_length_ / 2 * (span_ + 1); i < n; ++i) words[i] = 0;
  }

  int32_t pairs() const { return pairs_; }

  // Selects the channel whose rows Window() returns; forgets the rows of the previous one.
  void StartChannel(int32_t batch, int32_t channel) {
    batch_ = batch;
    channel_ = channel;
    for (int32_t s = 0; s < span_; ++s) tags_[s] = -1;
  }

  // Output channel oc's filter as (w[ky][2j], w[ky][2j+1]) halfword pairs, 0 past the width.
  const int32_t* PackFilter(const int8_t* filter, int32_t oc) {
    for (int32_t ky = 0; ky < p_.filter_h; ++ky) {
      const int8_t* row = filter + ky * p_.filter_w * p_.output_depth + oc;
      for (int32_t j = 0; j < pairs_; ++j) {
        const int32_t lo = row[2 * j * p_.output_depth];
        const int32_t hi = 2 * j + 1 < p_.filter_w ? row[(2 * j + 1) * p_.output_depth] : 0;
        weights_[ky * pairs_ + j] =
            static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
      }
    }
    return weights_;
  }

  // The filter_h rows under output row oy (the zero row outside the input), converting the
  // ones not in the ring yet.
  const int16_t* const* Window(int32_t oy) {
    const int32_t iy0 = oy * p_.stride_h - p_.pad_h;
    for (int32_t ky = 0; ky < p_.filter_h; ++ky) {
      const int32_t iy = iy0 + ky * p_.dilation_h;
      window_[ky] = iy >= 0 && iy < p_.input_h ? Row(iy) : zero_row_;
    }
    return window_;
  }

 private:
  struct Geometry {
    int32_t pairs;       // ceil(filter_w / 2)
    int32_t span;        // input rows one output row needs: (filter_h - 1) * dilation_h + 1
    int32_t row_length;  // int16 elements per staged row
  };

  static Geometry GeometryOf(const ConvParams& p) {
    Geometry g;
    g.pairs = (p.filter_w + 1) / 2;
    g.span = (p.filter_h - 1) * p.dilation_h + 1;
    // The last window starts at column (output_w - 1) * stride_w and reads 2 * pairs columns.
    const int32_t needed = Max(p.pad_w + p.input_w, (p.output_w - 1) * p.stride_w + 2 * g.pairs);
    g.row_length = (needed + 1) & ~1;
    return g;
  }

  int16_t* Row(int32_t iy) {
    const int32_t slot = iy % span_;
    int16_t* row = slots_ + slot * row_length_;
    if (tags_[slot] != iy) {
      Convert(iy, row + p_.pad_w);
      tags_[slot] = iy;
    }
    return row;
  }

  void Convert(int32_t iy, int16_t* dst) const {
    const int32_t step = p_.input_depth;
    const int8_t* src = input_ + NhwcOffset(p_.input_h, p_.input_w, p_.input_depth, batch_, iy, 0, channel_);
    const int32_t offset = p_.input_offset;
    int32_t ix = 0;
    for (; ix + 2 <= p_.input_w; ix += 2, src += 2 * step) {
      dst[ix] = static_cast<int16_t>(src[0] + offset);
      dst[ix + 1] = static_cast<int16_t>(src[step] + offset);
    }
    if (ix < p_.input_w) dst[ix] = static_cast<int16_t>(src[0] + offset);
  }

  const ConvParams& p_;
  const int8_t* input_;
  int32_t pairs_ = 0, span_ = 0, row_length_ = 0;
  int32_t batch_ = 0, channel_ = 0;
  int32_t* weights_ = nullptr;
  int32_t* tags_ = nullptr;
  int16_t* zero_row_ = nullptr;
  int16_t* slots_ = nullptr;
  const int16_t* window_[kMaxFilterH] = {};
};

}  // namespace mote
