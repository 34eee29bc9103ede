#include <math.h>

#include "runtime/kernels/padding.h"
#include "runtime/kernels/pooling.h"
#include "runtime/quant.h"

namespace mote {

Status PreparePool(const Tensor& input, const Tensor& output, const PoolOptions& options,
                   PoolParams* p) {
  MOTE_ENSURE(input.shape.rank == 4 && output.shape.rank == 4, kShapeMismatch,
              "pooling needs 4-D NHWC input and output");
  MOTE_ENSURE(options.padding == Padding::kSame || options.padding == Padding::kValid,
              kInvalidModel, "unknown padding");
  MOTE_ENSURE(options.stride_h > 0 && options.stride_w > 0, kInvalidModel, "stride must be positive");
  MOTE_ENSURE(options.filter_h > 0 && options.filter_w > 0, kInvalidModel,
              "filter size must be positive");
  const uint8_t act = static_cast<uint8_t>(options.activation);
  MOTE_ENSURE(act <= static_cast<uint8_t>(Activation::kSignBit), kInvalidModel,
              "unknown fused activation");

  // Bounded so that the window arithmetic below stays inside int32 for any hostile model.
  constexpr int32_t kLimit = int32_t{1} << 30;
  MOTE_ENSURE(options.stride_h < kLimit && options.stride_w < kLimit && options.filter_h < kLimit &&
                  options.filter_w < kLimit && input.shape.dims[1] < kLimit && input.shape.dims[2] < kLimit,
              kUnsupported, "pooling window or input too large");

  p->batches = input.shape.dims[0];
  p->input_h = input.shape.dims[1];
  p->input_w = input.shape.dims[2];
  p->depth = input.shape.dims[3];
  p->stride_h = options.stride_h;
  p->stride_w = options.stride_w;
  p->filter_h = options.filter_h;
  p->filter_w = options.filter_w;
  p->output_h = WindowOutputSize(options.padding, p->input_h, p->filter_h, p->stride_h, 1);
  p->output_w = WindowOutputSize(options.padding, p->input_w, p->filter_w, p->stride_w, 1);
  MOTE_ENSURE(options.padding == Padding::kSame ||
                  (p->filter_h <= p->input_h && p->filter_w <= p->input_w),
              kShapeMismatch, "VALID pooling window is larger than the input");
  MOTE_ENSURE(output.shape.dims[0] == p->batches && output.shape.dims[1] == p->output_h &&
                  output.shape.dims[2] == p->output_w && output.shape.dims[3] == p->depth,
              kShapeMismatch, "output shape does not match the pooling geometry");
  p->pad_h = WindowPadding(p->input_h, p->filter_h, p->stride_h, 1, p->output_h).before;
  p->pad_w = WindowPadding(p->input_w, p->filter_w, p->stride_w, 1, p->output_w).before;

  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  if (input.type == DType::kFloat32) {
    const FloatRange r = FloatActivationRange(act);
    p->float_min = r.min;
    p->float_max = r.max;
    return Status::Ok();
  }
  const bool s8 = input.type == DType::kInt8;
  MOTE_ENSURE(s8 || input.type == DType::kInt16, kUnsupported,
              "pooling supports float32, int8 and int16");
  MOTE_ENSURE(input.q.quantized() && output.q.quantized(), kInvalidModel,
              "quantized tensors need a scale");
  // Pooling never rescales, so TFLite insists both sides share one quantization.
  MOTE_ENSURE(fabs(static_cast<double>(input.q.scale) - static_cast<double>(output.q.scale)) <= 1e-6 &&
                  input.q.zero_point == output.q.zero_point,
              kUnsupported, "pooling input and output must share scale and zero point");
  const ActivationRange r =
      s8 ? QuantizedActivationRange(act, output.q.scale, output.q.zero_point, -128, 127)
         : QuantizedActivationRange(act, output.q.scale, output.q.zero_point, -32768, 32767);
  p->act_min = r.min;
  p->act_max = r.max;
  return Status::Ok();
}

}  // namespace mote
