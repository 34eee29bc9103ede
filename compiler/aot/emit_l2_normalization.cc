// L2_NORMALIZATION: one call to the float32 or int8 kernel.
#include "compiler/aot/emitter.h"
#include "runtime/kernels/l2_normalization.h"

namespace mote::aot {

bool Emit_L2_NORMALIZATION(EmitContext& ctx, std::string* error) {
  const auto& p = ctx.params<L2NormParams>();
  const Tensor* in = ctx.input(0);
  const Tensor* out = ctx.output(0);
  const char* kernel = nullptr;
  const char* ctype = nullptr;
  switch (in->type) {
    case DType::kFloat32: kernel = "l2_normalization_f32_ref"; ctype = "float"; break;
    case DType::kInt8: kernel = "l2_normalization_s8_ref"; ctype = "int8_t"; break;
    default:
      *error = "no emitter for this dtype";
      return false;
  }
  ctx.Include("runtime/kernels/l2_normalization.h");
  const std::string params = ctx.Params("L2NormParams", {{"outer", Lit(p.outer)},
                                                         {"depth", Lit(p.depth)},
                                                         {"input_zero_point", Lit(p.input_zero_point)}});
  ctx.Call(fmt::format("mote::{}({}, {}, {});", kernel, params, ctx.Data(in, ctype), ctx.Data(out, ctype)));
  return true;
}

}  // namespace mote::aot
