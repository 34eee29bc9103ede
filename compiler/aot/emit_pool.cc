// Emitters for AVERAGE_POOL_2D and MAX_POOL_2D: both glues prepare the same PoolParams and call a
// per-dtype kernel with the input and output only; they differ in the kernel's name.
#include "compiler/aot/emitter.h"
#include "compiler/aot/operands.h"
#include "runtime/kernels/pooling.h"
#include "runtime/kernels/pooling_dispatch.h"

namespace mote::aot {
namespace {

std::string PoolParamsObject(EmitContext& ctx) {
  const auto& p = ctx.params<PoolParams>();
  return ctx.Params(
      "PoolParams",
      {{"batches", Lit(p.batches)}, {"input_h", Lit(p.input_h)}, {"input_w", Lit(p.input_w)},
       {"depth", Lit(p.depth)}, {"output_h", Lit(p.output_h)}, {"output_w", Lit(p.output_w)},
       {"stride_h", Lit(p.stride_h)}, {"stride_w", Lit(p.stride_w)}, {"filter_h", Lit(p.filter_h)},
       {"filter_w", Lit(p.filter_w)}, {"pad_h", Lit(p.pad_h)}, {"pad_w", Lit(p.pad_w)}, {"act_min", Lit(p.act_min)},
       {"act_max", Lit(p.act_max)}, {"float_min", Lit(p.float_min)}, {"float_max", Lit(p.float_max)}});
}

// `kernel` is the family name (average_pool, max_pool); the dtype suffix follows the input.
bool EmitPool(EmitContext& ctx, const char* kernel, std::string* error) {
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
  ctx.Include("runtime/kernels/pooling.h");
  const std::string params = PoolParamsObject(ctx);
  // The target's kernel: only int8 average pooling has a variant (pooling_dispatch.h).
  const std::string name = std::string(kernel) == "average_pool" && ctx.input(0)->type == DType::kInt8
                               ? AveragePoolS8KernelName(ctx.isa())
                               : fmt::format("{}_{}_ref", kernel, suffix);
  ctx.Call(fmt::format("mote::{}({}, {});", name, params, Operands(ctx, {{ctx.input(0), ctype}, {ctx.output(0), ctype}})));
  return true;
}

}  // namespace

bool Emit_AVERAGE_POOL_2D(EmitContext& ctx, std::string* error) { return EmitPool(ctx, "average_pool", error); }

bool Emit_MAX_POOL_2D(EmitContext& ctx, std::string* error) { return EmitPool(ctx, "max_pool", error); }

}  // namespace mote::aot
