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
//
// Short windows (pointwise layers with few input channels) would spend more on each filter
// row's set-up and requantization constants than on its multiply-accumulates, so the scratch
// holds a block of several four-pixel column sets (up to kBlockBytes) and each filter row runs
// over the whole block.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

constexpr int32_t kPixels = 4;             // output pixels per column set
constexpr int32_t kGroupWords = 2 * kPixels;  // int32 words per group of 4 window elements
constexpr int32_t kBlockBytes = 1024;      // column sets per block: as many as fit, at least one

struct Window {
  int32_t length;   // filter_h * filter_w * input_depth
  int32_t groups;   // ceil(length / 4)
};

Window WindowOf(const ConvParams& p) {
  const int32_t length = p.filter_h * p.filter_w * p.filter_depth;
  return {length, (length + 3) / 4};
}

// Four-pixel column sets per block: as many as kBlockBytes holds (at least one), no more than
// the layer has.
int32_t SetsPerBlock(const ConvParams& p, const Window& win) {
  const int32_t set_bytes = win.groups * kGroupWords * static_cast<int32_t>(sizeof(int32_t));
  if (set_bytes > kBlockBytes / 4) return 1;  // long windows: the filter row's set-up is amortized already
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  return Max<int32_t>(1, Min(kBlockBytes / set_bytes, (pixels + kPixels - 1) / kPixels));
}

bool DepthIsWordMultiple(const ConvParams& p) { return p.input_depth % 4 == 0; }

int32_t PairOf(int32_t v) {
  return static_cast<int32_t>((static_cast<uint32_t>(v) & 0xFFFFu) | (static_cast<uint32_t>(v) << 16));
}

// Four int8 values at `src` plus the offset, into column slot `dst` (two words).
inline void WidenFour(const int8_t* src, int32_t offset_pair, int32_t* dst) {
  const int32_t v = Load32(src);
  dst[0] = __sxtab16(offset_pair, v);
  dst[1] = SxtabOdd(offset_pair, v);
}

// `quads` groups of four int8 from `src` into consecutive column groups starting at `dst`.
inline int32_t* WidenRun(const int8_t* src, int32_t quads, int32_t offset_pair, int32_t* dst) {
  for (int32_t q = 0; q < quads; ++q, src += 4, dst += kGroupWords) WidenFour(src, offset_pair, dst);
  return dst;
}

inline int32_t* ZeroRun(int32_t quads, int32_t* dst) {
  for (int32_t q = 0; q < quads; ++q, dst += kGroupWords) dst[0] = dst[1] = 0;
  return dst;
}

// The window of output pixel (b, oy, ox) into column `column`, input depth a multiple of 4: each
// tap's channels fill whole groups; with no horizontal dilation a filter row's valid taps are
// one contiguous run of the input.
void FillColumnByTap(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                     int32_t offset_pair, int32_t* column) {
  const int32_t iy0 = oy * p.stride_h - p.pad_h;
  const int32_t ix0 = ox * p.stride_w - p.pad_w;
  const int32_t quads = p.input_depth / 4;
  const int32_t filter_w = p.filter_w, input_w = p.input_w, dilation_w = p.dilation_w;
  // Valid taps kx0 <= kx < kx1 of every filter row (rows differ only in being valid or not).
  int32_t kx0 = 0, kx1 = filter_w;
  if (dilation_w == 1) {
    kx0 = Min(Max<int32_t>(-ix0, 0), filter_w);
    kx1 = Max(Min(input_w - ix0, filter_w), kx0);
  }
  int32_t* dst = column;
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= p.input_h) {
      dst = ZeroRun(filter_w * quads, dst);
      continue;
    }
    const int8_t* row = input + NhwcOffset(p.input_h, input_w, p.input_depth, b, iy, 0, 0);
    if (dilation_w == 1) {
      dst = ZeroRun(kx0 * quads, dst);
      dst = WidenRun(row + (ix0 + kx0) * p.input_depth, (kx1 - kx0) * quads, offset_pair, dst);
      dst = ZeroRun((filter_w - kx1) * quads, dst);
      continue;
    }
    for (int32_t kx = 0; kx < filter_w; ++kx) {
      const int32_t ix = ix0 + kx * dilation_w;
      dst = ix >= 0 && ix < input_w ? WidenRun(row + ix * p.input_depth, quads, offset_pair, dst)
                                    : ZeroRun(quads, dst);
    }
  }
}

inline int8_t* CopyBytes(const int8_t* src, int32_t n, int8_t* dst) {
  for (; n >= 4; n -= 4, src += 4, dst += 4) Store32(dst, Load32(src));
  for (; n > 0; --n) *dst++ = *src++;
  return dst;
}

