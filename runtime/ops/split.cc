// SPLIT glue: inputs (axis, input) in that order; num_splits equal parts along the axis.
#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/split.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  const int n = ctx.num_outputs();
  MOTE_ENSURE(ctx.num_inputs() == 2 && n >= 1, kInvalidModel, "expects axis, input and outputs");
  const Tensor* axis_tensor = ctx.input(0);
  const Tensor* input = ctx.input(1);
  MOTE_ENSURE(axis_tensor && input, kInvalidModel, "missing axis or input");
  if (const auto* o = ctx.op()->builtin_options_as_SplitOptions())
    MOTE_ENSURE(o->num_splits() == 0 || o->num_splits() == n, kInvalidModel,
                "num_splits differs from the number of outputs");
  MOTE_ENSURE(axis_tensor->is_constant && axis_tensor->NumElements() == 1, kUnsupported,
              "axis must be a constant scalar");
  int32_t axis = 0;
  MOTE_TRY(ReadIndexValues(*axis_tensor, 1, &axis));
  const int32_t a = NormalizeAxis(axis, input->shape.rank);
  MOTE_ENSURE(a >= 0, kInvalidModel, "split axis out of range");
  MOTE_ENSURE(input->shape.dims[a] % n == 0, kShapeMismatch, "axis size is not a multiple of num_splits");
  int32_t sizes[kMaxOpInputs];
  for (int i = 0; i < n; ++i) sizes[i] = input->shape.dims[a] / n;
  auto* p = ctx.AllocateParams<ConcatSplitParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  p->piece_bytes = static_cast<int64_t*>(ctx.AllocatePersistent(sizeof(int64_t) * n, alignof(int64_t)));
  MOTE_ENSURE(p->piece_bytes, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareSplit(*input, ctx.outputs_, n, a, sizes, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  void* outputs[kMaxOpInputs];
  for (int i = 0; i < ctx.num_outputs(); ++i) outputs[i] = ctx.output(i)->data;
  split_ref(*ctx.params<ConcatSplitParams>(), ctx.input(1)->data, outputs);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_SPLIT = {"SPLIT", static_cast<int32_t>(tflite::BuiltinOperator::SPLIT),
                                   "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
