// ARG_MIN glue: see arg_min_max_glue.h.
#include "runtime/ops/arg_min_max_glue.h"

namespace mote {
namespace {

Status Eval(OpContext& ctx) {
  const ArgMinMaxParams* p = nullptr;
  MOTE_TRY(ArgMinMaxEvalParams(ctx, &p));
  int32_t* out = ctx.output(0)->Data<int32_t>();
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      arg_min_f32_ref(*p, ctx.input(0)->Data<float>(), out);
      return Status::Ok();
    case DType::kInt8:
      arg_min_s8_ref(*p, ctx.input(0)->Data<int8_t>(), out);
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_ARG_MIN = {"ARG_MIN", 79, "float32->int32 int8->int32",
                                   PrepareArgMinMaxOp, Eval};

}  // namespace mote
