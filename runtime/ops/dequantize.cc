// DEQUANTIZE glue: one input, one output (float32), no options.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareDequantize); }

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kInt8: return RunUnary(ctx, dequantize_s8_ref);
    case DType::kUInt8: return RunUnary(ctx, dequantize_u8_ref);
    case DType::kInt16: return RunUnary(ctx, dequantize_s16_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_DEQUANTIZE = {
    "DEQUANTIZE", static_cast<int32_t>(tflite::BuiltinOperator::DEQUANTIZE),
    "int8->float32 uint8->float32 int16->float32", Prepare, Eval};

}  // namespace mote
