// MUL: the glue (runtime/ops/mul.cc) picks the kernel by the output dtype, with both operands
// and the output of that same dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/mul.h"

namespace mote::aot {

bool Emit_MUL(EmitContext& ctx, std::string* error) {
  const char* ctype = ElementCType(ctx.output(0)->type);
  const char* kernel = nullptr;
  switch (ctx.output(0)->type) {
    case DType::kFloat32: kernel = "mul_f32_ref"; break;
    case DType::kInt8: kernel = "mul_s8_ref"; break;
    case DType::kInt16: kernel = "mul_s16_ref"; break;
    default: return NoKernelForDType(ctx, error);
  }
  const auto& p = ctx.params<MulParams>();
  ctx.Include("runtime/kernels/mul.h");
  const std::string params = ctx.Params(
      "MulParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input1_offset", Lit(p.input1_offset)},
       {"input2_offset", Lit(p.input2_offset)}, {"output_offset", Lit(p.output_offset)},
       {"output_multiplier", Lit(p.output_multiplier)}, {"output_shift", Lit(p.output_shift)},
       {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}, {"float_min", Lit(p.float_min)},
       {"float_max", Lit(p.float_max)}});
  CallElementwise(ctx, kernel, params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace mote::aot
