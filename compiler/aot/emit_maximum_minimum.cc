// MAXIMUM and MINIMUM: one shared MaximumMinimumParams (just the broadcast layout); the glue
// (runtime/ops/maximum_minimum.cc) picks the kernel by the output dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/maximum_minimum.h"

namespace mote::aot {
namespace {

bool EmitMaximumMinimum(EmitContext& ctx, const char* op, std::string* error) {
  const char* suffix = nullptr;
  switch (ctx.output(0)->type) {
    case DType::kFloat32: suffix = "f32"; break;
    case DType::kInt8: suffix = "s8"; break;
    case DType::kInt16: suffix = "s16"; break;
    case DType::kInt32: suffix = "s32"; break;
    case DType::kInt64: suffix = "s64"; break;
    default: return NoKernelForDType(ctx, error);
  }
  const char* ctype = ElementCType(ctx.output(0)->type);
  const auto& p = ctx.params<MaximumMinimumParams>();
  ctx.Include("runtime/kernels/maximum_minimum.h");
  const std::string params = ctx.Params("MaximumMinimumParams", {{"layout", BroadcastLayoutLit(p.layout)}});
  CallElementwise(ctx, fmt::format("{}_{}_ref", op, suffix), params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace

bool Emit_MAXIMUM(EmitContext& ctx, std::string* error) { return EmitMaximumMinimum(ctx, "maximum", error); }
bool Emit_MINIMUM(EmitContext& ctx, std::string* error) { return EmitMaximumMinimum(ctx, "minimum", error); }

}  // namespace mote::aot
