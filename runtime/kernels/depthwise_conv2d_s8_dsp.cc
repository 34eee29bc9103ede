// DEPTHWISE_CONV_2D int8 for cores with the DSP extension (Cortex-M4, M7, M33, M55), any filter
// size, stride, vertical dilation and depth multiplier; bit-exact with depthwise_conv2d_s8_ref:
// the same int32 sums (reordered; integer addition wraps the same in any order) and the same
// requantization (requant_dsp.h). How: depthwise_conv2d_s8_dsp_rows.h. 3x3 filters have their
// own band kernel (depthwise_conv2d_s8_3x3_dsp.cc).
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_s8_dsp_rows.h"

namespace mote {
namespace {

struct Filter {
  const int32_t* pairs;  // [height][pairs_per_row]
  int32_t height;
  int32_t pairs_per_row;
};

// One filter row's pairs against a staged row at columns c0 and c1 (two outputs share each
// weight load). kPairs 0: f.pairs_per_row, not unrolled.
template <int32_t kPairs>
inline const int32_t* FilterRowTwice(const int32_t* w, int32_t pairs, const int16_t* x0, const int16_t* x1,
                                     int32_t& a0, int32_t& a1) {
  const int32_t n = kPairs != 0 ? kPairs : pairs;
#pragma GCC unroll 4
  for (int32_t j = 0; j < n; ++j) {
    const int32_t wj = w[j];
    a0 = __smlad(wj, Load32(x0 + 2 * j), a0);
    a1 = __smlad(wj, Load32(x1 + 2 * j), a1);
  }
  return w + n;
}

template <int32_t kPairs>
inline const int32_t* FilterRowOnce(const int32_t* w, int32_t pairs, const int16_t* x, int32_t& a) {
  const int32_t n = kPairs != 0 ? kPairs : pairs;
#pragma GCC unroll 4
  for (int32_t j = 0; j < n; ++j) a = __smlad(w[j], Load32(x + 2 * j), a);
  return w + n;
}

// One band: per output, every filter row's packed pairs against the staged rows; two outputs of
// a row at a time.
template <int32_t kPairs>
__attribute__((noinline)) void BandSums(const int16_t* const* rows, const BandGeometry& g, const Filter& f,
                                        int32_t init, int32_t* sums) {
  const int32_t tap = g.tap_step, col_step = g.col_step, height = f.height, pairs = f.pairs_per_row;
  for (int32_t r = 0; r < g.rows; ++r, rows += g.row_step) {
    int32_t ox = 0;
    for (; ox + 2 <= g.width; ox += 2) {
      const int32_t c0 = ox * col_step;
      int32_t a0 = init, a1 = init;
      const int32_t* w = f.pairs;
      for (int32_t ky = 0; ky < height; ++ky) {
        const int16_t* x = rows[ky * tap] + c0;
        w = FilterRowTwice<kPairs>(w, pairs, x, x + col_step, a0, a1);
      }
      *sums++ = a0;
      *sums++ = a1;
    }
    if (ox < g.width) {
      int32_t a = init;
      const int32_t* w = f.pairs;
      for (int32_t ky = 0; ky < height; ++ky) w = FilterRowOnce<kPairs>(w, pairs, rows[ky * tap] + ox * col_step, a);
      *sums++ = a;
    }
  }
}

using BandSumsFn = void (*)(const int16_t* const*, const BandGeometry&, const Filter&, int32_t, int32_t*);

// Filters up to 8 wide get their row unrolled.
BandSumsFn BandSumsFor(int32_t pairs) {
  switch (pairs) {
    case 1: return BandSums<1>;
    case 2: return BandSums<2>;
    case 3: return BandSums<3>;
    case 4: return BandSums<4>;
    default: return BandSums<0>;
  }
}

}  // namespace

bool DepthwiseConv2DS8DspSupports(const ConvParams& p) { return DepthwiseRows::Supports(p); }

size_t DepthwiseConv2DS8DspScratchBytes(const ConvParams& p) { return DepthwiseRows::ScratchBytes(p); }

void depthwise_conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output, void* scratch) {
  const int32_t pairs = (p.filter_w + 1) / 2;
  const BandSumsFn band_sums = BandSumsFor(pairs);
  DepthwiseByChannelBands(
      p, input, filter, bias, output, scratch,
      [&](const int16_t* const* rows, const BandGeometry& g, const int32_t* weights, int32_t init, int32_t* sums) {
        band_sums(rows, g, {weights, p.filter_h, pairs}, init, sums);
      });
}

}  // namespace mote
