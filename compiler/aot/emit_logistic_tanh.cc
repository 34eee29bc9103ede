// LOGISTIC and TANH: float32 and int8 take the prepared LogisticTanhParams; int16 calls the
// table-interpolation element function with just the rescaling pair and the size, exactly as the
// glue (runtime/ops/logistic.cc, tanh.cc) does. The int16 sigmoid table is a constant of the
// kernel itself, so nothing per layer is emitted for it.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/logistic_tanh.h"

namespace mote::aot {
namespace {

bool EmitLogisticTanh(EmitContext& ctx, const char* op, std::string* error) {
  const DType type = ctx.input(0)->type;
  if (type != ctx.output(0)->type) return NoKernelForDType(ctx, error);
  const auto& p = ctx.params<LogisticTanhParams>();
  ctx.Include("runtime/kernels/logistic_tanh.h");
  if (type == DType::kInt16) {
    ctx.Call(fmt::format("mote::{}_s16({}, {}, {}, {}, {});", op, Lit(p.s16.input_multiplier),
                         Lit(p.s16.input_left_shift), Lit(p.size), ctx.Data(ctx.input(0), "int16_t"),
                         ctx.Data(ctx.output(0), "int16_t")));
    return true;
  }
  const char* kernel_dtype = KernelDType(type, {DType::kFloat32, DType::kInt8});
  if (!kernel_dtype) return NoKernelForDType(ctx, error);
  const std::string s16 = fmt::format("{{{}, {}}}", Lit(p.s16.input_multiplier), Lit(p.s16.input_left_shift));
  const std::string params = ctx.Params(
      "LogisticTanhParams",
      {{"size", Lit(p.size)}, {"input_zero_point", Lit(p.input_zero_point)},
       {"input_range_radius", Lit(p.input_range_radius)}, {"input_multiplier", Lit(p.input_multiplier)},
       {"input_left_shift", Lit(p.input_left_shift)}, {"s16", s16}});
  const char* ctype = ElementCType(type);
  CallElementwise(ctx, fmt::format("{}_{}_ref", op, kernel_dtype), params, 1, ctype, nullptr, ctype);
  return true;
}

}  // namespace

bool Emit_LOGISTIC(EmitContext& ctx, std::string* error) { return EmitLogisticTanh(ctx, "logistic", error); }
bool Emit_TANH(EmitContext& ctx, std::string* error) { return EmitLogisticTanh(ctx, "tanh", error); }

}  // namespace mote::aot
