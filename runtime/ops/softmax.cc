// SOFTMAX glue: one input, one output, SoftmaxOptions.beta (absent options: beta 0, as TFLite).
#include "runtime/kernels/softmax.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel, "expects one input and one output");
  const Tensor* input = ctx.input(0);
  MOTE_ENSURE(input, kInvalidModel, "missing input");
  float beta = 0.0f;
  if (const auto* o = ctx.op()->builtin_options_as_SoftmaxOptions()) beta = o->beta();
  auto* p = ctx.AllocateParams<SoftmaxParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  if (SoftmaxNeedsLuts(*input)) {
    p->exp_lut = static_cast<int16_t*>(ctx.AllocatePersistent(sizeof(int16_t) * kSoftmaxLutSize, 2));
    p->one_over_one_plus_x_lut = static_cast<int16_t*>(ctx.AllocatePersistent(sizeof(int16_t) * kSoftmaxLutSize, 2));
    MOTE_ENSURE(p->exp_lut && p->one_over_one_plus_x_lut, kArenaTooSmall, "arena too small for softmax tables");
  }
  MOTE_TRY(PrepareSoftmax(*input, *ctx.output(0), beta, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<SoftmaxParams>();
  const Tensor& in = *ctx.input(0);
  Tensor& out = *ctx.output(0);
  switch (in.type) {
    case DType::kFloat32:
      softmax_f32_ref(p, in.Data<float>(), out.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      if (out.type == DType::kInt16) softmax_s8_s16_ref(p, in.Data<int8_t>(), out.Data<int16_t>());
      else softmax_s8_ref(p, in.Data<int8_t>(), out.Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      softmax_s16_ref(p, in.Data<int16_t>(), out.Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_SOFTMAX = {"SOFTMAX", 25, "float32 int8 int8->int16 int16", Prepare, Eval};

}  // namespace mote
