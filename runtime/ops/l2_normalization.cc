// L2_NORMALIZATION glue: one input, L2NormOptions (fused activation, which must be NONE).
#include "runtime/kernels/l2_normalization.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel,
              "L2_NORMALIZATION expects one input and one output");
  MOTE_ENSURE(ctx.input(0), kInvalidModel, "missing input");
  Activation activation = Activation::kNone;
  if (const auto* o = ctx.op()->builtin_options_as_L2NormOptions())
    activation = static_cast<Activation>(o->fused_activation_function());
  auto* p = ctx.AllocateParams<L2NormParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareL2Normalization(*ctx.input(0), *ctx.output(0), activation, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<L2NormParams>();
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      l2_normalization_f32_ref(p, ctx.input(0)->Data<float>(), ctx.output(0)->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      l2_normalization_s8_ref(p, ctx.input(0)->Data<int8_t>(), ctx.output(0)->Data<int8_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_L2_NORMALIZATION = {"L2_NORMALIZATION", 11, "float32 int8", Prepare, Eval};

}  // namespace mote
