// MUL: the glue (runtime/ops/mul.cc) picks the kernel by the output dtype, with both operands
// and the output of that same dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/mul.h"

namespace mote::aot {

bool Emit_MUL(EmitContext& ctx, std::string* error) {
  const DType type = ctx.output(0)->type;
  const char* kernel_dtype = KernelDType(type, {DType::kFloat32, DType::kInt8, DType::kInt16});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const char* ctype = ElementCType(type);
  const auto& p = ctx.params<MulParams>();
  ctx.Include("runtime/kernels/mul.h");
  const std::string params = ctx.Params(
      "MulParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input1_offset", Lit(p.input1_offset)},
       {"input2_offset", Lit(p.input2_offset)}, {"output_offset", Lit(p.output_offset)},
       {"output_multiplier", Lit(p.output_multiplier)}, {"output_shift", Lit(p.output_shift)},
       {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}, {"float_min", Lit(p.float_min)},
       {"float_max", Lit(p.float_max)}});
  CallElementwise(ctx, fmt::format("mul_{}_ref", kernel_dtype), params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace mote::aot
