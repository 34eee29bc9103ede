// ABS glue: one input, one output, no options.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareAbs); }

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, abs_f32_ref);
    case DType::kInt8: return RunUnary(ctx, abs_s8_ref);
    case DType::kInt16: return RunUnary(ctx, abs_s16_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_ABS = {"ABS", static_cast<int32_t>(tflite::BuiltinOperator::ABS),
                                 "float32 int8 int16", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
