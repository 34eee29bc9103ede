// CONV_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with conv2d_s8_ref: the same
// int32 sums (reordered; integer addition wraps the same in any order) and the same
// requantization (mve.h's lane form).
//
// Each output pixel's window is one int8 row of length filter_h * filter_w * input_depth: read
// in place when the windows are consecutive runs of the input (1x1 filters, stride 1, no
// padding), else gathered, a block of pixels at a time, into the scratch buffer with padding
// taps holding the input zero point. One VMLADAVA then multiplies and sums 16 window bytes with
// 16 filter bytes; four filter rows share each window load, and their four sums are requantized
// together in the four lanes of one vector. Filter rows are the outer loop over a block, so their
// requantization constants are loaded once per block.
//
// The input offset cannot ride in int8 lanes, so the kernel uses
// sum_k w*(x + offset) = sum_k w*x + offset * sum_k w: the second term, with the bias, is
// computed once per call per output channel into the scratch buffer. Padding taps hold the zero
// point, so x + offset = 0 there and the identity holds for every window.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/mve.h"

namespace mote {
namespace {

constexpr int32_t kBlockBytes = 1024;  // gathered windows per block: as many as fit, at least one

int32_t WindowLength(const ConvParams& p) { return p.filter_h * p.filter_w * p.filter_depth; }

// Pixel p's window is input + p * input_depth: 1x1 filters, stride 1, no padding.
bool ReadsInPlace(const ConvParams& p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_h == 0 && p.pad_w == 0;
}

int32_t PixelsPerBlock(const ConvParams& p) {
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  if (ReadsInPlace(p)) return Max<int32_t>(pixels, 1);
  return Max<int32_t>(1, Min(kBlockBytes / WindowLength(p), pixels));
}

struct Sums4 {
  int32_t s0, s1, s2, s3;
};

// One vector of window x against four filter rows, added to the sums: whole (kTail false) or
// under the tail predicate.
template <bool kTail>
__attribute__((always_inline)) inline void Step4(Sums4& a, const int8_t* x, const int8_t* w0, const int8_t* w1,
                                                 const int8_t* w2, const int8_t* w3, mve_pred16_t tail) {
  const auto load = [tail](const int8_t* v) { return kTail ? vldrbq_z_s8(v, tail) : vldrbq_s8(v); };
  const int8x16_t xv = load(x);
  a.s0 = vmladavaq_s8(a.s0, xv, load(w0));
  a.s1 = vmladavaq_s8(a.s1, xv, load(w1));
  a.s2 = vmladavaq_s8(a.s2, xv, load(w2));
  a.s3 = vmladavaq_s8(a.s3, xv, load(w3));
}

// Window x against four filter rows (VMLADAVA accumulates in even registers only: four sums
// leave room for the five pointers). Inlined into the pixel loop, which then keeps the filter
// rows in registers.
__attribute__((always_inline)) inline Sums4 Dot1x4(const int8_t* x, const int8_t* w0, const int8_t* w1, const int8_t* w2,
                                       const int8_t* w3, int32_t length) {
  Sums4 a = {0, 0, 0, 0};
  for (int32_t n = length >> 4; n > 0; --n, x += 16, w0 += 16, w1 += 16, w2 += 16, w3 += 16)
    Step4<false>(a, x, w0, w1, w2, w3, 0);
  if (length & 15) Step4<true>(a, x, w0, w1, w2, w3, vctp8q(static_cast<uint32_t>(length & 15)));
  return a;
}

int32_t RowSum(const int8_t* w, int32_t length) {
  int32_t s = 0;
  for (int32_t n = length >> 4; n > 0; --n, w += 16) s = vaddvaq_s8(s, vldrbq_s8(w));
  if (length & 15) s = vaddvaq_s8(s, vldrbq_z_s8(w, vctp8q(static_cast<uint32_t>(length & 15))));
  return s;
}

// A window whose taps are all inside the input, without horizontal dilation: each filter row is
// one run of `run` bytes (whole vectors, then one under the precomputed predicate `tail`).
struct InteriorRuns {
  int32_t run;          // filter_w * input_depth
  int32_t full;         // whole 16-byte vectors per run
  mve_pred16_t tail;    // the rest (no lane when run % 16 == 0)
  int32_t row_stride;   // input bytes between filter rows: dilation_h * input_w * input_depth
};

inline void GatherInterior(const InteriorRuns& r, int32_t filter_h, const int8_t* src, int8_t* row) {
  for (int32_t ky = 0; ky < filter_h; ++ky, src += r.row_stride) {
    const int8_t* s = src;
    for (int32_t i = 0; i < r.full; ++i, s += 16, row += 16) vstrbq_p_s8(row, vldrbq_s8(s), 0xFFFF);
    vstrbq_p_s8(row, vldrbq_z_s8(s, r.tail), r.tail);
    row += r.run - 16 * r.full;
  }
}

// The window of output pixel (b, oy, ox) as int8 into `row`, padding taps = the zero point.
// Without horizontal dilation, a filter row's valid taps are one contiguous run of the input.
void Gather(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int8_t* row) {
  const int8x16_t zero_point = vdupq_n_s8(static_cast<int8_t>(-p.input_offset));
  const int32_t depth = p.input_depth, filter_w = p.filter_w, input_w = p.input_w;
  const int32_t iy0 = oy * p.stride_h - p.pad_h, ix0 = ox * p.stride_w - p.pad_w;
  int32_t kx0 = 0, kx1 = filter_w;  // valid taps of every filter row, dilation 1
  if (p.dilation_w == 1) {
    kx0 = Min(Max<int32_t>(-ix0, 0), filter_w);
    kx1 = Max(Min(input_w - ix0, filter_w), kx0);
  }
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= p.input_h) {
      row = FillBytes(zero_point, filter_w * depth, row);
      continue;
    }
    const int8_t* in_row = input + NhwcOffset(p.input_h, input_w, depth, b, iy, 0, 0);
    if (p.dilation_w == 1) {
      row = FillBytes(zero_point, kx0 * depth, row);
      row = CopyBytes(in_row + (ix0 + kx0) * depth, (kx1 - kx0) * depth, row);
      row = FillBytes(zero_point, (filter_w - kx1) * depth, row);
      continue;
    }
    for (int32_t kx = 0; kx < filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      row = ix >= 0 && ix < input_w ? CopyBytes(in_row + ix * depth, depth, row) : FillBytes(zero_point, depth, row);
    }
  }
}

