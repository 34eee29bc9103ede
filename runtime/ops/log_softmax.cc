// LOG_SOFTMAX glue: one input, one output, no options (beta is always 1).
#include "runtime/kernels/softmax.h"
#include "runtime/op_kernel.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel, "expects one input and one output");
  MOTE_ENSURE(ctx.input(0), kInvalidModel, "missing input");
  auto* p = ctx.AllocateParams<SoftmaxParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareLogSoftmax(*ctx.input(0), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<SoftmaxParams>();
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  switch (in.type) {
    case DType::kFloat32:
      log_softmax_f32_ref(p, in.Data<float>(), out.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      log_softmax_s8_ref(p, in.Data<int8_t>(), out.Data<int8_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_LOG_SOFTMAX = {"LOG_SOFTMAX", 50, "float32 int8", Prepare, Eval};

}  // namespace mote
