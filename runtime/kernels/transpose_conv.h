// TRANSPOSE_CONV: input [N, H, W, I], filter [O, KH, KW, I], optional bias [O], output
// [N, OH, OW, O]. The gradient of a convolution: every input element scatters its products
//   output[b, y*sh - ph + ky, x*sw - pw + kx, o] += input[b, y, x, i] * filter[o, ky, kx, i]
// (contributions outside the output are dropped), then bias and activation apply per element.
// OH and OW come from the output tensor (TFLM ignores the output_shape input); the padding is the
// one a SAME / VALID convolution of the output's size would use. No dilation.
// Dtypes (see conv_common.h): f32; s8 with int32 bias and int32 accumulators; s16 with int64 or
// int16 bias (or none) and int64 accumulators. Every variant applies the fused activation (TFLM's
// quantized kernels ignored it until early 2026).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/conv_common.h"

namespace mote {

// Checks shapes, dtypes and options and fills `p`; a quantized op needs p->channel_multipliers
// and p->channel_shifts with output-depth entries first (AllocateConvChannels).
Status PrepareTransposeConv(const Tensor& input, const Tensor& filter, const Tensor* bias,
                            const Tensor& output, const ConvOptions& options, ConvParams* p);
// Bytes of the accumulator buffer the quantized kernels need (0 for float, which accumulates in
// the output). Valid once PrepareTransposeConv succeeded.
size_t TransposeConvScratchBytes(const ConvParams& p, DType input_type);

void transpose_conv_f32_ref(const ConvParams& p, const float* input, const float* filter, const float* bias,
                            float* output);
void transpose_conv_s8_ref(const ConvParams& p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, int8_t* output, int32_t* scratch);
void transpose_conv_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                            const int64_t* bias, int16_t* output, int64_t* scratch);
void transpose_conv_s16_ref(const ConvParams& p, const int16_t* input, const int8_t* filter,
                            const int16_t* bias, int16_t* output, int64_t* scratch);

// The scatter the dtype variants share, in TFLM's order: zeroes `acc` (one per output element)
// and adds filter * (input + input_offset) into every output element each input reaches.
template <typename Acc, typename In, typename Filter>
void TransposeConvScatter(const ConvParams& p, const In* input, const Filter* filter, Acc input_offset, Acc* acc) {
  const int32_t outputs = p.batches * p.output_h * p.output_w * p.output_depth;
  for (int32_t i = 0; i < outputs; ++i) acc[i] = 0;
  const int32_t filter_size = p.filter_h * p.filter_w * p.input_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t iy = 0; iy < p.input_h; ++iy) {
      const int32_t oy0 = iy * p.stride_h - p.pad_h;
      for (int32_t ix = 0; ix < p.input_w; ++ix) {
        const int32_t ox0 = ix * p.stride_w - p.pad_w;
        for (int32_t ic = 0; ic < p.input_depth; ++ic) {
          const Acc v = static_cast<Acc>(input[NhwcOffset(p.input_h, p.input_w, p.input_depth, b, iy, ix, ic)]) +
                        input_offset;
          for (int32_t ky = 0; ky < p.filter_h; ++ky) {
            const int32_t oy = oy0 + ky;
            if (oy < 0 || oy >= p.output_h) continue;
            for (int32_t kx = 0; kx < p.filter_w; ++kx) {
              const int32_t ox = ox0 + kx;
              if (ox < 0 || ox >= p.output_w) continue;
              Acc* out = acc + NhwcOffset(p.output_h, p.output_w, p.output_depth, b, oy, ox, 0);
              const Filter* w = filter + (ky * p.filter_w + kx) * p.input_depth + ic;
              for (int32_t oc = 0; oc < p.output_depth; ++oc)
                out[oc] = AccumulateAdd(out[oc], v * static_cast<Acc>(w[oc * filter_size]));
            }
          }
        }
      }
    }
  }
}

}  // namespace mote
