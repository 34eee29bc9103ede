// BATCH_MATMUL emitter: the prepared strides (broadcast batches, adj_x / adj_y) go into flash as
// they are, so the kernel reads both operands exactly as the interpreter's call does.
#include "compiler/aot/emitter.h"
#include "compiler/aot/operands.h"
#include "runtime/kernels/batch_matmul.h"

namespace mote::aot {
namespace {

// A fixed-size int32 array field as a braced initializer.
std::string ArrayLit(const int32_t* values, int n) {
  std::string s = "{";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + Lit(values[i]);
  return s + "}";
}

}  // namespace

bool Emit_BATCH_MATMUL(EmitContext& ctx, std::string* error) {
  const char* suffix = nullptr;
  const char* ctype = nullptr;
  switch (ctx.input(0)->type) {
    case DType::kFloat32: suffix = "f32", ctype = "float"; break;
    case DType::kInt8: suffix = "s8", ctype = "int8_t"; break;
    case DType::kInt16: suffix = "s16", ctype = "int16_t"; break;
    default:
      *error = "no emitter for this dtype";
      return false;
  }
  const auto& p = ctx.params<BatchMatMulParams>();
  constexpr int kDims = kBatchMatMulBatchDims;
  ctx.Include("runtime/kernels/batch_matmul.h");
  const std::string params = ctx.Params(
      "BatchMatMulParams",
      {{"batch", ArrayLit(p.batch, kDims)}, {"lhs_batch_stride", ArrayLit(p.lhs_batch_stride, kDims)},
       {"rhs_batch_stride", ArrayLit(p.rhs_batch_stride, kDims)}, {"rows", Lit(p.rows)}, {"cols", Lit(p.cols)},
       {"depth", Lit(p.depth)}, {"lhs_row_stride", Lit(p.lhs_row_stride)},
       {"lhs_depth_stride", Lit(p.lhs_depth_stride)}, {"rhs_depth_stride", Lit(p.rhs_depth_stride)},
       {"rhs_col_stride", Lit(p.rhs_col_stride)}, {"lhs_offset", Lit(p.lhs_offset)},
       {"rhs_offset", Lit(p.rhs_offset)}, {"output_offset", Lit(p.output_offset)},
       {"output_multiplier", Lit(p.output_multiplier)}, {"output_shift", Lit(p.output_shift)},
       {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}});
  ctx.Call(fmt::format("mote::batch_matmul_{}_ref({}, {});", suffix, params,
                       Operands(ctx, {{ctx.input(0), ctype}, {ctx.input(1), ctype}, {ctx.output(0), ctype}})));
  return true;
}

}  // namespace mote::aot
