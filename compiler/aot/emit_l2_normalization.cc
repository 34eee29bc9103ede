// L2_NORMALIZATION: one call to the float32 or int8 kernel.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/l2_normalization.h"

namespace mote::aot {

bool Emit_L2_NORMALIZATION(EmitContext& ctx, std::string* error) {
  const auto& p = ctx.params<L2NormParams>();
  const Tensor* in = ctx.input(0);
  const Tensor* out = ctx.output(0);
  KernelDType k;
  if (!KernelDTypeOf(in->type, /*has_int16=*/false, &k)) {
    *error = "no emitter for this dtype";
    return false;
  }
  ctx.Include("runtime/kernels/l2_normalization.h");
  const std::string params = ctx.Params("L2NormParams", {{"outer", Lit(p.outer)},
                                                         {"depth", Lit(p.depth)},
                                                         {"input_zero_point", Lit(p.input_zero_point)}});
  ctx.Call(fmt::format("mote::l2_normalization_{}_ref({}, {}, {});", k.suffix, params, ctx.Data(in, k.ctype),
                       ctx.Data(out, k.ctype)));
  return true;
}

}  // namespace mote::aot
