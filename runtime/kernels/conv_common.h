// The convolution family: CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV share one options struct,
// one params struct, the window geometry, the quantization set-up and the per-output
// requantization defined here. All tensors are 4-D NHWC.
//
// Quantized variants follow TFLite Micro's reference kernels bit for bit:
//   s8:  int8 input and filter, int32 bias and accumulator, int8 output
//   s16: int16 input and output (zero point 0), int8 filter; the bias and accumulator width
//        depend on the op (see each op's header)
// Every quantized op requantizes per output channel: TFLM computes one multiplier per channel in
// double, (double)input_scale * (double)filter_scale[c] / (double)output_scale, repeating the
// single scale of a per-tensor filter. The filter zero point is ignored (TFLM assumes symmetric
// weights).
#pragma once

#include <stdint.h>
#include <string.h>

#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

class OpContext;

struct ConvOptions {
  Padding padding = Padding::kSame;
  int32_t stride_h = 0;
  int32_t stride_w = 0;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  int32_t depth_multiplier = 0;  // DEPTHWISE_CONV_2D only; 0 = derive it from the shapes
  Activation activation = Activation::kNone;
  // CONV_2D only: the converter's bias-type hint (float32 = none given); int32 makes a bias-less
  // int16 convolution accumulate in 32 bits, as TFLM does.
  DType quantized_bias_type = DType::kFloat32;
};

struct ConvParams {
  int32_t batches = 0;
  int32_t input_h = 0;
  int32_t input_w = 0;
  int32_t input_depth = 0;
  int32_t filter_h = 0;
  int32_t filter_w = 0;
  int32_t output_h = 0;
  int32_t output_w = 0;
  int32_t output_depth = 0;
  int32_t filter_depth = 0;      // CONV_2D: input channels per group (the filter's last dimension)
  int32_t groups = 1;            // CONV_2D: input_depth / filter_depth
  int32_t depth_multiplier = 1;  // DEPTHWISE_CONV_2D: output channels per input channel
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  int32_t pad_h = 0;             // padding before the first row / column
  int32_t pad_w = 0;
  int32_t input_offset = 0;      // -input zero point (s8)
  int32_t output_offset = 0;     // output zero point (s8)
  int32_t* channel_multipliers = nullptr;  // output_depth entries, quantized only
  int32_t* channel_shifts = nullptr;
  int32_t act_min = 0;
  int32_t act_max = 0;
  float float_min = 0.0f;
  float float_max = 0.0f;
  int scratch_index = -1;        // TRANSPOSE_CONV quantized: accumulator buffer; CONV_2D and
                                 // DEPTHWISE_CONV_2D: the optimized variant's buffer, if any
  bool wide_accumulator = false; // s16: int64 accumulator (else a wrapping int32 one)
};

// --- prepare helpers (conv_common.cc) --------------------------------------------------------

// Rejects unknown paddings and activations and non-positive strides or dilations.
Status CheckConvOptions(const ConvOptions& options);

// Output length and leading padding of one spatial axis, as TFLite computes them; rejects
// geometries whose index arithmetic would overflow int32.
Status ConvWindow(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                  int32_t* out, int32_t* pad_before);

// Input, filter and output dtypes: float32/float32/float32, int8/int8/int8 or int16/int8/int16.
Status CheckConvDtypes(const Tensor& input, const Tensor& filter, const Tensor& output);

// Zero points, per-channel multipliers (`channels` of them, into p->channel_multipliers/shifts)
// and the activation range. `activation` is what TFLM applies, which is not always the model's.
// `wide_accumulator`: the kernel requantizes an int64 accumulator (smaller shift range).
Status PrepareConvQuantization(const Tensor& input, const Tensor& filter, const Tensor& output,
                               int32_t channels, Activation activation, bool wide_accumulator,
                               ConvParams* p);

// Glue: gives p->channel_multipliers/shifts storage for every output channel of a quantized op.
Status AllocateConvChannels(OpContext& ctx, const Tensor& input, const Tensor& output, ConvParams* p);

