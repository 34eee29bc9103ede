// UNPACK glue: one input cut into `num` outputs along an axis that disappears.
#include "runtime/kernels/split.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  const int n = ctx.num_outputs();
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.input(0) && n >= 1, kInvalidModel, "expects one input and outputs");
  int32_t axis = 0;
  if (const auto* o = ctx.op()->builtin_options_as_UnpackOptions()) {
    MOTE_ENSURE(o->num() == 0 || o->num() == n, kInvalidModel, "num differs from the number of outputs");
    axis = o->axis();
  }
  auto* p = ctx.AllocateParams<ConcatSplitParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  p->piece_bytes = static_cast<int64_t*>(ctx.AllocatePersistent(sizeof(int64_t) * n, alignof(int64_t)));
  MOTE_ENSURE(p->piece_bytes, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareUnpack(*ctx.input(0), ctx.outputs_, n, axis, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  void* outputs[kMaxOpInputs];
  for (int i = 0; i < ctx.num_outputs(); ++i) outputs[i] = ctx.output(i)->data;
  split_ref(*ctx.params<ConcatSplitParams>(), ctx.input(0)->data, outputs);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_UNPACK = {"UNPACK", static_cast<int32_t>(tflite::BuiltinOperator::UNPACK),
                                    "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
