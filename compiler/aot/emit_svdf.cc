// SVDF emitter. The state (input 4) is a variable tensor: ctx.Data places it in the module's
// state region, which init() zeroes (int8 to its zero point) as the interpreter's ResetState does,
// and which every invoke() then updates in place.
#include "compiler/aot/emitter.h"
#include "compiler/aot/operands.h"
#include "runtime/kernels/svdf.h"

namespace mote::aot {
namespace {

std::string ActivationLit(Activation a) {
  switch (a) {
    case Activation::kNone: return "mote::Activation::kNone";
    case Activation::kRelu: return "mote::Activation::kRelu";
    case Activation::kReluN1To1: return "mote::Activation::kReluN1To1";
    case Activation::kRelu6: return "mote::Activation::kRelu6";
    case Activation::kTanh: return "mote::Activation::kTanh";
    case Activation::kSignBit: return "mote::Activation::kSignBit";
  }
  return fmt::format("static_cast<mote::Activation>({})", static_cast<int>(a));
}

}  // namespace

bool Emit_SVDF(EmitContext& ctx, std::string* error) {
  // The glue's op data (private to runtime/ops/svdf.cc) starts with the SvdfParams, and its one
  // scratch request is scratch buffer 0 (raw bytes: filter results, then integer unit sums).
  const auto& p = ctx.params<SvdfParams>();
  if (ctx.node().ctx.num_scratch_ != 1) {
    *error = "expected one scratch buffer from SVDF's prepare";
    return false;
  }
  const Tensor* input = ctx.input(0);
  const Tensor* weights_time = ctx.input(2);
  const char* state_type = nullptr;
  const char* kernel = "svdf_s8_ref";
  const char* io_type = "int8_t";
  const char* bias_type = "int32_t";
  if (input->type == DType::kFloat32) {
    state_type = io_type = bias_type = "float";
    kernel = "svdf_f32_ref";
  } else if (input->type == DType::kInt8) {
    state_type = weights_time->type == DType::kInt16 ? "int16_t" : "int8_t";
  } else {
    *error = "no emitter for this dtype";
    return false;
  }
  ctx.Include("runtime/kernels/svdf.h");
  const std::string params = ctx.Params(
      "SvdfParams",
      {{"batches", Lit(p.batches)}, {"input_size", Lit(p.input_size)}, {"filters", Lit(p.filters)},
       {"units", Lit(p.units)}, {"rank", Lit(p.rank)}, {"memory", Lit(p.memory)},
       {"activation", ActivationLit(p.activation)}, {"input_zero_point", Lit(p.input_zero_point)},
       {"state_zero_point", Lit(p.state_zero_point)}, {"output_zero_point", Lit(p.output_zero_point)},
       {"multiplier1", Lit(p.multiplier1)}, {"shift1", Lit(p.shift1)}, {"multiplier2", Lit(p.multiplier2)},
       {"shift2", Lit(p.shift2)}});
  const std::string operands = Operands(ctx, {{input, io_type},
                                              {ctx.input(1), io_type},
                                              {weights_time, state_type},
                                              {ctx.input(3), bias_type},
                                              {ctx.input(4), state_type}});
  ctx.Call(fmt::format("mote::{}({}, {}, {}, {});", kernel, params, operands, ctx.Scratch(0, "uint8_t"),
                       ctx.Data(ctx.output(0), io_type)));
  return true;
}

}  // namespace mote::aot
