// TRANSPOSE_CONV glue: inputs (output_shape, filter, input, optional bias). Like TFLM, the output
// size is the output tensor's; the output_shape input (constant or fed at run time) is not read.
#include "runtime/kernels/transpose_conv.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int kFilter = 1;
constexpr int kInput = 2;
constexpr int kBias = 3;

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE((ctx.num_inputs() == 3 || ctx.num_inputs() == 4) && ctx.num_outputs() == 1, kInvalidModel,
              "expects output_shape, filter, input, optional bias and one output");
  const Tensor* input = ctx.input(kInput);
  const Tensor* filter = ctx.input(kFilter);
  MOTE_ENSURE(input && filter, kInvalidModel, "missing input or filter");
  ConvOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_TransposeConvOptions()) {
    options.padding = static_cast<Padding>(o->padding());
    options.stride_h = o->stride_h();
    options.stride_w = o->stride_w();
    options.activation = static_cast<Activation>(o->fused_activation_function());
  }
  auto* p = ctx.AllocateParams<ConvParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  *p = ConvParams();
  MOTE_TRY(AllocateConvChannels(ctx, *input, *ctx.output(0), p));
  MOTE_TRY(PrepareTransposeConv(*input, *filter, ctx.input(kBias), *ctx.output(0), options, p));
  if (const size_t bytes = TransposeConvScratchBytes(*p, input->type)) MOTE_TRY(ctx.RequestScratch(bytes, &p->scratch_index));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<ConvParams>();
  const Tensor* bias = ctx.input(kBias);
  const Tensor& input = *ctx.input(kInput);
  const Tensor& filter = *ctx.input(kFilter);
  Tensor& output = *ctx.output(0);
  switch (input.type) {
    case DType::kFloat32:
      transpose_conv_f32_ref(p, input.Data<float>(), filter.Data<float>(), bias ? bias->Data<float>() : nullptr,
                             output.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      transpose_conv_s8_ref(p, input.Data<int8_t>(), filter.Data<int8_t>(), bias ? bias->Data<int32_t>() : nullptr,
                            output.Data<int8_t>(), static_cast<int32_t*>(ctx.scratch(p.scratch_index)));
      return Status::Ok();
    case DType::kInt16: {
      auto* scratch = static_cast<int64_t*>(ctx.scratch(p.scratch_index));
      if (bias && bias->type == DType::kInt16)
        transpose_conv_s16_ref(p, input.Data<int16_t>(), filter.Data<int8_t>(), bias->Data<int16_t>(),
                               output.Data<int16_t>(), scratch);
      else
        transpose_conv_s16_ref(p, input.Data<int16_t>(), filter.Data<int8_t>(),
                               bias ? bias->Data<int64_t>() : nullptr, output.Data<int16_t>(), scratch);
      return Status::Ok();
    }
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_TRANSPOSE_CONV = {"TRANSPOSE_CONV", 67, "float32 int8 int16x8", Prepare, Eval};

}  // namespace mote