inline int8_t* FillBytes(int8_t value, int32_t n, int8_t* dst) {
  for (; n > 0; --n) *dst++ = value;
  return dst;
}

// The same for any input depth: the window is first gathered as int8 into `row` (padding taps
// and the tail hold the input zero point, which the offset turns into 0), then widened.
void FillColumnByRow(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                     int32_t offset_pair, const Window& win, int8_t* row, int32_t* column) {
  const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
  const int32_t iy0 = oy * p.stride_h - p.pad_h;
  const int32_t ix0 = ox * p.stride_w - p.pad_w;
  const int32_t depth = p.input_depth, filter_w = p.filter_w, input_w = p.input_w, dilation_w = p.dilation_w;
  int32_t kx0 = 0, kx1 = filter_w;
  if (dilation_w == 1) {
    kx0 = Min(Max<int32_t>(-ix0, 0), filter_w);
    kx1 = Max(Min(input_w - ix0, filter_w), kx0);
  }
  int8_t* r = row;
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= p.input_h) {
      r = FillBytes(zero_point, filter_w * depth, r);
      continue;
    }
    const int8_t* in_row = input + NhwcOffset(p.input_h, input_w, depth, b, iy, 0, 0);
    if (dilation_w == 1) {
      r = FillBytes(zero_point, kx0 * depth, r);
      r = CopyBytes(in_row + (ix0 + kx0) * depth, (kx1 - kx0) * depth, r);
      r = FillBytes(zero_point, (filter_w - kx1) * depth, r);
      continue;
    }
    for (int32_t kx = 0; kx < filter_w; ++kx) {
      const int32_t ix = ix0 + kx * dilation_w;
      r = ix >= 0 && ix < input_w ? CopyBytes(in_row + ix * depth, depth, r) : FillBytes(zero_point, depth, r);
    }
  }
  FillBytes(zero_point, 4 * win.groups - win.length, r);
  WidenRun(row, win.groups, offset_pair, column);
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

// What every filter row of one pass over the gathered columns shares.
struct Pass {
  const int8_t* filter;
  const int32_t* bias;
  int32_t length;           // window length: the stride between filter rows
  int32_t set_words;        // words per four-pixel column set
  bool odd_groups;          // an odd number of whole groups
  int32_t tail;             // window elements in the last, partial group (0: none)
  int32_t depth;            // output channels: the stride between one channel's outputs
  const int32_t* multipliers;
  const int32_t* shifts;
  OutputRange range;
  const int32_t* folded;    // FoldTable: every channel's folded requantization, or null
};

// Words per channel of the folded table: FoldedRequant's rounding (low, high), multiplier, high
// shift, and the zero point still to add (0 when it is folded into the rounding). Made once per
// call, so that a filter row loads its output stage's constants instead of deriving them for
// every column set.
constexpr int32_t kFoldedWords = 5;

// The table in `table` (output_depth * kFoldedWords words); null when some channel does not take
// the folded form (the rows then make their constants as they go).
const int32_t* FoldTable(const ConvParams& p, int32_t* table, bool* adds_zero_point) {
  *adds_zero_point = false;
  const OutputRange range = {p.output_offset, p.act_min, p.act_max};
  for (int32_t oc = 0; oc < p.output_depth; ++oc) {
    // A zero multiplier (a dead channel) requantizes every sum to 0 at any shift: -1 puts it in
    // the table's form.
    const int32_t multiplier = p.channel_multipliers[oc];
    const ChannelRequant q = MakeChannelRequant(multiplier, multiplier == 0 ? -1 : p.channel_shifts[oc]);
    FoldedRequant f;
    int32_t* t = table + oc * kFoldedWords;
    t[4] = 0;
    if (!MakeFoldedRequantAnyRange(q, range, &f)) {
      if (!MakeUnfoldedRequant(q, &f)) return nullptr;
      t[4] = p.output_offset;
      *adds_zero_point = true;
    }
    t[0] = static_cast<int32_t>(static_cast<uint32_t>(f.rounding));
    t[1] = static_cast<int32_t>(static_cast<uint32_t>(f.rounding >> 32));
    t[2] = f.multiplier;
    t[3] = f.high_shift;
  }
  return table;
}

inline FoldedRequant FoldedAt(const int32_t* t) {
  return {(static_cast<uint64_t>(static_cast<uint32_t>(t[1])) << 32) | static_cast<uint32_t>(t[0]), t[2], t[3]};
}

