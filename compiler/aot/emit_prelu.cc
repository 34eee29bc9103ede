// PRELU: the glue (runtime/ops/prelu.cc) picks the kernel by the output dtype; alpha is int8 for
// both quantized variants (int16 input takes int8 alpha).
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/prelu.h"

namespace mote::aot {

bool Emit_PRELU(EmitContext& ctx, std::string* error) {
  const char* kernel = nullptr;
  const char* alpha_ctype = nullptr;
  switch (ctx.output(0)->type) {
    case DType::kFloat32:
      kernel = "prelu_f32_ref";
      alpha_ctype = "float";
      break;
    case DType::kInt8:
      kernel = "prelu_s8_ref";
      alpha_ctype = "int8_t";
      break;
    case DType::kInt16:
      kernel = "prelu_s16_ref";
      alpha_ctype = "int8_t";
      break;
    default: return NoKernelForDType(ctx, error);
  }
  const char* ctype = ElementCType(ctx.output(0)->type);
  const auto& p = ctx.params<PreluParams>();
  ctx.Include("runtime/kernels/prelu.h");
  const std::string params = ctx.Params(
      "PreluParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input_offset", Lit(p.input_offset)},
       {"alpha_offset", Lit(p.alpha_offset)}, {"output_offset", Lit(p.output_offset)},
       {"positive_multiplier", Lit(p.positive_multiplier)}, {"positive_shift", Lit(p.positive_shift)},
       {"negative_multiplier", Lit(p.negative_multiplier)}, {"negative_shift", Lit(p.negative_shift)},
       {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)}});
  CallElementwise(ctx, kernel, params, 2, ctype, alpha_ctype, ctype);
  return true;
}

}  // namespace mote::aot
