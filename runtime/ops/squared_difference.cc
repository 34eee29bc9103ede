// SQUARED_DIFFERENCE glue: two operands, one output, no options.
#include "runtime/kernels/squared_difference.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects two inputs and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing operand");
  auto* p = ctx.AllocateParams<SquaredDifferenceParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareSquaredDifference(*ctx.input(0), *ctx.input(1), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<SquaredDifferenceParams>();
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  Tensor* out = ctx.output(0);
  switch (out->type) {
    case DType::kFloat32:
      squared_difference_f32_ref(p, a->Data<float>(), b->Data<float>(), out->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      squared_difference_s8_ref(p, a->Data<int8_t>(), b->Data<int8_t>(), out->Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      squared_difference_s16_ref(p, a->Data<int16_t>(), b->Data<int16_t>(), out->Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_SQUARED_DIFFERENCE = {"SQUARED_DIFFERENCE", 99, "float32 int8 int16",
                                                Prepare, Eval, kInPlaceEitherInput};

}  // namespace mote
