// SQUEEZE glue: one input, squeeze_dims from the options (absent or empty = every size-1 axis).
#include "runtime/kernels/reshape.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int32_t kMaxSqueezeDims = 8;  // TFLite's limit

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1 && ctx.input(0), kInvalidModel,
              "expects one input and one output");
  int32_t dims[kMaxSqueezeDims];
  int32_t num_dims = 0;
  if (const auto* o = ctx.op()->builtin_options_as_SqueezeOptions()) {
    if (const auto* v = o->squeeze_dims()) {
      MOTE_ENSURE(v->size() <= static_cast<uint32_t>(kMaxSqueezeDims), kUnsupported, "more than 8 squeeze_dims");
      num_dims = static_cast<int32_t>(v->size());
      for (int32_t i = 0; i < num_dims; ++i) dims[i] = v->Get(i);
    }
  }
  MOTE_TRY(CheckSqueezeShape(ctx.input(0)->shape, dims, num_dims, ctx.output(0)->shape));
  auto* p = ctx.AllocateParams<ReshapeParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareReshape(*ctx.input(0), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  reshape_ref(*ctx.params<ReshapeParams>(), ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_SQUEEZE = {"SQUEEZE", static_cast<int32_t>(tflite::BuiltinOperator::SQUEEZE),
                                     "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval, /*in_place_inputs=*/0, /*output_views_input=*/true};

}  // namespace mote
