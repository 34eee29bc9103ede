// PRELU glue: input, alpha (usually constant) and one output; no options.
#include "runtime/kernels/prelu.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, alpha and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or alpha");
  auto* p = ctx.AllocateParams<PreluParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PreparePrelu(*ctx.input(0), *ctx.input(1), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<PreluParams>();
  const Tensor* in = ctx.input(0);
  const Tensor* alpha = ctx.input(1);
  Tensor* out = ctx.output(0);
  switch (out->type) {
    case DType::kFloat32:
      prelu_f32_ref(p, in->Data<float>(), alpha->Data<float>(), out->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      prelu_s8_ref(p, in->Data<int8_t>(), alpha->Data<int8_t>(), out->Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      prelu_s16_ref(p, in->Data<int16_t>(), alpha->Data<int8_t>(), out->Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_PRELU = {"PRELU", 54, "float32 int8 int16", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
