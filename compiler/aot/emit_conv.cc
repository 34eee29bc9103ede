// Emitters for the convolution family (CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV): they share
// ConvParams, so one helper writes it; each op then calls the kernel its glue in runtime/ops/
// picks for the input dtype, with the same pointer types.
#include "compiler/aot/emitter.h"
#include "compiler/aot/operands.h"
#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/conv2d_dispatch.h"
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/depthwise_conv2d_dispatch.h"
#include "runtime/kernels/transpose_conv.h"

namespace mote::aot {
namespace {

// The layer's ConvParams in flash. Quantized ops carry output_depth per-channel multipliers and
// shifts in host memory: they become const tables, and the params' non-const pointer fields
// point at them (the kernels only read them).
std::string ConvParamsObject(EmitContext& ctx) {
  const auto& p = ctx.params<ConvParams>();
  const size_t n = static_cast<size_t>(p.output_depth);
  const std::string mult =
      p.channel_multipliers ? ctx.Table("multipliers", "int32_t", p.channel_multipliers, n) : "nullptr";
  const std::string shift = p.channel_shifts ? ctx.Table("shifts", "int32_t", p.channel_shifts, n) : "nullptr";
  return ctx.Params(
      "ConvParams",
      {{"batches", Lit(p.batches)}, {"input_h", Lit(p.input_h)}, {"input_w", Lit(p.input_w)},
       {"input_depth", Lit(p.input_depth)}, {"filter_h", Lit(p.filter_h)}, {"filter_w", Lit(p.filter_w)},
       {"output_h", Lit(p.output_h)}, {"output_w", Lit(p.output_w)}, {"output_depth", Lit(p.output_depth)},
       {"filter_depth", Lit(p.filter_depth)}, {"groups", Lit(p.groups)},
       {"depth_multiplier", Lit(p.depth_multiplier)}, {"stride_h", Lit(p.stride_h)}, {"stride_w", Lit(p.stride_w)},
       {"dilation_h", Lit(p.dilation_h)}, {"dilation_w", Lit(p.dilation_w)}, {"pad_h", Lit(p.pad_h)},
       {"pad_w", Lit(p.pad_w)}, {"input_offset", Lit(p.input_offset)}, {"output_offset", Lit(p.output_offset)},
       {"channel_multipliers", EmitContext::MutablePtr(mult, "int32_t")},
       {"channel_shifts", EmitContext::MutablePtr(shift, "int32_t")}, {"act_min", Lit(p.act_min)},
       {"act_max", Lit(p.act_max)}, {"float_min", Lit(p.float_min)}, {"float_max", Lit(p.float_max)},
       {"scratch_index", Lit(static_cast<int32_t>(p.scratch_index))},
       {"wide_accumulator", Lit(p.wide_accumulator)}});
}

// The target's int8 kernel for the layer (runtime/kernels/<op>_dispatch.h decides, as on the
// device): the DSP and Helium variants take the scratch buffer Prepare requested after the
// output; the reference and the blocked plain-C++ variant take none.
std::string ConvS8Call(EmitContext& ctx, const char* kernel, const std::string& params, int scratch_index) {
  const std::string operands = Operands(ctx, {{ctx.input(0), "int8_t"}, {ctx.input(1), "int8_t"},
                                              {ctx.input(2), "int32_t"}, {ctx.output(0), "int8_t"}});
  const std::string name = kernel;
  if (name.find("_ref") != std::string::npos || name.find("_blocked") != std::string::npos)
    return fmt::format("mote::{}({}, {});", kernel, params, operands);
  const std::string scratch = scratch_index >= 0 ? ctx.Scratch(scratch_index, "void") : "nullptr";
  return fmt::format("mote::{}({}, {}, {});", kernel, params, operands, scratch);
}

}  // namespace

bool Emit_CONV_2D(EmitContext& ctx, std::string* error) {
  ctx.Include("runtime/kernels/conv2d.h");
  const std::string params = ConvParamsObject(ctx);
  const Tensor* input = ctx.input(0);
  const Tensor* filter = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const Tensor* output = ctx.output(0);
  switch (input->type) {
    case DType::kFloat32:
      ctx.Call(fmt::format("mote::conv2d_f32_ref({}, {});", params,
                           Operands(ctx, {{input, "float"}, {filter, "float"}, {bias, "float"}, {output, "float"}})));
      return true;
    case DType::kInt8:
      ctx.Call(ConvS8Call(ctx, Conv2DS8KernelName(ctx.params<ConvParams>(), ctx.isa()), params,
                          ctx.params<ConvParams>().scratch_index));
      return true;
    case DType::kInt16: {
      // The glue picks the overload by the prepared accumulator width, not by the bias tensor.
      const char* bias_type = ctx.params<ConvParams>().wide_accumulator ? "int64_t" : "int32_t";
      ctx.Call(fmt::format("mote::conv2d_s16_ref({}, {});", params,
                           Operands(ctx, {{input, "int16_t"}, {filter, "int8_t"}, {bias, bias_type, true},
                                          {output, "int16_t"}})));
      return true;
    }
    default:
      *error = "no emitter for this dtype";
      return false;
  }
}

bool Emit_DEPTHWISE_CONV_2D(EmitContext& ctx, std::string* error) {
  ctx.Include("runtime/kernels/depthwise_conv2d.h");
  const std::string params = ConvParamsObject(ctx);
  const Tensor* input = ctx.input(0);
  const Tensor* filter = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const Tensor* output = ctx.output(0);
  switch (input->type) {
    case DType::kFloat32:
      ctx.Call(fmt::format("mote::depthwise_conv2d_f32_ref({}, {});", params,
                           Operands(ctx, {{input, "float"}, {filter, "float"}, {bias, "float"}, {output, "float"}})));
      return true;
    case DType::kInt8:
      ctx.Call(ConvS8Call(ctx, DepthwiseConv2DS8KernelName(ctx.params<ConvParams>(), ctx.isa()), params,
                          ctx.params<ConvParams>().scratch_index));
      return true;
    case DType::kInt16:
      ctx.Call(fmt::format("mote::depthwise_conv2d_s16_ref({}, {});", params,
                           Operands(ctx, {{input, "int16_t"}, {filter, "int8_t"}, {bias, "int64_t"},
                                          {output, "int16_t"}})));
      return true;
    default:
      *error = "no emitter for this dtype";
      return false;
  }
}

bool Emit_TRANSPOSE_CONV(EmitContext& ctx, std::string* error) {
  // Inputs: output_shape (not read, as in the glue), filter, input, optional bias.
  constexpr int kFilter = 1, kInput = 2, kBias = 3;
  ctx.Include("runtime/kernels/transpose_conv.h");
  const std::string params = ConvParamsObject(ctx);
  const int scratch = ctx.params<ConvParams>().scratch_index;
  const Tensor* input = ctx.input(kInput);
  const Tensor* filter = ctx.input(kFilter);
  const Tensor* bias = ctx.input(kBias);
  const Tensor* output = ctx.output(0);
  switch (input->type) {
    case DType::kFloat32:
      ctx.Call(fmt::format("mote::transpose_conv_f32_ref({}, {});", params,
                           Operands(ctx, {{input, "float"}, {filter, "float"}, {bias, "float"}, {output, "float"}})));
      return true;
    case DType::kInt8:
      ctx.Call(fmt::format("mote::transpose_conv_s8_ref({}, {}, {});", params,
                           Operands(ctx, {{input, "int8_t"}, {filter, "int8_t"}, {bias, "int32_t"},
                                          {output, "int8_t"}}),
                           ctx.Scratch(scratch, "int32_t")));
      return true;
    case DType::kInt16: {
      const char* bias_type = bias && bias->type == DType::kInt16 ? "int16_t" : "int64_t";
      ctx.Call(fmt::format("mote::transpose_conv_s16_ref({}, {}, {});", params,
                           Operands(ctx, {{input, "int16_t"}, {filter, "int8_t"}, {bias, bias_type, true},
                                          {output, "int16_t"}}),
                           ctx.Scratch(scratch, "int64_t")));
      return true;
    }
    default:
      *error = "no emitter for this dtype";
      return false;
  }
}

}  // namespace mote::aot
