#include "runtime/kernels/conv_common.h"

#include "runtime/kernels/padding.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

// Spatial sizes, strides and window extents stay below this, so that every index a kernel
// computes (origin + window offset) fits in int32.
constexpr int64_t kIndexLimit = int64_t{1} << 30;

constexpr float kFloatMax = 3.40282347e38f;

// False for NaN and infinities too: a scale must give a finite multiplier.
bool FinitePositive(float v) { return v > 0.0f && v <= kFloatMax; }
bool FiniteNonNegative(float v) { return v >= 0.0f && v <= kFloatMax; }

}  // namespace

Status CheckConvOptions(const ConvOptions& o) {
  MOTE_ENSURE(o.padding == Padding::kSame || o.padding == Padding::kValid, kInvalidModel, "unknown padding");
  MOTE_ENSURE(o.stride_h > 0 && o.stride_w > 0, kInvalidModel, "strides must be positive");
  MOTE_ENSURE(o.dilation_h > 0 && o.dilation_w > 0, kInvalidModel, "dilation factors must be positive");
  MOTE_ENSURE(o.depth_multiplier >= 0, kInvalidModel, "negative depth multiplier");
  MOTE_ENSURE(static_cast<uint8_t>(o.activation) <= static_cast<uint8_t>(Activation::kSignBit), kInvalidModel,
              "unknown fused activation");
  return Status::Ok();
}

Status ConvWindow(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                  int32_t* out, int32_t* pad_before) {
  MOTE_ENSURE(filter > 0, kShapeMismatch, "filter has an empty spatial dimension");
  const int64_t extent = int64_t{filter - 1} * dilation + 1;
  MOTE_ENSURE(extent < kIndexLimit && stride < kIndexLimit && in < kIndexLimit, kUnsupported,
              "window, stride or image too large");
  *out = WindowOutputSize(padding, in, filter, stride, dilation);
  *pad_before = WindowPadding(in, filter, stride, dilation, *out).before;
  return Status::Ok();
}

Status CheckConvDtypes(const Tensor& input, const Tensor& filter, const Tensor& output) {
  switch (input.type) {
    case DType::kFloat32:
      MOTE_ENSURE(filter.type == DType::kFloat32 && output.type == DType::kFloat32, kUnsupported,
                  "float32 input needs float32 filter and output (hybrid models are not supported)");
      return Status::Ok();
    case DType::kInt8:
      MOTE_ENSURE(filter.type == DType::kInt8 && output.type == DType::kInt8, kUnsupported,
                  "int8 input needs int8 filter and output");
      return Status::Ok();
    case DType::kInt16:
      MOTE_ENSURE(filter.type == DType::kInt8 && output.type == DType::kInt16, kUnsupported,
                  "int16 input needs int8 filter and int16 output");
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "input dtype must be float32, int8 or int16");
  }
}

Status PrepareConvQuantization(const Tensor& input, const Tensor& filter, const Tensor& output,
                               int32_t channels, Activation activation, bool wide_accumulator,
                               ConvParams* p) {
  MOTE_ENSURE(FinitePositive(input.q.scale) && FinitePositive(output.q.scale), kInvalidModel,
              "quantized input and output need a positive, finite scale");
  MOTE_ENSURE(filter.q.quantized(), kInvalidModel, "quantized filter needs a scale");
  if (filter.q.per_channel())
    MOTE_ENSURE(filter.q.num_channels == channels, kInvalidModel,
                "per-channel filter scales do not match the output channels");
  const bool s16 = input.type == DType::kInt16;
  if (s16) {
    MOTE_ENSURE(input.q.zero_point == 0 && output.q.zero_point == 0, kUnsupported,
                "int16 activations must have zero point 0");
  } else {
    MOTE_ENSURE(input.q.zero_point >= -128 && input.q.zero_point <= 127 && output.q.zero_point >= -128 &&
                    output.q.zero_point <= 127,
                kInvalidModel, "int8 zero point out of range");
  }
  p->input_offset = -input.q.zero_point;
  p->output_offset = output.q.zero_point;

  MOTE_ENSURE(p->channel_multipliers && p->channel_shifts, kInternal, "no per-channel storage");
  // MultiplyByQuantizedMultiplier64 shifts right by 15 - shift, the 32-bit one left by shift.
  const int max_shift = wide_accumulator ? 14 : 30;
  for (int32_t c = 0; c < channels; ++c) {
    const float filter_scale = filter.q.ChannelScale(c);
    MOTE_ENSURE(FiniteNonNegative(filter_scale), kInvalidModel, "filter scale is negative or not finite");
    const double real = static_cast<double>(input.q.scale) * static_cast<double>(filter_scale) /
                        static_cast<double>(output.q.scale);
    const QuantizedMultiplier m = QuantizeMultiplier(real);
    MOTE_ENSURE(m.shift <= max_shift, kUnsupported, "requantization multiplier too large");
    p->channel_multipliers[c] = m.multiplier;
    p->channel_shifts[c] = m.shift;
  }
  const ActivationRange r =
      s16 ? QuantizedActivationRange(static_cast<uint8_t>(activation), output.q.scale, output.q.zero_point, -32768, 32767)
          : QuantizedActivationRange(static_cast<uint8_t>(activation), output.q.scale, output.q.zero_point, -128, 127);
  p->act_min = r.min;
  p->act_max = r.max;
  return Status::Ok();
}

Status AllocateConvChannels(OpContext& ctx, const Tensor& input, const Tensor& output, ConvParams* p) {
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(output.shape.rank == 4, kShapeMismatch, "output must be 4-D (NHWC)");
  const size_t channels = static_cast<size_t>(output.shape.dims[3] > 0 ? output.shape.dims[3] : 1);
  p->channel_multipliers = static_cast<int32_t*>(ctx.AllocatePersistent(channels * sizeof(int32_t), 4));
  p->channel_shifts = static_cast<int32_t*>(ctx.AllocatePersistent(channels * sizeof(int32_t), 4));
  MOTE_ENSURE(p->channel_multipliers && p->channel_shifts, kArenaTooSmall, "arena too small for params");
  return Status::Ok();
}

}  // namespace mote
