// ADD and SUB: one shared AddParams; the glue (runtime/ops/add.cc) picks the kernel by the
// output dtype, with both operands and the output of that same dtype.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/add.h"
#include "runtime/kernels/add_dispatch.h"

namespace mote::aot {
namespace {

bool EmitAddSub(EmitContext& ctx, const char* op, std::string* error) {
  const DType type = ctx.output(0)->type;
  const char* kernel_dtype = KernelDType(type, {DType::kFloat32, DType::kInt8, DType::kInt16});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const char* ctype = ElementCType(type);
  const auto& p = ctx.params<AddParams>();
  ctx.Include("runtime/kernels/add.h");
  const std::string params = ctx.Params(
      "AddParams",
      {{"layout", BroadcastLayoutLit(p.layout)}, {"input1_offset", Lit(p.input1_offset)},
       {"input2_offset", Lit(p.input2_offset)}, {"output_offset", Lit(p.output_offset)},
       {"left_shift", Lit(p.left_shift)}, {"input1_multiplier", Lit(p.input1_multiplier)},
       {"input1_shift", Lit(p.input1_shift)}, {"input2_multiplier", Lit(p.input2_multiplier)},
       {"input2_shift", Lit(p.input2_shift)}, {"output_multiplier", Lit(p.output_multiplier)},
       {"output_shift", Lit(p.output_shift)}, {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)},
       {"float_min", Lit(p.float_min)}, {"float_max", Lit(p.float_max)}});
  const AddKind kind = std::string(op) == "add" ? AddKind::kAdd : AddKind::kSub;
  const std::string kernel = type == DType::kInt8 ? AddS8KernelName(p, kind, ctx.isa())
                                                  : fmt::format("{}_{}_ref", op, kernel_dtype);
  CallElementwise(ctx, kernel, params, 2, ctype, ctype, ctype);
  return true;
}

}  // namespace

bool Emit_ADD(EmitContext& ctx, std::string* error) { return EmitAddSub(ctx, "add", error); }
bool Emit_SUB(EmitContext& ctx, std::string* error) { return EmitAddSub(ctx, "sub", error); }

}  // namespace mote::aot
