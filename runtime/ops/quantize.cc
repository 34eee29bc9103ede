// QUANTIZE glue: one input, one output, no options. The (input, output) dtype pair picks the
// kernel; Prepare has rejected every pair not listed here.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareUnaryOp(ctx, PrepareQuantize); }

Status EvalFromFloat(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kInt8: return RunUnary<float, int8_t>(ctx, quantize_f32_ref);
    case DType::kInt16: return RunUnary<float, int16_t>(ctx, quantize_f32_ref);
    default: return UnsupportedUnaryDType();
  }
}

Status EvalFromInt8(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kInt8: return RunUnary<int8_t, int8_t>(ctx, quantize_s8_ref);
    case DType::kUInt8: return RunUnary<int8_t, uint8_t>(ctx, quantize_s8_ref);
    case DType::kInt16: return RunUnary<int8_t, int16_t>(ctx, quantize_s8_ref);
    case DType::kInt32: return RunUnary<int8_t, int32_t>(ctx, quantize_s8_ref);
    default: return UnsupportedUnaryDType();
  }
}

Status EvalFromInt16(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kInt8: return RunUnary<int16_t, int8_t>(ctx, quantize_s16_ref);
    case DType::kInt16: return RunUnary<int16_t, int16_t>(ctx, quantize_s16_ref);
    case DType::kInt32: return RunUnary<int16_t, int32_t>(ctx, quantize_s16_ref);
    default: return UnsupportedUnaryDType();
  }
}

Status EvalFromInt32(OpContext& ctx) {
  switch (ctx.output(0)->type) {
    case DType::kInt8: return RunUnary<int32_t, int8_t>(ctx, quantize_s32_ref);
    case DType::kInt16: return RunUnary<int32_t, int16_t>(ctx, quantize_s32_ref);
    default: return UnsupportedUnaryDType();
  }
}

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return EvalFromFloat(ctx);
    case DType::kInt8: return EvalFromInt8(ctx);
    case DType::kUInt8:
      if (ctx.output(0)->type != DType::kInt8) return UnsupportedUnaryDType();
      return RunUnary<uint8_t, int8_t>(ctx, quantize_u8_ref);
    case DType::kInt16: return EvalFromInt16(ctx);
    case DType::kInt32: return EvalFromInt32(ctx);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_QUANTIZE = {
    "QUANTIZE", static_cast<int32_t>(tflite::BuiltinOperator::QUANTIZE),
    "float32->int8 float32->int16 int8->int8 int8->uint8 int8->int16 int8->int32 uint8->int8 "
    "int16->int8 int16->int16 int16->int32 int32->int8 int32->int16",
    Prepare, Eval, kInPlaceInput0};

}  // namespace mote
