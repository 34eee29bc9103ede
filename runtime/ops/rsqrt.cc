// RSQRT glue: one input, one output, no options.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareRsqrt); }

Status Eval(OpContext& ctx) {
  const UnaryParams& p = *ctx.params<UnaryParams>();
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, rsqrt_f32_ref);
    case DType::kInt8:
      return rsqrt_s8_ref(p, ctx.input(0)->Data<int8_t>(), ctx.output(0)->Data<int8_t>());
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_RSQRT = {"RSQRT", static_cast<int32_t>(tflite::BuiltinOperator::RSQRT),
                                   "float32 int8", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
