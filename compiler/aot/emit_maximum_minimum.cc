// MAXIMUM and MINIMUM: one shared MaximumMinimumParams (just the broadcast layout); the glue
// (runtime/ops/maximum_minimum.cc) picks the kernel by the output dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/maximum_minimum.h"

namespace mote::aot {
namespace {

bool EmitMaximumMinimum(EmitContext& ctx, const char* op, std::string* error) {
  const DType type = ctx.output(0)->type;
  const char* kernel_dtype =
      KernelDType(type, {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const char* ctype = ElementCType(type);
  const auto& p = ctx.params<MaximumMinimumParams>();
  ctx.Include("runtime/kernels/maximum_minimum.h");
  const std::string params = ctx.Params("MaximumMinimumParams", {{"layout", BroadcastLayoutLit(p.layout)}});
  CallElementwise(ctx, fmt::format("{}_{}_ref", op, kernel_dtype), params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace

bool Emit_MAXIMUM(EmitContext& ctx, std::string* error) { return EmitMaximumMinimum(ctx, "maximum", error); }
bool Emit_MINIMUM(EmitContext& ctx, std::string* error) { return EmitMaximumMinimum(ctx, "minimum", error); }

}  // namespace mote::aot
