#include "compiler/aot/emitter.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/fully_connected_dispatch.h"

namespace mote::aot {

bool Emit_FULLY_CONNECTED(EmitContext& ctx, std::string* error) {
  const auto& p = ctx.params<FullyConnectedParams>();
  ctx.Include("runtime/kernels/fully_connected.h");
  const int n = p.output_depth;
  const std::string mult = p.channel_multipliers ? ctx.Table("multipliers", "int32_t", p.channel_multipliers, n) : "nullptr";
  const std::string shift = p.channel_shifts ? ctx.Table("shifts", "int32_t", p.channel_shifts, n) : "nullptr";
  const std::string params = ctx.Params(
      "FullyConnectedParams",
      {{"batches", Lit(p.batches)}, {"accum_depth", Lit(p.accum_depth)}, {"output_depth", Lit(p.output_depth)},
       {"input_offset", Lit(p.input_offset)}, {"filter_offset", Lit(p.filter_offset)},
       {"output_offset", Lit(p.output_offset)}, {"output_multiplier", Lit(p.output_multiplier)},
       {"output_shift", Lit(p.output_shift)}, {"channel_multipliers", mult},
       {"channel_shifts", shift}, {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)},
       {"float_min", Lit(p.float_min)}, {"float_max", Lit(p.float_max)},
       {"scratch_index", Lit(static_cast<int32_t>(p.scratch_index))}});
  const Tensor* bias = ctx.input(2);
  switch (ctx.input(0)->type) {
    case DType::kFloat32:
      ctx.Call(fmt::format("mote::fully_connected_f32_ref({}, {}, {}, {}, {});", params, ctx.Data(ctx.input(0), "float"),
                           ctx.Data(ctx.input(1), "float"), ctx.Data(bias, "float"), ctx.Data(ctx.output(0), "float")));
      return true;
    case DType::kInt8: {
      // The target's kernel (fully_connected_dispatch.h); only the DSP one takes a scratch buffer.
      const FullyConnectedS8Kernel kernel = SelectFullyConnectedS8(p, ctx.isa());
      const std::string operands = fmt::format("{}, {}, {}, {}", ctx.Data(ctx.input(0), "int8_t"), ctx.Data(ctx.input(1), "int8_t"),
                                               ctx.Data(bias, "int32_t"), ctx.Data(ctx.output(0), "int8_t"));
      const std::string scratch = p.scratch_index >= 0 ? ", " + ctx.Scratch(p.scratch_index, "void") :
                                  kernel == FullyConnectedS8Kernel::kDsp ? ", nullptr" : "";
      ctx.Call(fmt::format("mote::{}({}, {}{});", FullyConnectedS8KernelName(p, ctx.isa()), params, operands, scratch));
      return true;
    }
    case DType::kInt16:
      ctx.Call(fmt::format("mote::fully_connected_s16_ref({}, {}, {}, {}, {});", params,
                           ctx.Data(ctx.input(0), "int16_t"), ctx.Data(ctx.input(1), "int8_t"), ctx.Data(bias, "int64_t"),
                           ctx.Data(ctx.output(0), "int16_t")));
      return true;
    default:
      *error = "no emitter for this dtype";
      return false;
  }
}

}  // namespace mote::aot
