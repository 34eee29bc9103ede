// DEPTHWISE_CONV_2D glue: inputs (input, filter, optional bias), options from the flatbuffer.
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_dispatch.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE((ctx.num_inputs() == 2 || ctx.num_inputs() == 3) && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, filter, optional bias and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* filter = ctx.input(1);
  MOTE_ENSURE(input && filter, kInvalidModel, "missing input or filter");
  ConvOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_DepthwiseConv2DOptions()) {
    options.padding = static_cast<Padding>(o->padding());
    options.stride_h = o->stride_h();
    options.stride_w = o->stride_w();
    options.dilation_h = o->dilation_h_factor();
    options.dilation_w = o->dilation_w_factor();
    options.depth_multiplier = o->depth_multiplier();
    options.activation = static_cast<Activation>(o->fused_activation_function());
  }
  auto* p = ctx.AllocateParams<ConvParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  *p = ConvParams();
  MOTE_TRY(AllocateConvChannels(ctx, *input, *ctx.output(0), p));
  MOTE_TRY(PrepareDepthwiseConv2D(*input, *filter, ctx.input(2), *ctx.output(0), options, p));
  if (input->type == DType::kInt8)
    if (const size_t bytes = DepthwiseConv2DS8ScratchBytes(*p, ctx.isa()))
      MOTE_TRY(ctx.RequestScratch(bytes, &p->scratch_index));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<ConvParams>();
  const Tensor* bias = ctx.input(2);
  const Tensor& input = *ctx.input(0);
  const Tensor& filter = *ctx.input(1);
  Tensor& output = *ctx.output(0);
  switch (input.type) {
    case DType::kFloat32:
      depthwise_conv2d_f32_ref(p, input.Data<float>(), filter.Data<float>(), bias ? bias->Data<float>() : nullptr,
                               output.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      RunDepthwiseConv2DS8(p, ctx.isa(), input.Data<int8_t>(), filter.Data<int8_t>(), bias ? bias->Data<int32_t>() : nullptr,
                           output.Data<int8_t>(), p.scratch_index >= 0 ? ctx.scratch(p.scratch_index) : nullptr);
      return Status::Ok();
    case DType::kInt16:
      depthwise_conv2d_s16_ref(p, input.Data<int16_t>(), filter.Data<int8_t>(),
                               bias ? bias->Data<int64_t>() : nullptr, output.Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

// The int8 variant this build runs for the layer decides; the float and int16 references stream.
bool StreamLag(const OpContext& ctx, size_t* lag) {
  const auto& p = *ctx.params<ConvParams>();
  const Tensor& input = *ctx.input(0);
  if (input.type == DType::kInt8 && !DepthwiseConv2DS8Streams(p, ctx.isa())) return false;
  return ConvStreamLag(p, DTypeSize(input.type), DTypeSize(ctx.output(0)->type), lag);
}

}  // namespace

extern const OpKernel kOp_DEPTHWISE_CONV_2D = {"DEPTHWISE_CONV_2D", 4, "float32 int8 int16x8", Prepare, Eval, 0, false,
                                              StreamLag};

}  // namespace mote
