// NEG glue: one input, one output, no options.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareFloatUnary); }

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, neg_f32_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_NEG = {"NEG", static_cast<int32_t>(tflite::BuiltinOperator::NEG),
                                 "float32", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