// Four filter rows (starting at channel oc) against the block's windows, window i at
// windows + i * window_stride; outputs to out + i * depth + oc.
struct Block {
  const int8_t* windows;
  int32_t window_stride;
  int32_t count;
};

// Window x against the four filter rows when the window is kVectors * 16 bytes or fewer: no
// loop, the last vector under `tail`.
template <int kVectors>
__attribute__((always_inline)) inline Sums4 DotUnrolled(const int8_t* x, const int8_t* w0, const int8_t* w1,
                                                        const int8_t* w2, const int8_t* w3, mve_pred16_t tail) {
  Sums4 a = {0, 0, 0, 0};
#pragma GCC unroll 4
  for (int k = 0; k < kVectors - 1; ++k, x += 16, w0 += 16, w1 += 16, w2 += 16, w3 += 16)
    Step4<false>(a, x, w0, w1, w2, w3, tail);
  Step4<true>(a, x, w0, w1, w2, w3, tail);
  return a;
}

// How four channels' sums become outputs: right shifts only and the whole int8 range; right
// shifts only and a narrower activation range; anything else.
enum class Output : uint8_t { kRightShiftFull, kRightShiftClamp, kGeneral };

Output OutputOf(const ConvParams& p, int32_t oc) {
  if (!IsRightShiftOnly(p.channel_shifts + oc, Min<int32_t>(p.output_depth - oc, 4))) return Output::kGeneral;
  return p.act_min == -128 && p.act_max == 127 ? Output::kRightShiftFull : Output::kRightShiftClamp;
}

