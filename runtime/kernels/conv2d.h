// CONV_2D: input [N, H, W, C], filter [O, KH, KW, I], optional bias [O], output [N, OH, OW, O].
//   output[b, y, x, o] = act(bias[o] + sum_{ky, kx, i} filter[o, ky, kx, i] *
//                            input[b, y*sh - ph + ky*dh, x*sw - pw + kx*dw, g*I + i])
// where positions outside the input contribute nothing (zero padding). C may be a multiple of I:
// grouped convolution, g = o / (O / groups) with groups = C / I. OH and OW are TFLite's SAME /
// VALID window sizes (runtime/kernels/padding.h); the output tensor must have them.
// Dtypes (see conv_common.h): f32; s8 with int32 bias; s16 with an int64 accumulator, or, as TFLM
// does, with a wrapping int32 one when the bias is int32 or when there is no bias and the model's
// quantized_bias_type option says int32 (p.wide_accumulator tells which).
// The s16 overload taking an int64 bias (or nullptr) is the int64 path; the int32 one the other.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/conv_common.h"

namespace mote {

// Checks shapes, dtypes and options and fills `p`; a quantized op needs p->channel_multipliers
// and p->channel_shifts with output-depth entries first (AllocateConvChannels).
Status PrepareConv2D(const Tensor& input, const Tensor& filter, const Tensor* bias, const Tensor& output,
                     const ConvOptions& options, ConvParams* p);

void conv2d_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                    float* output);
void conv2d_s8_ref(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output);
void conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter, const int64_t* bias,
                    int16_t* output);
void conv2d_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter, const int32_t* bias,
                    int16_t* output);

// Blocked variant in plain C++ (four output channels per pass over a window), for targets
// without DSP or Helium kernels (RISC-V, the host), bit-exact with conv2d_s8_ref on ungrouped
// convolutions. No scratch; streams like the reference (each pixel's outputs after its window).
bool Conv2DS8BlockedSupports(const ConvParams& p);
void conv2d_s8_blocked(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                       int8_t* output);

// DSP-extension variant (Cortex-M4/M7/M33/M55; portable emulation elsewhere), bit-exact with
// conv2d_s8_ref on the shapes it supports (ungrouped convolutions). `scratch` holds
// Conv2DS8DspScratchBytes(p) bytes, 4-byte aligned (im2col columns).
bool Conv2DS8DspSupports(const ConvParams& p);
// Whether the variant streams (conv_common.h ConvStreamLag) on a shape it supports.
bool Conv2DS8DspStreams(const ConvParams& p);
size_t Conv2DS8DspScratchBytes(const ConvParams& p);
void conv2d_s8_dsp(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch);

// Helium (MVE) variant (Cortex-M55; portable emulation elsewhere), bit-exact with conv2d_s8_ref
// on ungrouped convolutions. `scratch` holds Conv2DS8MveScratchBytes(p) bytes, 4-byte aligned.
bool Conv2DS8MveSupports(const ConvParams& p);
bool Conv2DS8MveStreams(const ConvParams& p);
size_t Conv2DS8MveScratchBytes(const ConvParams& p);
void conv2d_s8_mve(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                   int8_t* output, void* scratch);

// The loop nest the dtype variants share: computes each output's dot product over its window
// (every input value plus `input_offset`) in TFLM's order and stores finish(acc, channel).
template <typename Acc, typename In, typename Out, typename Filter, typename Finish>
void Conv2DGather(const ConvParams& p, const In* input, const Filter* filter, Acc input_offset, Out* output,
                  Finish finish) {
  const int32_t filters_per_group = p.output_depth / p.groups;
  const int32_t filter_size = p.filter_h * p.filter_w * p.filter_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        for (int32_t oc = 0; oc < p.output_depth; ++oc) {
          const int32_t channel0 = (oc / filters_per_group) * p.filter_depth;
          const Filter* w = filter + oc * filter_size;
          Acc acc = 0;
          for (int32_t ky = 0; ky < p.filter_h; ++ky) {
            const int32_t iy = iy0 + ky * p.dilation_h;
            if (iy < 0 || iy >= p.input_h) continue;
            for (int32_t kx = 0; kx < p.filter_w; ++kx) {
              const int32_t ix = ix0 + kx * p.dilation_w;
              if (ix < 0 || ix >= p.input_w) continue;
              const In* in = input + NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy, ix, channel0);
              const Filter* wk = w + (ky * p.filter_w + kx) * p.filter_depth;
              for (int32_t i = 0; i < p.filter_depth; ++i)
                acc = AccumulateAdd(acc, static_cast<Acc>(wk[i]) * (static_cast<Acc>(in[i]) + input_offset));
            }
          }
          *output++ = finish(acc, oc);
        }
      }
    }
  }
}

}  // namespace mote
