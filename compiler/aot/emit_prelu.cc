// PRELU: the glue (runtime/ops/prelu.cc) picks the kernel by the output dtype; alpha is int8 for
// both quantized variants (int16 input takes int8 alpha).
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/prelu.h"

namespace mote::aot {

bool Emit_PRELU(EmitContext& ctx, std::string* error) {
  const DType type = ctx.output(0)->type;
  const char* kernel_dtype = KernelDType(type, {DType::kFloat32, DType::kInt8, DType::kInt16});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const char* ctype = ElementCType(type);
  const char* alpha_ctype = type == DType::kFloat32 ? "float" : "int8_t";
  const auto& p = ctx.params<PreluParams>();
  ctx.Include("runtime/kernels/prelu.h");
  const std::string params = ctx.Params(
      "PreluParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input_offset", Lit(p.input_offset)},
       {"alpha_offset", Lit(p.alpha_offset)}, {"output_offset", Lit(p.output_offset)},
       {"positive_multiplier", Lit(p.positive_multiplier)}, {"positive_shift", Lit(p.positive_shift)},
       {"negative_multiplier", Lit(p.negative_multiplier)}, {"negative_shift", Lit(p.negative_shift)},
       {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}});
  CallElementwise(ctx, fmt::format("prelu_{}_ref", kernel_dtype), params, 2, ctype, alpha_ctype, ctype);
  return true;
}

}  // namespace mote::aot