// The output stage of four channels (channel oc on): per window `dot(x)` gives the four sums.
template <Output kOutput, typename Dot>
__attribute__((always_inline)) inline void FourChannelsWith(const ConvParams& p, const int32_t* base, int32_t oc,
                                                            const Block& block, int8_t* out, Dot dot) {
  const int32_t depth = p.output_depth;
  // A missing last channel repeats the previous one; its lane is not stored.
  const mve_pred16_t active = vctp32q(static_cast<uint32_t>(depth - oc));
  const int32x4_t start = vldrwq_z_s32(base + oc, active);
  const LaneRequant q = MakeLaneRequant(vldrwq_z_s32(p.channel_multipliers + oc, active),
                                        vldrwq_z_s32(p.channel_shifts + oc, active));
  const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
  const int8_t* x = block.windows;
  out += oc;
  for (int32_t i = 0; i < block.count; ++i, x += block.window_stride, out += depth) {
    const Sums4 s = dot(x);
    const int32x4_t acc = vaddq_s32(Lanes(s.s0, s.s1, s.s2, s.s3), start);
    int32x4_t v;
    if (kOutput == Output::kGeneral) {
      v = OutputLanes(acc, q, p.output_offset, p.act_min, p.act_max);
    } else {
      v = OutputLanesRightShift(acc, q.multiplier, q.right_shift, p.output_offset);
      if (kOutput == Output::kRightShiftClamp) v = vminq_s32(vmaxq_s32(v, lo), hi);
    }
    vstrbq_p_s32(out, v, active);
  }
}

// kVectors: the window's 16-byte vectors when that is 1 to 3 (unrolled; with one, the four filter
// vectors stay in registers), 0 for a loop over any length (unrolled further, GCC spills the
// filter pointers: measured on mlperf_kws's 64-byte windows, 4 unrolled vectors cost 7% more
// than the loop, while 3 (its first layer's 40-byte windows) save 8%).
template <int kVectors, Output kOutput>
__attribute__((noinline)) void FourChannels(const ConvParams& p, const int8_t* filter, const int32_t* base,
                                            int32_t oc, const Block& block, int8_t* out) {
  const int32_t length = WindowLength(p), last = p.output_depth - 1;
  const int8_t* w0 = filter + oc * length;
  const int8_t* w1 = filter + Min(oc + 1, last) * length;
  const int8_t* w2 = filter + Min(oc + 2, last) * length;
  const int8_t* w3 = filter + Min(oc + 3, last) * length;
  const mve_pred16_t tail = vctp8q(static_cast<uint32_t>(length - 16 * (kVectors - 1)));
  if constexpr (kVectors == 0) {
    FourChannelsWith<kOutput>(p, base, oc, block, out, [&](const int8_t* x) { return Dot1x4(x, w0, w1, w2, w3, length); });
  } else if constexpr (kVectors == 1) {
    const int8x16_t v0 = vldrbq_z_s8(w0, tail), v1 = vldrbq_z_s8(w1, tail);
    const int8x16_t v2 = vldrbq_z_s8(w2, tail), v3 = vldrbq_z_s8(w3, tail);
    FourChannelsWith<kOutput>(p, base, oc, block, out, [&](const int8_t* x) {
      const int8x16_t xv = vldrbq_z_s8(x, tail);
      return Sums4{vmladavq_s8(xv, v0), vmladavq_s8(xv, v1), vmladavq_s8(xv, v2), vmladavq_s8(xv, v3)};
    });
  } else {
    FourChannelsWith<kOutput>(p, base, oc, block, out,
                     [&](const int8_t* x) { return DotUnrolled<kVectors>(x, w0, w1, w2, w3, tail); });
  }
}

