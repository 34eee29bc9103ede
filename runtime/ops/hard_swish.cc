// HARD_SWISH glue: one input, one output, no options.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareHardSwish); }

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, hard_swish_f32_ref);
    case DType::kInt8: return RunUnary(ctx, hard_swish_s8_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_HARD_SWISH = {"HARD_SWISH",
                                        static_cast<int32_t>(tflite::BuiltinOperator::HARD_SWISH),
                                        "float32 int8", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
