// SPLIT_V glue: inputs (input, size_splits, axis); parts of the listed sizes, one of which may be
// -1 (the rest of the axis).
#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/split.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

// Resolves a -1 entry to what the other sizes leave of the axis.
Status ResolveSizeSplits(const Tensor& size_splits, int32_t n, int32_t axis_size, int32_t* sizes) {
  MOTE_ENSURE(size_splits.shape.rank == 1 && size_splits.shape.dims[0] == n, kShapeMismatch,
              "size_splits needs one entry per output");
  MOTE_TRY(ReadIndexValues(size_splits, n, sizes));
  int32_t unknown = -1;
  int64_t known = 0;
  for (int32_t i = 0; i < n; ++i) {
    if (sizes[i] == -1) {
      MOTE_ENSURE(unknown < 0, kInvalidModel, "size_splits has more than one -1");
      unknown = i;
    } else {
      MOTE_ENSURE(sizes[i] >= 0, kInvalidModel, "negative size_splits entry");
      known += sizes[i];
    }
  }
  if (unknown >= 0) {
    MOTE_ENSURE(known <= axis_size, kShapeMismatch, "size_splits exceed the axis size");
    sizes[unknown] = static_cast<int32_t>(axis_size - known);
  }
  return Status::Ok();
}

Status Prepare(OpContext& ctx) {
  const int n = ctx.num_outputs();
  MOTE_ENSURE(ctx.num_inputs() == 3 && n >= 1, kInvalidModel, "expects input, size_splits, axis and outputs");
  const Tensor* input = ctx.input(0);
  const Tensor* size_splits = ctx.input(1);
  const Tensor* axis_tensor = ctx.input(2);
  MOTE_ENSURE(input && size_splits && axis_tensor, kInvalidModel, "missing input, size_splits or axis");
  if (const auto* o = ctx.op()->builtin_options_as_SplitVOptions())
    MOTE_ENSURE(o->num_splits() == 0 || o->num_splits() == n, kInvalidModel,
                "num_splits differs from the number of outputs");
  MOTE_ENSURE(axis_tensor->is_constant && axis_tensor->NumElements() == 1, kUnsupported,
              "axis must be a constant scalar");
  int32_t axis = 0;
  MOTE_TRY(ReadIndexValues(*axis_tensor, 1, &axis));
  const int32_t a = NormalizeAxis(axis, input->shape.rank);
  MOTE_ENSURE(a >= 0, kInvalidModel, "split axis out of range");
  // TFLM takes the part sizes from the output shapes; constant size_splits must agree with them.
  int32_t sizes[kMaxOpInputs];
  const bool known = size_splits->is_constant;
  if (known) MOTE_TRY(ResolveSizeSplits(*size_splits, n, input->shape.dims[a], sizes));
  auto* p = ctx.AllocateParams<ConcatSplitParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  p->piece_bytes = static_cast<int64_t*>(ctx.AllocatePersistent(sizeof(int64_t) * n, alignof(int64_t)));
  MOTE_ENSURE(p->piece_bytes, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareSplit(*input, ctx.outputs_, n, a, known ? sizes : nullptr, p));
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

extern const OpKernel kOp_SPLIT_V = {"SPLIT_V", static_cast<int32_t>(tflite::BuiltinOperator::SPLIT_V),
                                     "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