using FourChannelsFn = void (*)(const ConvParams&, const int8_t*, const int32_t*, int32_t, const Block&, int8_t*);

// The FourChannels variants for a window length, one per Output (each its own function: they
// then keep their own registers).
struct FourChannelsFns {
  FourChannelsFn by_output[3];
};

template <int kVectors>
constexpr FourChannelsFns FourChannelsFor() {
  return {{FourChannels<kVectors, Output::kRightShiftFull>, FourChannels<kVectors, Output::kRightShiftClamp>,
           FourChannels<kVectors, Output::kGeneral>}};
}

FourChannelsFns SelectFourChannels(int32_t length) {
  switch ((length + 15) / 16) {
    case 1: return FourChannelsFor<1>();
    case 2: return FourChannelsFor<2>();
    case 3: return FourChannelsFor<3>();
    default: return FourChannelsFor<0>();
  }
}

}  // namespace

bool Conv2DS8MveSupports(const ConvParams& p) { return p.groups == 1; }

// Gathered blocks stream; the in-place 1x1 path reads the whole image once per four channels.
bool Conv2DS8MveStreams(const ConvParams& p) { return !ReadsInPlace(p); }

size_t Conv2DS8MveScratchBytes(const ConvParams& p) {
  const size_t sums = static_cast<size_t>(p.output_depth) * sizeof(int32_t);
  if (ReadsInPlace(p)) return sums;
  return sums + static_cast<size_t>(PixelsPerBlock(p)) * static_cast<size_t>(WindowLength(p));
}

void conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch) {
  const int32_t length = WindowLength(p), depth = p.output_depth;
  int32_t* const base = static_cast<int32_t*>(scratch);  // bias + offset * row sum, per channel
  int8_t* const windows = reinterpret_cast<int8_t*>(base + depth);
  for (int32_t oc = 0; oc < depth; ++oc) {
    int32_t b = 0;
    if (bias) b = Load32(bias + oc);
    const uint32_t offset_term = static_cast<uint32_t>(RowSum(filter + oc * length, length)) *
                                 static_cast<uint32_t>(p.input_offset);
    base[oc] = WrappingAdd(b, static_cast<int32_t>(offset_term));
  }
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  const int32_t per_block = PixelsPerBlock(p);
  const bool in_place = ReadsInPlace(p);
  const int32_t run = p.filter_w * p.input_depth;
  const InteriorRuns runs = {run, run / 16, vctp8q(static_cast<uint32_t>(run % 16)),
                             p.dilation_h * p.input_w * p.input_depth};
  const int32_t span_h = (p.filter_h - 1) * p.dilation_h + 1;
  const FourChannelsFns four_channels = SelectFourChannels(length);
  int32_t b = 0, oy = 0, ox = 0;  // the next pixel to gather
  for (int32_t first = 0; first < pixels; first += per_block) {
    Block block = {windows, length, Min(per_block, pixels - first)};
    if (in_place) {
      block.windows = input + first * p.input_depth;
    } else {
      for (int32_t i = 0; i < block.count; ++i) {
        const int32_t iy0 = oy * p.stride_h - p.pad_h, ix0 = ox * p.stride_w - p.pad_w;
        if (p.dilation_w == 1 && iy0 >= 0 && iy0 + span_h <= p.input_h && ix0 >= 0 && ix0 + p.filter_w <= p.input_w)
          GatherInterior(runs, p.filter_h, input + NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy0, ix0, 0),
                         windows + i * length);
        else
          Gather(p, input, b, oy, ox, windows + i * length);
        if (++ox == p.output_w) {
          ox = 0;
          if (++oy == p.output_h) {
            oy = 0;
            ++b;
          }
        }
      }
    }
    for (int32_t oc = 0; oc < depth; oc += 4)
      four_channels.by_output[static_cast<int>(OutputOf(p, oc))](p, filter, base, oc, block, output + first * depth);
  }
}

}  // namespace mote
