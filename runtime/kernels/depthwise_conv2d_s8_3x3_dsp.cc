// DEPTHWISE_CONV_2D int8 with 3x3 filters for cores with the DSP extension (Cortex-M4, M7, M33,
// M55): the general DSP kernel's scheme (depthwise_conv2d_s8_dsp_rows.h) with the six packed
// weight pairs held in registers and the window unrolled; horizontal strides 1 and 2 get the
// column step as a constant. Bit-exact with depthwise_conv2d_s8_ref.
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_s8_dsp_rows.h"

namespace mote {
namespace {

// One output row: sums[ox] = init + the 3x3 window at column ox * step.
template <int32_t kStep>
inline int32_t* RowSums3x3(const int16_t* r0, const int16_t* r1, const int16_t* r2, const int32_t* w,
                           int32_t step, int32_t init, int32_t* sums, int32_t count) {
  const int32_t s = kStep != 0 ? kStep : step;
  const int32_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
  int32_t* const end = sums + count;
  if constexpr (kStep != 0) {
    // The second pair of each row first, then the first with the row pointer's advance in its load.
    while (sums != end) {
      int32_t acc = __smlad(w1, Load32(r0 + 2), init);
      acc = __smlad(w0, LoadHalfwordsAdvance<kStep>(r0), acc);
      acc = __smlad(w3, Load32(r1 + 2), acc);
      acc = __smlad(w2, LoadHalfwordsAdvance<kStep>(r1), acc);
      acc = __smlad(w5, Load32(r2 + 2), acc);
      acc = __smlad(w4, LoadHalfwordsAdvance<kStep>(r2), acc);
      *sums++ = acc;
    }
    return sums;
  }
  while (sums != end) {
    int32_t acc = __smlad(w0, Load32(r0), init);
    acc = __smlad(w1, Load32(r0 + 2), acc);
    acc = __smlad(w2, Load32(r1), acc);
    acc = __smlad(w3, Load32(r1 + 2), acc);
    acc = __smlad(w4, Load32(r2), acc);
    acc = __smlad(w5, Load32(r2 + 2), acc);
    *sums++ = acc;
    r0 += s;
    r1 += s;
    r2 += s;
  }
  return sums;
}

// One band. kStep 0: the column step is g.col_step.
template <int32_t kStep>
__attribute__((noinline)) void BandSums3x3(const int16_t* const* rows, const BandGeometry& g, const int32_t* w,
                                           int32_t init, int32_t* sums) {
  const int32_t tap = g.tap_step;
  for (int32_t r = 0; r < g.rows; ++r, rows += g.row_step)
    sums = RowSums3x3<kStep>(rows[0], rows[tap], rows[2 * tap], w, g.col_step, init, sums, g.width);
}

// Outputs per band: a band's fixed costs (staging its rows, the band and store calls) are spread
// over more outputs than the general kernel's (a whole channel of a 25x5 image is one band).
constexpr int32_t kBandOutputs3x3 = 128;

}  // namespace

bool DepthwiseConv2DS8Dsp3x3Supports(const ConvParams& p) {
  return p.filter_h == 3 && p.filter_w == 3 && DepthwiseRows::Supports(p);
}

size_t DepthwiseConv2DS8Dsp3x3ScratchBytes(const ConvParams& p) { return DepthwiseRows::ScratchBytes(p, kBandOutputs3x3); }

void depthwise_conv2d_s8_3x3_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output, void* scratch) {
  const auto band_sums = p.stride_w == 1 ? BandSums3x3<1> : p.stride_w == 2 ? BandSums3x3<2> : BandSums3x3<0>;
  DepthwiseByChannelBands(p, input, filter, bias, output, scratch, band_sums, ScalarBandStore(), false,
                          DepthwiseRows::ConvertElements, kBandOutputs3x3);
}

}  // namespace mote
