// ELU glue: one input, one output, no options. int8 runs from a 256-entry table built in Prepare.
#include "runtime/kernels/unary.h"
#include "runtime/ops/unary_glue.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  UnaryParams* p = nullptr;
  MOTE_TRY(AllocateUnaryParams(ctx, &p));
  if (ctx.input(0)->type == DType::kInt8) {
    p->table = static_cast<int8_t*>(ctx.AllocatePersistent(kEluTableSize, 4));
    MOTE_ENSURE(p->table, kArenaTooSmall, "arena too small for the ELU table");
  }
  MOTE_TRY(PrepareElu(*ctx.input(0), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  switch (ctx.input(0)->type) {
    case DType::kFloat32: return RunUnary(ctx, elu_f32_ref);
    case DType::kInt8: return RunUnary(ctx, elu_s8_ref);
    default: return UnsupportedUnaryDType();
  }
}

}  // namespace

extern const OpKernel kOp_ELU = {"ELU", static_cast<int32_t>(tflite::BuiltinOperator::ELU),
                                 "float32 int8", Prepare, Eval, kInPlaceInput0};

}  // namespace mote
