// MUL glue: two operands, one output, fused activation from MulOptions.
#include "runtime/kernels/mul.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects two inputs and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing operand");
  MulOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_MulOptions())
    options.activation = static_cast<Activation>(o->fused_activation_function());
  auto* p = ctx.AllocateParams<MulParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareMul(*ctx.input(0), *ctx.input(1), *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<MulParams>();
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  Tensor* out = ctx.output(0);
  switch (out->type) {
    case DType::kFloat32:
      mul_f32_ref(p, a->Data<float>(), b->Data<float>(), out->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      mul_s8_ref(p, a->Data<int8_t>(), b->Data<int8_t>(), out->Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      mul_s16_ref(p, a->Data<int16_t>(), b->Data<int16_t>(), out->Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_MUL = {"MUL", 18, "float32 int8 int16", Prepare, Eval, kInPlaceEitherInput};

}  // namespace mote
