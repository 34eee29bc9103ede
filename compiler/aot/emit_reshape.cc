// RESHAPE, SQUEEZE and EXPAND_DIMS: one byte copy, the shape change is already in the tensors.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/reshape.h"

namespace mote::aot {
namespace {

bool EmitReshapeCopy(EmitContext& ctx) {
  const auto& p = ctx.params<ReshapeParams>();
  ctx.Include("runtime/kernels/reshape.h");
  const std::string params = ctx.Params("ReshapeParams", {{"bytes", Lit(static_cast<int64_t>(p.bytes))}});
  ctx.Call(fmt::format("mote::reshape_ref({}, {}, {});", params, DataOf(ctx, ctx.input(0)),
                       DataOf(ctx, ctx.output(0))));
  return true;
}

}  // namespace

bool Emit_RESHAPE(EmitContext& ctx, std::string*) { return EmitReshapeCopy(ctx); }
bool Emit_SQUEEZE(EmitContext& ctx, std::string*) { return EmitReshapeCopy(ctx); }
bool Emit_EXPAND_DIMS(EmitContext& ctx, std::string*) { return EmitReshapeCopy(ctx); }

}  // namespace mote::aot
