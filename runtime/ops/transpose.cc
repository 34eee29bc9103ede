// TRANSPOSE glue: input and a constant perm vector.
#include "runtime/kernels/transpose.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, perm and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or perm");
  auto* p = ctx.AllocateParams<StridedCopyParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareTranspose(*ctx.input(0), *ctx.input(1), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  strided_copy_ref(*ctx.params<StridedCopyParams>(), ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_TRANSPOSE = {"TRANSPOSE", static_cast<int32_t>(tflite::BuiltinOperator::TRANSPOSE),
                                       "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
