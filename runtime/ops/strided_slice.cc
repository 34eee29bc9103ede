// STRIDED_SLICE glue: input, begin, end, strides (int32 or int64) and the mask options. Constant
// indices are resolved once in Prepare; computed ones before every copy.
#include "runtime/kernels/slice.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Resolve(OpContext& ctx, SliceParams* p) {
  return ResolveStridedSlice(*ctx.input(0), *ctx.input(1), *ctx.input(2), *ctx.input(3), p->options,
                             *ctx.output(0), &p->copy);
}

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 4 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, begin, end, strides and one output");
  for (int i = 0; i < 4; ++i) MOTE_ENSURE(ctx.input(i), kInvalidModel, "missing input, begin, end or strides");
  MOTE_TRY(CheckStridedSliceTensors(*ctx.input(0), *ctx.input(1), *ctx.input(2), *ctx.input(3), *ctx.output(0)));
  auto* p = ctx.AllocateParams<SliceParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  if (const auto* o = ctx.op()->builtin_options_as_StridedSliceOptions()) {
    p->options.begin_mask = o->begin_mask();
    p->options.end_mask = o->end_mask();
    p->options.shrink_axis_mask = o->shrink_axis_mask();
  }
  p->resolve_in_eval = !(ctx.input(1)->is_constant && ctx.input(2)->is_constant && ctx.input(3)->is_constant);
  if (!p->resolve_in_eval) MOTE_TRY(Resolve(ctx, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  auto& p = *ctx.params<SliceParams>();
  if (p.resolve_in_eval) MOTE_TRY(Resolve(ctx, &p));
  strided_copy_ref(p.copy, ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_STRIDED_SLICE = {"STRIDED_SLICE", static_cast<int32_t>(tflite::BuiltinOperator::STRIDED_SLICE),
                                           "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
