// DEPTHWISE_CONV_2D: input [N, H, W, C], filter [1, KH, KW, O] with O = C * M, optional bias [O],
// output [N, OH, OW, O]. Output channel o = c * M + m filters input channel c alone:
//   output[b, y, x, o] = act(bias[o] + sum_{ky, kx} filter[0, ky, kx, o] *
//                            input[b, y*sh - ph + ky*dh, x*sw - pw + kx*dw, c])
// with zero padding and TFLite's SAME / VALID output sizes. M (the depth multiplier) follows from
// the shapes; a non-zero depth_multiplier option must agree with it.
// Dtypes (see conv_common.h): f32; s8 with int32 bias; s16 with int64 bias (or none) and an int64
// accumulator.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/conv_common.h"

namespace mote {

// Checks shapes, dtypes and options and fills `p`; a quantized op needs p->channel_multipliers
// and p->channel_shifts with output-depth entries first (AllocateConvChannels).
Status PrepareDepthwiseConv2D(const Tensor& input, const Tensor& filter, const Tensor* bias,
                              const Tensor& output, const ConvOptions& options, ConvParams* p);

void depthwise_conv2d_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                              float* output);
void depthwise_conv2d_s8_ref(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output);

// Blocked variant in plain C++ (a pixel's window clipped once, four channels per pass), for
// targets without DSP or Helium kernels (RISC-V, the host), bit-exact with
// depthwise_conv2d_s8_ref on depth multiplier 1. No scratch; streams like the reference.
bool DepthwiseConv2DS8BlockedSupports(const ConvParams& p);
void depthwise_conv2d_s8_blocked(const ConvParams& p, const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output);
void depthwise_conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                              const int64_t* bias, int16_t* output);

// DSP-extension variant (Cortex-M4/M7/M33/M55; portable emulation elsewhere), bit-exact with
// depthwise_conv2d_s8_ref on the shapes it supports (no horizontal dilation, filter height up to
// 16). `scratch` holds DepthwiseConv2DS8DspScratchBytes(p) bytes, 4-byte aligned.
bool DepthwiseConv2DS8DspSupports(const ConvParams& p);
size_t DepthwiseConv2DS8DspScratchBytes(const ConvParams& p);
void depthwise_conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output, void* scratch);
// The same for 3x3 filters only, faster (the general variant's other limits apply).
bool DepthwiseConv2DS8Dsp3x3Supports(const ConvParams& p);
size_t DepthwiseConv2DS8Dsp3x3ScratchBytes(const ConvParams& p);
void depthwise_conv2d_s8_3x3_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output, void* scratch);

// Helium (MVE) variant (Cortex-M55; portable emulation elsewhere), bit-exact with
// depthwise_conv2d_s8_ref: every shape with depth multiplier 1 and filters up to 16 rows; other
// multipliers on 3x3 filters with no horizontal dilation.
bool DepthwiseConv2DS8MveSupports(const ConvParams& p);
size_t DepthwiseConv2DS8MveScratchBytes(const ConvParams& p);
void depthwise_conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter,
                             const int32_t* bias, int8_t* output, void* scratch);

// The loop nest the dtype variants share: each output's sum over its window (every input value
// plus `input_offset`) in TFLM's order, stored as finish(acc, channel).
template <typename Acc, typename In, typename Out, typename Filter, typename Finish>
void DepthwiseConv2DGather(const ConvParams& p, const In* input, const Filter* filter, Acc input_offset,
                           Out* output, Finish finish) {
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        for (int32_t ic = 0; ic < p.input_depth; ++ic) {
          for (int32_t m = 0; m < p.depth_multiplier; ++m) {
            const int32_t oc = ic * p.depth_multiplier + m;
            Acc acc = 0;
            for (int32_t ky = 0; ky < p.filter_h; ++ky) {
              const int32_t iy = iy0 + ky * p.dilation_h;
              if (iy < 0 || iy >= p.input_h) continue;
              for (int32_t kx = 0; kx < p.filter_w; ++kx) {
                const int32_t ix = ix0 + kx * p.dilation_w;
                if (ix < 0 || ix >= p.input_w) continue;
                const In v = input[NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy, ix, ic)];
                const Filter w = filter[(ky * p.filter_w + kx) * p.output_depth + oc];
                acc = AccumulateAdd(acc, static_cast<Acc>(w) * (static_cast<Acc>(v) + input_offset));
              }
            }
            *output++ = finish(acc, oc);
          }
        }
      }
    }
  }
}

}  // namespace mote
