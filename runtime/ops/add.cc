// ADD and SUB glue: two operands, one output, fused activation from AddOptions / SubOptions.
// Both ops share one params struct and prepare; only the options table and kernels differ.
#include "runtime/kernels/add.h"
#include "runtime/kernels/add_dispatch.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

template <AddKind kKind>
Activation FusedActivation(const OpContext& ctx) {
  if (kKind == AddKind::kAdd) {
    // pot_scale_int16 is ignored: TFLM always takes the general int16 rescale path.
    const auto* o = ctx.op()->builtin_options_as_AddOptions();
    return o ? static_cast<Activation>(o->fused_activation_function()) : Activation::kNone;
  }
  const auto* o = ctx.op()->builtin_options_as_SubOptions();
  return o ? static_cast<Activation>(o->fused_activation_function()) : Activation::kNone;
}

template <AddKind kKind>
Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects two inputs and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing operand");
  AddOptions options;
  options.kind = kKind;
  options.activation = FusedActivation<kKind>(ctx);
  auto* p = ctx.AllocateParams<AddParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareAdd(*ctx.input(0), *ctx.input(1), *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

template <typename T>
using AddKernel = void (*)(const AddParams&, const T*, const T*, T*);

template <typename T>
Status Run(OpContext& ctx, AddKernel<T> kernel) {
  kernel(*ctx.params<AddParams>(), ctx.input(0)->Data<T>(), ctx.input(1)->Data<T>(),
         ctx.output(0)->Data<T>());
  return Status::Ok();
}

Status EvalAdd(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kFloat32: return Run<float>(ctx, add_f32_ref);
    case DType::kInt8: return Run<int8_t>(ctx, RunAddS8);
    case DType::kInt16: return Run<int16_t>(ctx, add_s16_ref);
    default: return Status(StatusCode::kUnsupported, "dtype");
  }
}

Status EvalSub(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kFloat32: return Run<float>(ctx, sub_f32_ref);
    case DType::kInt8: return Run<int8_t>(ctx, RunSubS8);
    case DType::kInt16: return Run<int16_t>(ctx, sub_s16_ref);
    default: return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_ADD = {"ADD", 0, "float32 int8 int16", Prepare<AddKind::kAdd>, EvalAdd, kInPlaceEitherInput};
extern const OpKernel kOp_SUB = {"SUB", 41, "float32 int8 int16", Prepare<AddKind::kSub>, EvalSub, kInPlaceEitherInput};

}  // namespace mote
