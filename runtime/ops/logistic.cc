// LOGISTIC glue: one input, one output, no options.
#include "runtime/kernels/logistic_tanh.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel, "expects one input and one output");
  MOTE_ENSURE(ctx.input(0), kInvalidModel, "missing input");
  auto* p = ctx.AllocateParams<LogisticTanhParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareLogisticTanh(LogisticTanhKind::kLogistic, *ctx.input(0), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<LogisticTanhParams>();
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  switch (in.type) {
    case DType::kFloat32:
      logistic_f32_ref(p, in.Data<float>(), out.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      logistic_s8_ref(p, in.Data<int8_t>(), out.Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      logistic_s16(p.s16.input_multiplier, p.s16.input_left_shift, p.size, in.Data<int16_t>(), out.Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_LOGISTIC = {"LOGISTIC", 14, "float32 int8 int16", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
