// BATCH_MATMUL glue: inputs (lhs, rhs), adj_x / adj_y from the flatbuffer options.
#include "runtime/kernels/batch_matmul.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects lhs, rhs and one output");
  const Tensor* lhs = ctx.input(0);
  const Tensor* rhs = ctx.input(1);
  MOTE_ENSURE(lhs && rhs, kInvalidModel, "missing lhs or rhs");
  BatchMatMulOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_BatchMatMulOptions()) {
    options.adj_x = o->adj_x();
    options.adj_y = o->adj_y();
  }
  auto* p = ctx.AllocateParams<BatchMatMulParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  *p = BatchMatMulParams();
  MOTE_TRY(PrepareBatchMatMul(*lhs, *rhs, *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<BatchMatMulParams>();
  const Tensor& lhs = *ctx.input(0);
  const Tensor& rhs = *ctx.input(1);
  Tensor& out = *ctx.output(0);
  switch (lhs.type) {
    case DType::kFloat32:
      batch_matmul_f32_ref(p, lhs.Data<float>(), rhs.Data<float>(), out.Data<float>());
      return Status::Ok();
    case DType::kInt8:
      batch_matmul_s8_ref(p, lhs.Data<int8_t>(), rhs.Data<int8_t>(), out.Data<int8_t>());
      return Status::Ok();
    case DType::kInt16:
      batch_matmul_s16_ref(p, lhs.Data<int16_t>(), rhs.Data<int16_t>(), out.Data<int16_t>());
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_BATCH_MATMUL = {"BATCH_MATMUL", 126, "float32 int8 int16", Prepare, Eval};

}  // namespace mote
