// UNIDIRECTIONAL_SEQUENCE_LSTM emitter. The hidden and cell states (inputs 18, 19) are variable
// tensors: ctx.Data places them in the module's state region, which init() zeroes (int8 hidden
// state to its zero point) as the interpreter's ResetState does. The kernel takes its pointers in
// an LstmData struct; the call builds it as a temporary because arena addresses are not constant
// expressions (a static one would need a run-time constructor).
#include "compiler/aot/emitter.h"
#include "runtime/kernels/lstm.h"

namespace mote::aot {
namespace {

// One gate's FullyConnectedParams as a nested braced initializer; per-channel tables (which the
// LSTM prepare does not produce today) would become const arrays named after `suffix`.
std::string FcLit(EmitContext& ctx, const FullyConnectedParams& p, const std::string& suffix) {
  const size_t n = static_cast<size_t>(p.output_depth);
  const std::string mult =
      p.channel_multipliers ? ctx.Table(suffix + "_multipliers", "int32_t", p.channel_multipliers, n) : "nullptr";
  const std::string shift =
      p.channel_shifts ? ctx.Table(suffix + "_shifts", "int32_t", p.channel_shifts, n) : "nullptr";
  return fmt::format(
      "{{/*batches=*/{}, /*accum_depth=*/{}, /*output_depth=*/{}, /*input_offset=*/{}, /*filter_offset=*/{}, "
      "/*output_offset=*/{}, /*output_multiplier=*/{}, /*output_shift=*/{}, /*channel_multipliers=*/{}, "
      "/*channel_shifts=*/{}, /*act_min=*/{}, /*act_max=*/{}, /*float_min=*/{}, /*float_max=*/{}}}",
      Lit(p.batches), Lit(p.accum_depth), Lit(p.output_depth), Lit(p.input_offset), Lit(p.filter_offset),
      Lit(p.output_offset), Lit(p.output_multiplier), Lit(p.output_shift), mult, shift, Lit(p.act_min),
      Lit(p.act_max), Lit(p.float_min), Lit(p.float_max));
}

std::string GateFcArray(EmitContext& ctx, const FullyConnectedParams* fcs, const char* name) {
  std::string s = "{";
  for (int g = 0; g < kLstmGates; ++g)
    s += fmt::format("{}\n        {}", g ? "," : "", FcLit(ctx, fcs[g], fmt::format("{}{}", name, g)));
  return s + "}";
}

std::string MulLit(const LstmMulParams& m) {
  return fmt::format("{{/*multiplier=*/{}, /*shift=*/{}, /*output_offset=*/{}, /*act_min=*/{}, /*act_max=*/{}}}",
                     Lit(m.multiplier), Lit(m.shift), Lit(m.output_offset), Lit(m.act_min), Lit(m.act_max));
}

std::string LstmParamsObject(EmitContext& ctx, const LstmParams& p) {
  return ctx.Params(
      "LstmParams",
      {{"batches", Lit(p.batches)}, {"time_steps", Lit(p.time_steps)}, {"input_size", Lit(p.input_size)},
       {"units", Lit(p.units)}, {"time_major", Lit(p.time_major)}, {"rows", Lit(p.rows)},
       {"input_fc", GateFcArray(ctx, p.input_fc, "input_fc")},
       {"recurrent_fc", GateFcArray(ctx, p.recurrent_fc, "recurrent_fc")}, {"cell_clip", Lit(p.cell_clip)},
       {"quantized_cell_clip", Lit(static_cast<int32_t>(p.quantized_cell_clip))},
       {"forget_mul", MulLit(p.forget_mul)}, {"input_mul", MulLit(p.input_mul)},
       {"hidden_mul", MulLit(p.hidden_mul)}, {"cell_tanh_multiplier", Lit(p.cell_tanh_multiplier)},
       {"cell_tanh_shift", Lit(p.cell_tanh_shift)}});
}

// The C types of one LstmData variant (lstm.h): activations, weights, bias, cell state.
struct LstmTypes {
  const char* kernel;
  const char* data_struct;
  const char* act;
  const char* weight;
  const char* bias;
  const char* cell;
};

// The four per-gate pointers starting at input slot `first`, as a braced array.
std::string GatePointers(EmitContext& ctx, int first, const char* ctype) {
  std::string s = "{";
  for (int g = 0; g < kLstmGates; ++g) s += (g ? ", " : "") + ctx.Data(ctx.input(first + g), ctype);
  return s + "}";
}

}  // namespace

bool Emit_UNIDIRECTIONAL_SEQUENCE_LSTM(EmitContext& ctx, std::string* error) {
  LstmTypes types;
  switch (ctx.input(kLstmInput)->type) {
    case DType::kFloat32: types = {"lstm_f32_ref", "LstmDataF32", "float", "float", "float", "float"}; break;
    case DType::kInt8: types = {"lstm_s8_ref", "LstmDataS8", "int8_t", "int8_t", "int32_t", "int16_t"}; break;
    case DType::kInt16: types = {"lstm_s16_ref", "LstmDataS16", "int16_t", "int8_t", "int64_t", "int16_t"}; break;
    default:
      *error = "no emitter for this dtype";
      return false;
  }
  // The glue's op data (private to runtime/ops/unidirectional_sequence_lstm.cc) starts with the
  // LstmParams, and its one scratch request is scratch buffer 0.
  if (ctx.node().ctx.num_scratch_ != 1) {
    *error = "expected one scratch buffer from LSTM's prepare";
    return false;
  }
  ctx.Include("runtime/kernels/lstm.h");
  const std::string params = LstmParamsObject(ctx, ctx.params<LstmParams>());
  // One statement per operand: weight arrays are numbered in the order they are first named.
  const std::string input = ctx.Data(ctx.input(kLstmInput), types.act);
  const std::string input_weights = GatePointers(ctx, kLstmInputWeights, types.weight);
  const std::string recurrent_weights = GatePointers(ctx, kLstmRecurrentWeights, types.weight);
  const std::string bias = GatePointers(ctx, kLstmBias, types.bias);
  const std::string data = fmt::format(
      "mote::{}{{\n      /*input=*/{},\n      /*input_weights=*/{},\n      /*recurrent_weights=*/{},\n"
      "      /*bias=*/{},\n      /*hidden=*/{},\n      /*cell=*/{},\n      /*scratch=*/{},\n      /*output=*/{}}}",
      types.data_struct, input, input_weights, recurrent_weights, bias,
      ctx.Data(ctx.input(kLstmHiddenState), types.act), ctx.Data(ctx.input(kLstmCellState), types.cell),
      ctx.Scratch(0, types.cell), ctx.Data(ctx.output(0), types.act));
  ctx.Call(fmt::format("mote::{}({}, {});", types.kernel, params, data));
  return true;
}

}  // namespace mote::aot