// Every filter row against one full four-pixel column set, the folded table present: the
// filter pointer runs on from row to row, and a row's output stage is four loads from the table.
template <FoldedClamp kClamp, bool kAddZp>
__attribute__((noinline)) void FourPixelsFolded(const Pass& pass, const int32_t* columns, int8_t* out) {
  const int32_t depth = pass.depth, tail = pass.tail;
  const bool odd_groups = pass.odd_groups;
  const int32_t* const bias = pass.bias;
  const int32_t* const col_end = columns + (pass.length / 4) * kGroupWords;
  const int32_t* t = pass.folded;
  const int8_t* w = pass.filter;
  for (int32_t oc = 0; oc < depth; ++oc, ++out, t += kFoldedWords) {
    const int32_t init = bias ? Load32(bias + oc) : 0;
    Sums a = {init, init, init, init};
    const int32_t* col = columns;
    if (odd_groups) a = MacGroup(LoadWordAdvance(w), col, a);
    while (col != col_end) {
      a = MacGroup(LoadWordAdvance(w), col, a);
      a = MacGroup(LoadWordAdvance(w), col, a);
    }
    if (tail > 0) {
      a = MacGroup(TailFilterWord(w, tail), col, a);
      w += tail;
    }
    const FoldedRequant f = FoldedAt(t);
    const int32_t lo = pass.range.act_min, hi = pass.range.act_max, zp = kAddZp ? t[4] : 0;
    out[0] = OutputS8FoldedClamped<kClamp>(f, a.s0, lo, hi, zp);
    out[depth] = OutputS8FoldedClamped<kClamp>(f, a.s1, lo, hi, zp);
    out[2 * depth] = OutputS8FoldedClamped<kClamp>(f, a.s2, lo, hi, zp);
    out[3 * depth] = OutputS8FoldedClamped<kClamp>(f, a.s3, lo, hi, zp);
  }
}


// Filter row `w` against one four-pixel column set; `tail_word` is the row's last, partial
// group (TailFilterWord), used when pass.tail > 0.
__attribute__((always_inline)) inline Sums SetSums(const Pass& pass, const int8_t* w, int32_t tail_word,
                                                   const int32_t* col, int32_t init) {
  Sums a = {init, init, init, init};
  const int32_t* const end = col + (pass.length / 4) * kGroupWords;
  if (pass.odd_groups) a = MacGroup(LoadWordAdvance(w), col, a);
  while (col != end) {  // two groups per iteration: half the loop overhead
    a = MacGroup(LoadWordAdvance(w), col, a);
    a = MacGroup(LoadWordAdvance(w), col, a);
  }
  if (pass.tail > 0) a = MacGroup(tail_word, col, a);
  return a;
}

// The same against `sets` full column sets (short windows): the filter row's constants once per
// row, then one GEMM and four stores per set.
template <FoldedClamp kClamp, bool kAddZp>
__attribute__((noinline)) void FourPixelSetsFolded(const Pass& pass, const int32_t* columns, int32_t sets,
                                                   int8_t* out) {
  const int32_t depth = pass.depth;
  const int32_t* t = pass.folded;
  const int8_t* w = pass.filter;
  for (int32_t oc = 0; oc < depth; ++oc, ++out, t += kFoldedWords, w += pass.length) {
    const int32_t init = pass.bias ? Load32(pass.bias + oc) : 0;
    const int32_t tail_word = pass.tail > 0 ? TailFilterWord(w + pass.length - pass.tail, pass.tail) : 0;
    const FoldedRequant f = FoldedAt(t);
    const int32_t* col = columns;
    int8_t* o = out;
    for (int32_t k = 0; k < sets; ++k, col += pass.set_words, o += kPixels * depth) {
      const Sums a = SetSums(pass, w, tail_word, col, init);
      const int32_t lo = pass.range.act_min, hi = pass.range.act_max, zp = kAddZp ? t[4] : 0;
      o[0] = OutputS8FoldedClamped<kClamp>(f, a.s0, lo, hi, zp);
      o[depth] = OutputS8FoldedClamped<kClamp>(f, a.s1, lo, hi, zp);
      o[2 * depth] = OutputS8FoldedClamped<kClamp>(f, a.s2, lo, hi, zp);
      o[3 * depth] = OutputS8FoldedClamped<kClamp>(f, a.s3, lo, hi, zp);
    }
  }
}

using FoldedPassFn = void (*)(const Pass&, const int32_t*, int8_t*);
using FoldedSetsFn = void (*)(const Pass&, const int32_t*, int32_t, int8_t*);

struct FoldedPasses {
  FoldedPassFn one_set;
  FoldedSetsFn sets;
};

