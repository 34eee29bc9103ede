// FULLY_CONNECTED glue: inputs (input, filter, optional bias), options from the flatbuffer.
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/fully_connected_dispatch.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() >= 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, filter, optional bias and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* filter = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  MOTE_ENSURE(input && filter, kInvalidModel, "missing input or filter");
  FullyConnectedOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_FullyConnectedOptions()) {
    MOTE_ENSURE(o->weights_format() == 0, kUnsupported, "shuffled weights format");
    options.activation = static_cast<Activation>(o->fused_activation_function());
    options.keep_num_dims = o->keep_num_dims();
  }
  auto* p = ctx.AllocateParams<FullyConnectedParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  *p = FullyConnectedParams();
  int32_t* multipliers = nullptr;
  int32_t* shifts = nullptr;
  if (const int32_t channels = FullyConnectedChannels(*filter)) {
    multipliers = static_cast<int32_t*>(ctx.AllocatePersistent(4 * channels, 4));
    shifts = static_cast<int32_t*>(ctx.AllocatePersistent(4 * channels, 4));
    MOTE_ENSURE(multipliers && shifts, kArenaTooSmall, "arena too small for params");
  }
  MOTE_TRY(PrepareFullyConnected(*input, *filter, bias, *ctx.output(0), options, p, multipliers, shifts));
  if (input->type == DType::kInt8)
    if (const size_t bytes = FullyConnectedS8ScratchBytes(*p, ctx.isa())) MOTE_TRY(ctx.RequestScratch(bytes, &p->scratch_index));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<FullyConnectedParams>();
  const Tensor* bias = ctx.input(2);
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      fully_connected_f32_ref(p, ctx.input(0)->Data<float>(), ctx.input(1)->Data<float>(),
                              bias ? bias->Data<float>() : nullptr, ctx.output(0)->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      RunFullyConnectedS8(p, ctx.isa(), ctx.input(0)->Data<int8_t>(), ctx.input(1)->Data<int8_t>(),
                          bias ? bias->Data<int32_t>() : nullptr, ctx.output(0)->Data<int8_t>(),
                          p.scratch_index >= 0 ? ctx.scratch(p.scratch_index) : nullptr);
      return Status::Ok();
    case DType::kInt16:
      fully_connected_s16_ref(p, ctx.input(0)->Data<int16_t>(), ctx.input(1)->Data<int8_t>(),
                              bias ? bias->Data<int64_t>() : nullptr, ctx.output(0)->Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_FULLY_CONNECTED = {"FULLY_CONNECTED", 9, "float32 int8 int16x8", Prepare, Eval};

}  // namespace mote
