#include <cstring>
#include <vector>

#include "compiler/aot/emitter.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/fully_connected_dispatch.h"

namespace mote::aot {
namespace {

// Whether the filter and bias are known at compile time, so the kernel can take them prepared.
bool ConstantForm(const Tensor* filter, const Tensor* bias) {
  return filter->is_constant && filter->data && (!bias || (bias->is_constant && bias->data));
}

struct S8Operands {
  std::string filter, bias;
};

// The filter and bias expressions `kernel` takes: the model's own arrays, or arrays prepared here
// (the filter packed in four-row blocks for the DSP rows4 kernel; the bias with the input offset
// folded in for the Helium one).
S8Operands FilterAndBias(EmitContext& ctx, const FullyConnectedParams& p, FullyConnectedS8Kernel kernel) {
  const Tensor* filter = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  if (kernel == FullyConnectedS8Kernel::kDspRows4) {
    std::vector<int8_t> packed(FullyConnectedS8Rows4Bytes(p));
    PackFullyConnectedS8Rows4(p, filter->Data<int8_t>(), packed.data());
    const std::string doc = fmt::format("filter {}x{} in blocks of four rows (PackFullyConnectedS8Rows4)",
                                        p.output_depth, p.accum_depth);
    return {ctx.DerivedWeights("filter_rows4", "int8_t", doc, packed), ctx.Data(bias, "int32_t")};
  }
  if (kernel == FullyConnectedS8Kernel::kMveFolded) {
    std::vector<int32_t> bias_values(static_cast<size_t>(p.output_depth));
    if (bias) std::memcpy(bias_values.data(), bias->data, bias_values.size() * sizeof(int32_t));
    std::vector<int32_t> folded(bias_values.size());
    FoldFullyConnectedS8Bias(p, filter->Data<int8_t>(), bias ? bias_values.data() : nullptr, folded.data());
    const std::string doc = fmt::format("bias + input offset {} x filter row sums (FoldFullyConnectedS8Bias)",
                                        p.input_offset);
    return {ctx.Data(filter, "int8_t"), ctx.DerivedWeights("folded_bias", "int32_t", doc, folded)};
  }
  return {ctx.Data(filter, "int8_t"), ctx.Data(bias, "int32_t")};
}

}  // namespace

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
      // The target's kernel (fully_connected_dispatch.h); the DSP ones take a scratch buffer.
      const FullyConnectedS8Kernel kernel = ConstantForm(ctx.input(1), ctx.input(2))
                                                ? SelectFullyConnectedS8Constant(p, ctx.isa())
                                                : SelectFullyConnectedS8(p, ctx.isa());
      const S8Operands w = FilterAndBias(ctx, p, kernel);
      const std::string operands = fmt::format("{}, {}, {}, {}", ctx.Data(ctx.input(0), "int8_t"), w.filter, w.bias,
                                               ctx.Data(ctx.output(0), "int8_t"));
      const bool dsp = kernel == FullyConnectedS8Kernel::kDsp || kernel == FullyConnectedS8Kernel::kDspRows4;
      const std::string scratch = p.scratch_index >= 0 ? ", " + ctx.Scratch(p.scratch_index, "void") :
                                  dsp ? ", nullptr" : "";
      ctx.Call(fmt::format("mote::{}({}, {}{});", FullyConnectedS8KernelName(kernel), params, operands, scratch));
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
