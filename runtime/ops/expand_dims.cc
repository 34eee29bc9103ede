// EXPAND_DIMS glue: input and a constant one-element axis tensor (int32 or int64).
#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/reshape.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, axis and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* axis = ctx.input(1);
  MOTE_ENSURE(input && axis, kInvalidModel, "missing input or axis");
  MOTE_ENSURE(axis->is_constant, kUnsupported, "non-constant axis tensor");
  MOTE_ENSURE(axis->shape.rank <= 1 && axis->NumElements() == 1, kInvalidModel,
              "axis must hold exactly one value");
  int32_t axis_value = 0;
  MOTE_TRY(ReadIndexValues(*axis, 1, &axis_value));
  MOTE_TRY(CheckExpandDimsShape(input->shape, axis_value, ctx.output(0)->shape));
  auto* p = ctx.AllocateParams<ReshapeParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareReshape(*input, *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  reshape_ref(*ctx.params<ReshapeParams>(), ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_EXPAND_DIMS = {"EXPAND_DIMS", static_cast<int32_t>(tflite::BuiltinOperator::EXPAND_DIMS),
                                         "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval, /*in_place_inputs=*/0, /*output_views_input=*/true};

}  // namespace mote
