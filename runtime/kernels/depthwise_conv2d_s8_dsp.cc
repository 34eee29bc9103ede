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

// One band: per output, every filter row's packed pairs against the staged rows.
__attribute__((noinline)) void BandSums(const int16_t* const* rows, const BandGeometry& g, const Filter& f,
                                        int32_t init, int32_t* sums) {
  for (int32_t r = 0; r < g.rows; ++r, rows += g.row_step) {
    for (int32_t ox = 0, col = 0; ox < g.width; ++ox, col += g.col_step) {
      int32_t acc = init;
      const int32_t* w = f.pairs;
      for (int32_t ky = 0; ky < f.height; ++ky) {
        const int16_t* x = rows[ky * g.tap_step] + col;
        for (int32_t j = 0; j < f.pairs_per_row; ++j, x += 2) acc = __smlad(*w++, Load32(x), acc);
      }
      *sums++ = acc;
    }
  }
}

}  // namespace

bool DepthwiseConv2DS8DspSupports(const ConvParams& p) { return DepthwiseRows::Supports(p); }

size_t DepthwiseConv2DS8DspScratchBytes(const ConvParams& p) { return DepthwiseRows::ScratchBytes(p); }

void depthwise_conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output, void* scratch) {
  DepthwiseByChannelBands(
      p, input, filter, bias, output, scratch,
      [&](const int16_t* const* rows, const BandGeometry& g, const int32_t* weights, int32_t init, int32_t* sums) {
        BandSums(rows, g, {weights, p.filter_h, (p.filter_w + 1) / 2}, init, sums);
      });
}

}  // namespace mote
