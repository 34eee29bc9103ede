// CONV_2D int8 for cores with the DSP extension (Cortex-M4, M7, M33, M55), bit-exact with
// conv2d_s8_ref: the same int32 sums (reordered; integer addition wraps the same in any order)
// and the same requantization (requant_dsp.h).
//
// im2col + GEMM. Four output pixels at a time, the input windows are copied into the scratch
// buffer as 16-bit values with the input offset already added (padding taps become 0, which is
// what they contribute in the reference). Every filter row is then one pass over that buffer:
// one 32-bit filter load and two SXTB16 feed eight SMLADs, i.e. 16 multiply-accumulates.
//
// Column layout, per group of four window elements e0..e3 and per pixel j (0..3): the words
// (e0, e2) and (e1, e3) as halfword pairs, pixels side by side: 8 words per group. That is the
// order SXTB16 / SXTB16-ROR8 produce from four filter bytes, so no repacking is needed. When the
// window length is not a multiple of 4, the last group is padded with zeros on the input side
// and its filter word is assembled from the remaining bytes.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

constexpr int32_t kPixels = 4;             // output pixels per pass over the filters
constexpr int32_t kGroupWords = 2 * kPixels;  // int32 words per group of 4 window elements

struct Window {
  int32_t length;   // filter_h * filter_w * input_depth
  int32_t groups;   // ceil(length / 4)
};

Window WindowOf(const ConvParams& p) {
  const int32_t length = p.filter_h * p.filter_w * p.filter_depth;
  return {length, (length + 3) / 4};
}

bool DepthIsWordMultiple(const ConvParams& p) { return p.input_depth % 4 == 0; }

int32_t PairOf(int32_t v) {
  return static_cast<int32_t>((static_cast<uint32_t>(v) & 0xFFFFu) | (static_cast<uint32_t>(v) << 16));
}

// Four int8 values at `src` plus the offset, into column slot `dst` (two words).
inline void WidenFour(const int8_t* src, int32_t offset_pair, int32_t* dst) {
  const int32_t v = Load32(src);
  dst[0] = __sxtab16(offset_pair, v);
  dst[1] = __sxtab16(offset_pair, Ror8(v));
}

// The window of output pixel (b, oy, ox) into column j, input depth a multiple of 4: each tap's
// channels fill whole groups.
void FillColumnByTap(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                     int32_t offset_pair, int32_t* column) {
  const int32_t iy0 = oy * p.stride_h - p.pad_h;
  const int32_t ix0 = ox * p.stride_w - p.pad_w;
  const int32_t quads = p.input_depth / 4;
  int32_t* dst = column;
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    const bool row_valid = iy >= 0 && iy < p.input_h;
    for (int32_t kx = 0; kx < p.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      if (row_valid && ix >= 0 && ix < p.input_w) {
        const int8_t* src = input + NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy, ix, 0);
        for (int32_t q = 0; q < quads; ++q, src += 4, dst += kGroupWords) WidenFour(src, offset_pair, dst);
      } else {
        for (int32_t q = 0; q < quads; ++q, dst += kGroupWords) dst[0] = dst[1] = 0;
      }
    }
  }
}

// The same for any input depth: the window is first gathered as int8 into `row` (padding taps
// and the tail hold the input zero point, which the offset turns into 0), then widened.
void FillColumnByRow(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                     int32_t offset_pair, const Window& win, int8_t* row, int32_t* column) {
  const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
  const int32_t iy0 = oy * p.stride_h - p.pad_h;
  const int32_t ix0 = ox * p.stride_w - p.pad_w;
  int8_t* r = row;
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    const bool row_valid = iy >= 0 && iy < p.input_h;
    for (int32_t kx = 0; kx < p.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      if (row_valid && ix >= 0 && ix < p.input_w) {
        const int8_t* src = input + NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy, ix, 0);
        for (int32_t c = 0; c < p.input_depth; ++c) *r++ = src[c];
      } else {
        for (int32_t c = 0; c < p.input_depth; ++c) *r++ = zero_point;
      }
    }
  }
  for (int32_t i = win.length; i < 4 * win.groups; ++i) *r++ = zero_point;
  int32_t* dst = column;
  for (int32_t g = 0; g < win.groups; ++g, dst += kGroupWords) WidenFour(row + 4 * g, offset_pair, dst);
}

void ZeroColumn(const Window& win, int32_t* column) {
  for (int32_t g = 0; g < win.groups; ++g, column += kGroupWords) column[0] = column[1] = 0;
}

// The last filter word of a window whose length is not a multiple of 4: the remaining bytes,
// zero above (they meet the zero padding of the columns).
inline int32_t TailFilterWord(const int8_t* w, int32_t remaining) {
  uint32_t v = 0;
  for (int32_t i = 0; i < remaining; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[i])) << (8 * i);
  return static_cast<int32_t>(v);
}

