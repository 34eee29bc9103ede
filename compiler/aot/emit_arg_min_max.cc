// ARG_MAX and ARG_MIN: one call to the float32 or int8 search. A constant axis was resolved on
// the host; a computed one is resolved on every invoke, as the ops' Eval does.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/ops/arg_min_max_glue.h"

namespace mote::aot {
namespace {

// `which` is "max" or "min".
bool EmitArgSearch(EmitContext& ctx, const char* which, std::string* error) {
  const auto& data = ctx.params<ArgMinMaxOpData>();
  const Tensor* in = ctx.input(0);
  const Tensor* out = ctx.output(0);
  KernelDType k;
  if (!KernelDTypeOf(in->type, /*has_int16=*/false, &k)) {
    *error = "no emitter for this dtype";
    return false;
  }
  ctx.Include("runtime/kernels/arg_min_max.h");
  auto call = [&](const std::string& params) {
    return fmt::format("mote::arg_{}_{}_ref({}, {}, {});", which, k.suffix, params, ctx.Data(in, k.ctype),
                       ctx.Data(out, "int32_t"));
  };
  if (data.resolved) {
    const ArgMinMaxParams& p = data.params;
    ctx.Call(call(ctx.Params("ArgMinMaxParams",
                             {{"outer", Lit(p.outer)}, {"axis_size", Lit(p.axis_size)}, {"inner", Lit(p.inner)}})));
    return true;
  }
  // Named one by one: their declarations appear in this order.
  const std::string input = ctx.TensorObject(in, "input");
  const std::string axis = ctx.TensorObject(ctx.input(1), "axis");
  const std::string output = ctx.TensorObject(out, "output");
  ctx.Call(fmt::format("{{\n    mote::ArgMinMaxParams p;\n    MOTE_TRY(mote::ResolveArgMinMaxAxis({}, {}, {}, &p));\n    {}\n  }}",
                       input, axis, output, call("p")));
  return true;
}

}  // namespace

bool Emit_ARG_MAX(EmitContext& ctx, std::string* error) { return EmitArgSearch(ctx, "max", error); }
bool Emit_ARG_MIN(EmitContext& ctx, std::string* error) { return EmitArgSearch(ctx, "min", error); }

}  // namespace mote::aot
