// DEPTHWISE_CONV_2D int8 in plain C++ for cores without the DSP extension or Helium (RISC-V, the
// host), bit-exact with depthwise_conv2d_s8_ref: the same int32 sums per output (wrapping, in the
// same tap order) and the same output stage (ConvOutputS8).
//
// Why: the reference bounds-checks every tap of every channel and computes its NHWC address
// from scratch. Here a pixel's window is clipped once (ClippedWindowOf), and four adjacent channels
// (contiguous in NHWC, in the input and in the filter) walk its taps together. Depth multiplier 1
// only; others go to the reference.
#include "runtime/kernels/clipped_window.h"
#include "runtime/kernels/depthwise_conv2d.h"

namespace mote {

bool DepthwiseConv2DS8BlockedSupports(const ConvParams& p) { return p.depth_multiplier == 1; }

void depthwise_conv2d_s8_blocked(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                                 int8_t* output) {
  const int32_t depth = p.output_depth, offset = p.input_offset;
  const int64_t image = static_cast<int64_t>(p.input_h) * p.input_w * p.input_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      for (int32_t ox = 0; ox < p.output_w; ++ox, output += depth) {
        const ClippedWindow w = ClippedWindowOf(p, input + b * image, oy, ox);
        int32_t c = 0;
        for (; c + 4 <= depth; c += 4) {
          uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;  // wrapping, as AccumulateAdd
          ForEachClippedTap(p, w, [&](const int8_t* in, int32_t k) {
            const int8_t* x = in + c;
            const int8_t* f = filter + k * depth + c;
            a0 += static_cast<uint32_t>(f[0] * (x[0] + offset));
            a1 += static_cast<uint32_t>(f[1] * (x[1] + offset));
            a2 += static_cast<uint32_t>(f[2] * (x[2] + offset));
            a3 += static_cast<uint32_t>(f[3] * (x[3] + offset));
          });
          const uint32_t sums[4] = {a0, a1, a2, a3};
          for (int32_t i = 0; i < 4; ++i) {
            const uint32_t acc = bias ? sums[i] + static_cast<uint32_t>(BiasAt(bias, c + i)) : sums[i];
            output[c + i] = ConvOutputS8(p, static_cast<int32_t>(acc), c + i);
          }
        }
        for (; c < depth; ++c) {
          uint32_t acc = 0;
          ForEachClippedTap(p, w, [&](const int8_t* in, int32_t k) {
            acc += static_cast<uint32_t>(filter[k * depth + c] * (in[c] + offset));
          });
          if (bias) acc += static_cast<uint32_t>(BiasAt(bias, c));
          output[c] = ConvOutputS8(p, static_cast<int32_t>(acc), c);
        }
      }
    }
  }
}

}  // namespace mote