struct Sums {
  int32_t s0, s1, s2, s3;  // one per pixel
};

// One step of the GEMM: filter word `w` against the next group of the four columns.
inline Sums MacGroup(int32_t w, const int32_t*& col, Sums a) {
  const int32_t even = SxtbEven(w);
  const int32_t odd = SxtbOdd(w);
  Words4 x = LoadWords4Advance(col);
  a.s0 = __smlad(even, x.w0, a.s0);
  a.s0 = __smlad(odd, x.w1, a.s0);
  a.s1 = __smlad(even, x.w2, a.s1);
  a.s1 = __smlad(odd, x.w3, a.s1);
  x = LoadWords4Advance(col);
  a.s2 = __smlad(even, x.w0, a.s2);
  a.s2 = __smlad(odd, x.w1, a.s2);
  a.s3 = __smlad(even, x.w2, a.s3);
  a.s3 = __smlad(odd, x.w3, a.s3);
  return a;
}

// The GEMM's inner loop over `full` >= 1 whole groups. Kept out of line: alone, it fits the
// core's registers (four pinned by the LDM, three pointers, four sums, two filter halves).
__attribute__((noinline)) Sums FullGroups(const int8_t* w, const int32_t* col, int32_t full, Sums a) {
  const int32_t* const end = col + full * kGroupWords;
  if (full & 1) a = MacGroup(LoadWordAdvance(w), col, a);
  while (col != end) {  // two groups per iteration: half the loop overhead
    a = MacGroup(LoadWordAdvance(w), col, a);
    a = MacGroup(LoadWordAdvance(w), col, a);
  }
  return a;
}

// Sums of one filter row over the four columns, starting from `init` (the bias).
Sums FilterSums(const int8_t* w, const int32_t* col, const Window& win, int32_t init) {
  Sums a = {init, init, init, init};
  const int32_t full = win.length / 4;
  if (full > 0) a = FullGroups(w, col, full, a);
  if (full != win.groups) {
    const int32_t* tail_col = col + full * kGroupWords;
    a = MacGroup(TailFilterWord(w + 4 * full, win.length - 4 * full), tail_col, a);
  }
  return a;
}

}  // namespace

bool Conv2DS8DspSupports(const ConvParams& p) { return p.groups == 1; }

size_t Conv2DS8DspScratchBytes(const ConvParams& p) {
  const Window win = WindowOf(p);
  const size_t columns = static_cast<size_t>(win.groups) * kGroupWords * sizeof(int32_t);
  const size_t row = DepthIsWordMultiple(p) ? 0 : static_cast<size_t>(win.groups) * 4;
  return columns + row;
}

void conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch) {
  const Window win = WindowOf(p);
  int32_t* columns = static_cast<int32_t*>(scratch);
  int8_t* row = reinterpret_cast<int8_t*>(columns + win.groups * kGroupWords);
  const int32_t offset_pair = PairOf(p.input_offset);
  const bool by_tap = DepthIsWordMultiple(p);
  const int32_t pixels = p.batches * p.output_h * p.output_w;

  int32_t b = 0, oy = 0, ox = 0;  // the next pixel to gather
  for (int32_t first = 0; first < pixels; first += kPixels) {
    const int32_t count = Min(kPixels, pixels - first);
    for (int32_t j = 0; j < kPixels; ++j) {
      int32_t* column = columns + 2 * j;
      if (j >= count) {
        ZeroColumn(win, column);
        continue;
      }
      if (by_tap)
        FillColumnByTap(p, input, b, oy, ox, offset_pair, column);
      else
        FillColumnByRow(p, input, b, oy, ox, offset_pair, win, row, column);
      if (++ox == p.output_w) {
        ox = 0;
        if (++oy == p.output_h) {
          oy = 0;
          ++b;
        }
      }
    }
    int8_t* out = output + first * p.output_depth;
    const int8_t* w = filter;
    for (int32_t oc = 0; oc < p.output_depth; ++oc, w += win.length) {
      const Sums acc = FilterSums(w, columns, win, bias ? Load32(bias + oc) : 0);
      const ChannelRequant q = MakeChannelRequant(p.channel_multipliers[oc], p.channel_shifts[oc]);
      const int32_t sums[kPixels] = {acc.s0, acc.s1, acc.s2, acc.s3};
      for (int32_t j = 0; j < count; ++j)
        out[j * p.output_depth + oc] = OutputS8(q, sums[j], p.output_offset, p.act_min, p.act_max);
    }
  }
}

}  // namespace mote
