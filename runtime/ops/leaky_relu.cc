// LEAKY_RELU glue: one input, one output; alpha from LeakyReluOptions (0 when absent, as TFLite).
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  UnaryParams* p = nullptr;
  MOTE_TRY(AllocateUnaryParams(ctx, &p));
  float alpha = 0.0f;
  if (const auto* o = ctx.op()->builtin_options_as_LeakyReluOptions()) alpha = o->alpha();
  MOTE_TRY(PrepareLeakyRelu(*ctx.input(0), *ctx.output(0), alpha, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, leaky_relu_f32_ref);
    case DType::kInt8: return RunUnary(ctx, leaky_relu_s8_ref);
    case DType::kInt16: return RunUnary(ctx, leaky_relu_s16_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_LEAKY_RELU = {"LEAKY_RELU",
                                        static_cast<int32_t>(tflite::BuiltinOperator::LEAKY_RELU),
                                        "float32 int8 int16", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
