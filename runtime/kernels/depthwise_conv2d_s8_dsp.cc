// DEPTHWISE_CONV_2D int8 for cores with the DSP extension (Cortex-M4, M7, M33, M55), bit-exact
// with depthwise_conv2d_s8_ref: the same int32 sums (reordered; integer addition wraps the same
// in any order) and the same requantization (requant_dsp.h).
//
// A depthwise filter never mixes channels, so SMLAD's two products must come from one channel:
// two horizontally adjacent taps. The kernel therefore works one channel at a time on rows of
// that channel, copied from the NHWC input into the scratch buffer as 16-bit values with the
// input offset added and with zero columns for the padding. Two adjacent row elements are then
// one 32-bit load, and the filter row is held as packed (w[kx], w[kx+1]) pairs: one load and one
// SMLAD per two multiply-accumulates. The rows live in a ring of `span` slots (the window's
// height), so each input row of a channel is converted once per output channel it feeds.
// Filter rows of odd width get a zero weight in the last pair, so the extra element read (a
// padding column) adds nothing.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_s8_dsp_rows.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

// Sum of one output over the window: `rows[ky]` points at the window's first column.
inline int32_t WindowSum(const int16_t* const* rows, const int32_t* weight_pairs, int32_t filter_h,
                         int32_t pairs, int32_t col, int32_t acc) {
  for (int32_t ky = 0; ky < filter_h; ++ky) {
    const int16_t* r = rows[ky] + col;
    const int32_t* w = weight_pairs + ky * pairs;
    for (int32_t j = 0; j < pairs; ++j) acc = __smlad(w[j], Load32(r + 2 * j), acc);
  }
  return acc;
}

}  // namespace

bool DepthwiseConv2DS8DspSupports(const ConvParams& p) { return DepthwiseRows::Supports(p); }

size_t DepthwiseConv2DS8DspScratchBytes(const ConvParams& p) { return DepthwiseRows::ScratchBytes(p); }

void depthwise_conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output, void* scratch) {
  DepthwiseRows rows(p, input, scratch);
  const int32_t pairs = rows.pairs();
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t ic = 0; ic < p.input_depth; ++ic) {
      rows.StartChannel(b, ic);
      for (int32_t m = 0; m < p.depth_multiplier; ++m) {
        const int32_t oc = ic * p.depth_multiplier + m;
        const int32_t* weights = rows.PackFilter(filter, oc);
        const ChannelRequant q = MakeChannelRequant(p.channel_multipliers[oc], p.channel_shifts[oc]);
        const int32_t init = bias ? BiasAt(bias, oc) : 0;
        int8_t* out = output + NhwcOffset(p.output_h, p.output_w, p.output_depth, b, 0, 0, oc);
        for (int32_t oy = 0; oy < p.output_h; ++oy) {
          const int16_t* const* window = rows.Window(oy);
          for (int32_t ox = 0; ox < p.output_w; ++ox, out += p.output_depth) {
            const int32_t acc = WindowSum(window, weights, p.filter_h, pairs, ox * p.stride_w, init);
            *out = OutputS8(q, acc, p.output_offset, p.act_min, p.act_max);
          }
        }
      }
    }
  }
}

}  // namespace mote
