// AVERAGE_POOL_2D glue: one NHWC input, Pool2DOptions.
#include "runtime/kernels/pooling_dispatch.h"
#include "runtime/ops/pool_2d_glue.h"

namespace mote {
namespace {

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<PoolParams>();
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      average_pool_f32_ref(p, ctx.input(0)->Data<float>(), ctx.output(0)->Data<float>());
      return Status::Ok();
    case DType::kInt8:
      RunAveragePoolS8(p, ctx.isa(), ctx.input(0)->Data<int8_t>(), ctx.output(0)->Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      average_pool_s16_ref(p, ctx.input(0)->Data<int16_t>(), ctx.output(0)->Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_AVERAGE_POOL_2D = {"AVERAGE_POOL_2D", 1, "float32 int8 int16",
                                             PreparePool2DOp, Eval};

}  // namespace mote
