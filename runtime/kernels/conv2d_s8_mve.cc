// CONV_2D int8 for cores with Helium (Cortex-M55, M85), bit-exact with conv2d_s8_ref: the same
// int32 sums (reordered; integer addition wraps the same in any order) and the same
// requantization (mve.h's lane form).
//
// Each output pixel's window is one int8 row of length filter_h * filter_w * input_depth: read
// in place when it is a contiguous run of the input (1x1 filters), else gathered into the scratch
// buffer with padding taps holding the input zero point. One VMLADAVA then multiplies and sums
// 16 window bytes with 16 filter bytes; four filter rows share each window load, and their four
// sums are requantized together in the four lanes of one vector.
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

int32_t WindowLength(const ConvParams& p) { return p.filter_h * p.filter_w * p.filter_depth; }

// 1x1 windows are read from the input itself when the padding keeps every tap inside.
bool ReadsInPlace(const ConvParams& p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0;
}

struct Sums4 {
  int32_t s0, s1, s2, s3;
};

// Window x against four filter rows. Out of line: the loop then has the registers to itself
// (VMLADAVA accumulates in even registers only).
__attribute__((noinline)) Sums4 Dot1x4(const int8_t* x, const int8_t* w0, const int8_t* w1, const int8_t* w2,
                                       const int8_t* w3, int32_t length) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (int32_t n = length >> 4; n > 0; --n, x += 16, w0 += 16, w1 += 16, w2 += 16, w3 += 16) {
    const int8x16_t xv = vldrbq_s8(x);
    a0 = vmladavaq_s8(a0, xv, vldrbq_s8(w0));
    a1 = vmladavaq_s8(a1, xv, vldrbq_s8(w1));
    a2 = vmladavaq_s8(a2, xv, vldrbq_s8(w2));
    a3 = vmladavaq_s8(a3, xv, vldrbq_s8(w3));
  }
  if (length & 15) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(length & 15));
    const int8x16_t xv = vldrbq_z_s8(x, p);
    a0 = vmladavaq_s8(a0, xv, vldrbq_z_s8(w0, p));
    a1 = vmladavaq_s8(a1, xv, vldrbq_z_s8(w1, p));
    a2 = vmladavaq_s8(a2, xv, vldrbq_z_s8(w2, p));
    a3 = vmladavaq_s8(a3, xv, vldrbq_z_s8(w3, p));
  }
  return {a0, a1, a2, a3};
}

int32_t RowSum(const int8_t* w, int32_t length) {
  int32_t s = 0;
  for (int32_t n = length >> 4; n > 0; --n, w += 16) s = vaddvaq_s8(s, vldrbq_s8(w));
  if (length & 15) s = vaddvaq_s8(s, vldrbq_z_s8(w, vctp8q(static_cast<uint32_t>(length & 15))));
  return s;
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

// The window of output pixel (b, oy, ox) as int8 into `row`, padding taps = the zero point.
void Gather(const ConvParams& p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int8_t* row) {
  const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
  const int32_t depth = p.input_depth, filter_w = p.filter_w, input_w = p.input_w;
  const int32_t iy0 = oy * p.stride_h - p.pad_h, ix0 = ox * p.stride_w - p.pad_w;
  for (int32_t ky = 0; ky < p.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= p.input_h) {
      row = FillBytes(zero_point, filter_w * depth, row);
      continue;
    }
    const int8_t* in_row = input + NhwcOffset(p.input_h, input_w, depth, b, iy, 0, 0);
    for (int32_t kx = 0; kx < filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      row = ix >= 0 && ix < input_w ? CopyBytes(in_row + ix * depth, depth, row) : FillBytes(zero_point, depth, row);
    }
  }
}

}  // namespace

bool Conv2DS8MveSupports(const ConvParams& p) { return p.groups == 1; }

size_t Conv2DS8MveScratchBytes(const ConvParams& p) {
  const size_t sums = static_cast<size_t>(p.output_depth) * sizeof(int32_t);
  return ReadsInPlace(p) ? sums : sums + static_cast<size_t>(WindowLength(p));
}

void conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch) {
  const int32_t length = WindowLength(p), depth = p.output_depth;
  int32_t* const base = static_cast<int32_t*>(scratch);  // bias + offset * row sum, per channel
  int8_t* const row = reinterpret_cast<int8_t*>(base + depth);
  for (int32_t oc = 0; oc < depth; ++oc) {
    int32_t b = 0;
    if (bias) b = Load32(bias + oc);
    const uint32_t offset_term = static_cast<uint32_t>(RowSum(filter + oc * length, length)) *
                                 static_cast<uint32_t>(p.input_offset);
    base[oc] = WrappingAdd(b, static_cast<int32_t>(offset_term));
  }
  const bool in_place = ReadsInPlace(p);
  int8_t* out = output;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      for (int32_t ox = 0; ox < p.output_w; ++ox, out += depth) {
        const int8_t* x = row;
        if (in_place)
          x = input + NhwcOffset(p.input_h, p.input_w, p.input_depth, b, oy * p.stride_h, ox * p.stride_w, 0);
        else
          Gather(p, input, b, oy, ox, row);
        // Four channels per requantization; a missing last channel repeats the previous one and
        // its lane is not stored.
        for (int32_t oc = 0; oc < depth; oc += 4) {
          const int32_t last = depth - 1;
          const int8_t* w0 = filter + oc * length;
          const Sums4 s = Dot1x4(x, w0, filter + Min(oc + 1, last) * length, filter + Min(oc + 2, last) * length,
                                 filter + Min(oc + 3, last) * length, length);
          const mve_pred16_t active = vctp32q(static_cast<uint32_t>(depth - oc));
          const int32x4_t acc = vaddq_s32(Lanes(s.s0, s.s1, s.s2, s.s3), vldrwq_z_s32(base + oc, active));
          const LaneRequant q = MakeLaneRequant(vldrwq_z_s32(p.channel_multipliers + oc, active),
                                                vldrwq_z_s32(p.channel_shifts + oc, active));
          StoreLanesS8(acc, q, p.output_offset, p.act_min, p.act_max, out + oc, active);
        }
      }
    }
  }
}

}  // namespace mote