FoldedPasses FoldedPassesFor(OutputRange r, bool adds_zero_point) {
  if (adds_zero_point) return {FourPixelsFolded<FoldedClamp::kBoth, true>, FourPixelSetsFolded<FoldedClamp::kBoth, true>};
  switch (FoldedClampOf(r)) {
    case FoldedClamp::kFull:
      return {FourPixelsFolded<FoldedClamp::kFull, false>, FourPixelSetsFolded<FoldedClamp::kFull, false>};
    case FoldedClamp::kLow:
      return {FourPixelsFolded<FoldedClamp::kLow, false>, FourPixelSetsFolded<FoldedClamp::kLow, false>};
    default:
      return {FourPixelsFolded<FoldedClamp::kBoth, false>, FourPixelSetsFolded<FoldedClamp::kBoth, false>};
  }
}

// Every filter row against `sets` four-pixel column sets; set k's `count` outputs (4, or 3 in a
// last set) requantized into out[(4k + j) * depth + oc]. Out of line: the GEMM loop then fits the
// core's registers (four pinned by the LDM, three pointers, four sums, two filter halves); the
// per-row values around it are spilled once per row.
// kOneSet: `sets` is 1 (long windows), known to the compiler, which then keeps the GEMM loop in
// registers without the block loop around it.
template <bool kOneSet>
__attribute__((noinline)) void FourPixelPass(const Pass& pass, const int32_t* columns, int32_t block_sets,
                                             int32_t count, int8_t* out) {
  const int32_t sets = kOneSet ? 1 : block_sets;
  const int8_t* w = pass.filter;
  const int32_t depth = pass.depth;
  const int32_t set_out = kPixels * depth;
  if constexpr (kOneSet) {
    // Nothing is live across the GEMM loop but its own values: the tail word and the
    // requantization constants are made after it.
    for (int32_t oc = 0; oc < depth; ++oc, w += pass.length, ++out) {
      const int32_t init = pass.bias ? Load32(pass.bias + oc) : 0;
      Sums a = {init, init, init, init};
      const int8_t* wp = w;
      const int32_t* col = columns;
      const int32_t* const end = col + (pass.length / 4) * kGroupWords;
      if (pass.odd_groups) a = MacGroup(LoadWordAdvance(wp), col, a);
      while (col != end) {
        a = MacGroup(LoadWordAdvance(wp), col, a);
        a = MacGroup(LoadWordAdvance(wp), col, a);
      }
      if (pass.tail > 0) a = MacGroup(TailFilterWord(wp, pass.tail), col, a);
      const ChannelRequant q = MakeChannelRequant(pass.multipliers[oc], pass.shifts[oc]);
      FoldedRequant f;
      if (count == kPixels && MakeFoldedRequant(q, pass.range, &f)) {
        out[0] = OutputS8Folded(f, a.s0);
        out[depth] = OutputS8Folded(f, a.s1);
        out[2 * depth] = OutputS8Folded(f, a.s2);
        out[3 * depth] = OutputS8Folded(f, a.s3);
      } else {
        const int32_t sums[kPixels] = {a.s0, a.s1, a.s2, a.s3};
        StoreRunS8(sums, count, pass.multipliers[oc], pass.shifts[oc], pass.range, out, depth);
      }
    }
    return;
  }
  for (int32_t oc = 0; oc < depth; ++oc, w += pass.length, ++out) {
    const int32_t init = pass.bias ? Load32(pass.bias + oc) : 0;
    const int32_t tail_word = pass.tail > 0 ? TailFilterWord(w + pass.length - pass.tail, pass.tail) : 0;
    const ChannelRequant q = MakeChannelRequant(pass.multipliers[oc], pass.shifts[oc]);
    const int32_t* col = columns;
    int8_t* o = out;
    FoldedRequant f;
    if (count == kPixels && MakeFoldedRequant(q, pass.range, &f)) {
      for (int32_t k = 0; k < sets; ++k, col += pass.set_words, o += set_out) {
        const Sums a = SetSums(pass, w, tail_word, col, init);
        o[0] = OutputS8Folded(f, a.s0);
        o[depth] = OutputS8Folded(f, a.s1);
        o[2 * depth] = OutputS8Folded(f, a.s2);
        o[3 * depth] = OutputS8Folded(f, a.s3);
      }
      continue;
    }
    for (int32_t k = 0; k < sets; ++k, col += pass.set_words, o += set_out) {
      const Sums a = SetSums(pass, w, tail_word, col, init);
      const int32_t sums[kPixels] = {a.s0, a.s1, a.s2, a.s3};
      StoreRunS8(sums, count, pass.multipliers[oc], pass.shifts[oc], pass.range, o, depth);
    }
  }
}

