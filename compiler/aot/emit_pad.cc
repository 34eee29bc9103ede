// PAD and PADV2: one call to the byte-generic pad kernel. The pad value is PADV2's
// constant_values tensor when present (it may be computed, so it is read at invoke time, as the
// op's Eval does), otherwise the default value baked into the params.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/pad.h"

namespace mote::aot {
namespace {

bool EmitPad(EmitContext& ctx) {
  const auto& p = ctx.params<PadParams>();
  ctx.Include("runtime/kernels/pad.h");
  const std::string params = ctx.Params(
      "PadParams", {{"rank", Lit(p.rank)},
                    {"input_dims", ArrayLit(p.input_dims, kMaxRank)},
                    {"before", ArrayLit(p.before, kMaxRank)},
                    {"after", ArrayLit(p.after, kMaxRank)},
                    {"element_size", Lit(p.element_size)},
                    {"default_value", ArrayLit(p.default_value, sizeof(p.default_value))}});
  const Tensor* constant_values = ctx.input(2);
  const std::string pad_value = constant_values ? DataOf(ctx, constant_values) : params + ".default_value";
  ctx.Call(fmt::format("mote::pad_ref({}, {}, {}, {});", params, DataOf(ctx, ctx.input(0)), pad_value,
                       DataOf(ctx, ctx.output(0))));
  return true;
}

}  // namespace

bool Emit_PAD(EmitContext& ctx, std::string*) { return EmitPad(ctx); }
bool Emit_PADV2(EmitContext& ctx, std::string*) { return EmitPad(ctx); }

}  // namespace mote::aot
