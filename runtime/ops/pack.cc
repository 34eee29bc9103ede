// PACK glue: values_count equally shaped inputs stacked along a new axis.
#include "runtime/kernels/concatenation.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  const int n = ctx.num_inputs();
  MOTE_ENSURE(n >= 1 && ctx.num_outputs() == 1, kInvalidModel, "expects inputs and one output");
  for (int i = 0; i < n; ++i) MOTE_ENSURE(ctx.input(i), kInvalidModel, "missing input");
  int32_t axis = 0;
  if (const auto* o = ctx.op()->builtin_options_as_PackOptions()) {
    MOTE_ENSURE(o->values_count() == 0 || o->values_count() == n, kInvalidModel,
                "values_count differs from the number of inputs");
    axis = o->axis();
  }
  auto* p = ctx.AllocateParams<ConcatSplitParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  p->piece_bytes = static_cast<int64_t*>(ctx.AllocatePersistent(sizeof(int64_t) * n, alignof(int64_t)));
  MOTE_ENSURE(p->piece_bytes, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PreparePack(ctx.inputs_, n, axis, *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const void* inputs[kMaxOpInputs];
  for (int i = 0; i < ctx.num_inputs(); ++i) inputs[i] = ctx.input(i)->data;
  concatenation_ref(*ctx.params<ConcatSplitParams>(), inputs, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_PACK = {"PACK", static_cast<int32_t>(tflite::BuiltinOperator::PACK),
                                  "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
