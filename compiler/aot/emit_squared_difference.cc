// SQUARED_DIFFERENCE: the glue (runtime/ops/squared_difference.cc) picks the kernel by the output
// dtype, with both operands and the output of that same dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/squared_difference.h"

namespace mote::aot {

bool Emit_SQUARED_DIFFERENCE(EmitContext& ctx, std::string* error) {
  const DType type = ctx.output(0)->type;
  const char* kernel_dtype = KernelDType(type, {DType::kFloat32, DType::kInt8, DType::kInt16});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const char* ctype = ElementCType(type);
  const auto& p = ctx.params<SquaredDifferenceParams>();
  ctx.Include("runtime/kernels/squared_difference.h");
  const std::string params = ctx.Params(
      "SquaredDifferenceParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input1_offset", Lit(p.input1_offset)},
       {"input2_offset", Lit(p.input2_offset)}, {"output_offset", Lit(p.output_offset)},
       {"left_shift", Lit(p.left_shift)}, {"input1_multiplier", Lit(p.input1_multiplier)},
       {"input1_shift", Lit(p.input1_shift)}, {"input2_multiplier", Lit(p.input2_multiplier)},
       {"input2_shift", Lit(p.input2_shift)}, {"output_multiplier", Lit(p.output_multiplier)},
       {"output_shift", Lit(p.output_shift)}, {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}});
  CallElementwise(ctx, fmt::format("squared_difference_{}_ref", kernel_dtype), params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace mote::aot