// Every filter row against column `j` of a set alone (a remainder of one or two pixels: four
// columns would waste most of their work), its output into out[oc].
__attribute__((noinline)) void OnePixelPass(const Pass& pass, const int32_t* columns, int32_t j, int8_t* out) {
  const int8_t* w_row = pass.filter;
  const int32_t* const first = columns + 2 * j;
  const int32_t* const end = first + (pass.length / 4) * kGroupWords;
  for (int32_t oc = 0; oc < pass.depth; ++oc, w_row += pass.length) {
    int32_t acc = pass.bias ? Load32(pass.bias + oc) : 0;
    const int8_t* w = w_row;
    const int32_t* col = first;
    for (; col != end; col += kGroupWords) {
      const int32_t v = LoadWordAdvance(w);
      acc = __smlad(SxtbEven(v), col[0], acc);
      acc = __smlad(SxtbOdd(v), col[1], acc);
    }
    if (pass.tail > 0) {
      const int32_t v = TailFilterWord(w, pass.tail);
      acc = __smlad(SxtbEven(v), col[0], acc);
      acc = __smlad(SxtbOdd(v), col[1], acc);
    }
    out[oc] = OutputS8(MakeChannelRequant(pass.multipliers[oc], pass.shifts[oc]), acc, pass.range);
  }
}

}  // namespace

bool Conv2DS8DspSupports(const ConvParams& p) { return p.groups == 1; }

// Each block of pixels is gathered into the columns before any of its outputs is written.
bool Conv2DS8DspStreams(const ConvParams&) { return true; }

size_t Conv2DS8DspScratchBytes(const ConvParams& p) {
  const Window win = WindowOf(p);
  const size_t columns = static_cast<size_t>(SetsPerBlock(p, win)) * win.groups * kGroupWords * sizeof(int32_t);
  const size_t row = DepthIsWordMultiple(p) ? 0 : static_cast<size_t>(win.groups) * 4;
  return columns + row + static_cast<size_t>(p.output_depth) * kFoldedWords * sizeof(int32_t);
}

void conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch) {
  const Window win = WindowOf(p);
  const int32_t set_words = win.groups * kGroupWords;
  const int32_t sets_per_block = SetsPerBlock(p, win);
  int32_t* columns = static_cast<int32_t*>(scratch);
  int8_t* row = reinterpret_cast<int8_t*>(columns + sets_per_block * set_words);
  int32_t* table = reinterpret_cast<int32_t*>(row + (DepthIsWordMultiple(p) ? 0 : win.groups * 4));
  const int32_t offset_pair = PairOf(p.input_offset);
  const bool by_tap = DepthIsWordMultiple(p);
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  bool adds_zero_point = false;
  const Pass pass = {filter,
                     bias,
                     win.length,
                     set_words,
                     (win.length / 4) % 2 == 1,
                     win.length % 4,
                     p.output_depth,
                     p.channel_multipliers,
                     p.channel_shifts,
                     {p.output_offset, p.act_min, p.act_max},
                     FoldTable(p, table, &adds_zero_point)};
  const FoldedPasses folded = FoldedPassesFor(pass.range, adds_zero_point);

  int32_t b = 0, oy = 0, ox = 0;  // the next pixel to gather
  const int32_t block_pixels = sets_per_block * kPixels;
  for (int32_t first = 0; first < pixels; first += block_pixels) {
    const int32_t count = Min(block_pixels, pixels - first);
    for (int32_t i = 0; i < count; ++i) {
      int32_t* column = columns + (i / kPixels) * set_words + 2 * (i % kPixels);
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
    const int32_t full_sets = count / kPixels, rest = count % kPixels;
    if (full_sets == 1 && pass.folded)
      folded.one_set(pass, columns, out);
    else if (full_sets > 1 && pass.folded)
      folded.sets(pass, columns, full_sets, out);
    else if (full_sets == 1)
      FourPixelPass<true>(pass, columns, 1, kPixels, out);
    else if (full_sets > 1)
      FourPixelPass<false>(pass, columns, full_sets, kPixels, out);
    int32_t* last = columns + full_sets * set_words;
    out += full_sets * kPixels * p.output_depth;
    if (rest == 3) {  // three real columns and a zero one beat three single-pixel passes
      ZeroColumn(win, last + 2 * 3);
      FourPixelPass<true>(pass, last, 1, rest, out);
    } else {
      for (int32_t j = 0; j < rest; ++j) OnePixelPass(pass, last, j, out + j * p.output_depth);
    }
  }
}

}  // namespace mote
