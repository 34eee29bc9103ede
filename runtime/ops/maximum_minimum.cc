// MAXIMUM and MINIMUM glue: two operands, one output, no options.
#include "runtime/kernels/maximum_minimum.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects two inputs and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing operand");
  auto* p = ctx.AllocateParams<MaximumMinimumParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareMaximumMinimum(*ctx.input(0), *ctx.input(1), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

template <typename T>
using Kernel = void (*)(const MaximumMinimumParams&, const T*, const T*, T*);

template <typename T>
Status Run(OpContext& ctx, Kernel<T> kernel) {
  kernel(*ctx.params<MaximumMinimumParams>(), ctx.input(0)->Data<T>(), ctx.input(1)->Data<T>(),
         ctx.output(0)->Data<T>());
  return Status::Ok();
}

Status EvalMaximum(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kFloat32: return Run<float>(ctx, maximum_f32_ref);
    case DType::kInt8: return Run<int8_t>(ctx, maximum_s8_ref);
    case DType::kInt16: return Run<int16_t>(ctx, maximum_s16_ref);
    case DType::kInt32: return Run<int32_t>(ctx, maximum_s32_ref);
    case DType::kInt64: return Run<int64_t>(ctx, maximum_s64_ref);
    default: return Status(StatusCode::kUnsupported, "dtype");
  }
}

Status EvalMinimum(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kFloat32: return Run<float>(ctx, minimum_f32_ref);
    case DType::kInt8: return Run<int8_t>(ctx, minimum_s8_ref);
    case DType::kInt16: return Run<int16_t>(ctx, minimum_s16_ref);
    case DType::kInt32: return Run<int32_t>(ctx, minimum_s32_ref);
    case DType::kInt64: return Run<int64_t>(ctx, minimum_s64_ref);
    default: return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_MAXIMUM = {"MAXIMUM", 55, "float32 int8 int16 int32 int64", Prepare,
                                     EvalMaximum, kInPlaceEitherInput};
extern const OpKernel kOp_MINIMUM = {"MINIMUM", 57, "float32 int8 int16 int32 int64", Prepare,
                                     EvalMinimum, kInPlaceEitherInput};

}  // namespace mote
