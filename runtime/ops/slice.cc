// SLICE glue: input, begin and size (int32 or int64, size -1 = to the end). Constant indices are
// resolved once in Prepare; computed ones before every copy, as TFLM does.
#include "runtime/kernels/slice.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 3 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, begin, size and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* begin = ctx.input(1);
  const Tensor* size = ctx.input(2);
  MOTE_ENSURE(input && begin && size, kInvalidModel, "missing input, begin or size");
  MOTE_TRY(CheckSliceTensors(*input, *begin, *size, *ctx.output(0)));
  auto* p = ctx.AllocateParams<SliceParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  p->resolve_in_eval = !(begin->is_constant && size->is_constant);
  if (!p->resolve_in_eval) MOTE_TRY(ResolveSlice(*input, *begin, *size, *ctx.output(0), &p->copy));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  auto& p = *ctx.params<SliceParams>();
  if (p.resolve_in_eval) MOTE_TRY(ResolveSlice(*ctx.input(0), *ctx.input(1), *ctx.input(2), *ctx.output(0), &p.copy));
  strided_copy_ref(p.copy, ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_SLICE = {"SLICE", static_cast<int32_t>(tflite::BuiltinOperator::SLICE),
                                   "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