// --- eval helpers ----------------------------------------------------------------------------

// Integer accumulation wraps like TFLM's does in practice, without signed-overflow UB (the int16
// kernels' 32-bit path wraps on real models; a hostile bias can push any accumulator over).
inline int32_t AccumulateAdd(int32_t acc, int32_t term) {
  return static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(term));
}
inline int64_t AccumulateAdd(int64_t acc, int64_t term) {
  return static_cast<int64_t>(static_cast<uint64_t>(acc) + static_cast<uint64_t>(term));
}
inline float AccumulateAdd(float acc, float term) { return acc + term; }

// A bias element read without assuming alignment: constant buffers sit where the flatbuffer put
// them, and some converters leave int64 biases only 4-byte aligned.
template <typename T>
inline T BiasAt(const T* bias, int32_t channel) {
  T v;
  memcpy(&v, bias + channel, sizeof v);
  return v;
}

// Per-channel output stages, bias already added: requantize, offset, clamp.
inline int8_t ConvOutputS8(const ConvParams& p, int32_t acc, int32_t channel) {
  const int32_t scaled = MultiplyByQuantizedMultiplier(acc, p.channel_multipliers[channel], p.channel_shifts[channel]);
  const int32_t v = AccumulateAdd(scaled, p.output_offset);
  return static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
}
inline int16_t ConvOutputS16(const ConvParams& p, int64_t acc, int32_t channel) {
  const int32_t v = MultiplyByQuantizedMultiplier64(acc, p.channel_multipliers[channel], p.channel_shifts[channel]);
  return static_cast<int16_t>(Clamp(v, p.act_min, p.act_max));
}
inline int16_t ConvOutputS16(const ConvParams& p, int32_t acc, int32_t channel) {
  const int32_t v = MultiplyByQuantizedMultiplier(acc, p.channel_multipliers[channel], p.channel_shifts[channel]);
  return static_cast<int16_t>(Clamp(v, p.act_min, p.act_max));
}
inline float ConvOutputF32(const ConvParams& p, float acc) { return Clamp(acc, p.float_min, p.float_max); }

// Streaming convolutions: a kernel that writes output pixels in raster order, each after reading
// its window, and never reads an earlier pixel's window again, can run with its output placed
// `lag` bytes below its input, overlapping it, so the two need lag + input bytes rather than
// input + output. When output row oy is written (up to its end), no input row above
// oy * stride_h - pad_h is read again, so that row's start must not be below the written end:
//   lag >= (oy + 1) * output_row_bytes - max(0, oy * stride_h - pad_h) * input_row_bytes
// for every oy; rounded up to 16 bytes so the input stays aligned. One image only (batch 1).
inline bool ConvStreamLag(const ConvParams& p, size_t input_elem_bytes, size_t output_elem_bytes, size_t* lag) {
  if (p.batches != 1) return false;
  const int64_t out_row = static_cast<int64_t>(p.output_w) * p.output_depth * static_cast<int64_t>(output_elem_bytes);
  const int64_t in_row = static_cast<int64_t>(p.input_w) * p.input_depth * static_cast<int64_t>(input_elem_bytes);
  int64_t need = 0;
  for (int32_t oy = 0; oy < p.output_h; ++oy) {
    int64_t first_row = static_cast<int64_t>(oy) * p.stride_h - p.pad_h;
    first_row = first_row < 0 ? 0 : first_row > p.input_h ? p.input_h : first_row;
    const int64_t gap = (oy + 1) * out_row - first_row * in_row;
    if (gap > need) need = gap;
  }
  *lag = static_cast<size_t>((need + 15) / 16 * 16);
  return true;
}

inline int32_t NhwcOffset(int32_t h, int32_t w, int32_t c, int32_t b, int32_t y, int32_t x, int32_t ch) {
  return ((b * h + y) * w + x) * c + ch;
}

}  // namespace mote
