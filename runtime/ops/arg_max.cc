// ARG_MAX glue: see arg_min_max_glue.h.
#include "runtime/ops/arg_min_max_glue.h"

namespace mote {
namespace {

Status Eval(OpContext& ctx) {
  const ArgMinMaxParams* p = nullptr;
  MOTE_TRY(ArgMinMaxEvalParams(ctx, &p));
  int32_t* out = ctx.output(0)->Data<int32_t>();
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      arg_max_f32_ref(*p, ctx.input(0)->Data<float>(), out);
      return Status::Ok();
    case DType::kInt8:
      arg_max_s8_ref(*p, ctx.input(0)->Data<int8_t>(), out);
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_ARG_MAX = {"ARG_MAX", 56, "float32->int32 int8->int32",
                                   PrepareArgMinMaxOp, Eval};

}  // namespace mote
