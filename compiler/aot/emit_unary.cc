// The elementwise unary family sharing UnaryParams (runtime/kernels/unary.h): RELU, RELU6,
// LEAKY_RELU, HARD_SWISH, ELU, ABS, NEG, SQRT, RSQRT, QUANTIZE and DEQUANTIZE. Each op's table
// lists the (input, output) dtype pairs its glue in runtime/ops/<op>.cc runs and the kernel it
// calls for them; the params are the prepared struct as a flash constant.
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/unary.h"

namespace mote::aot {
namespace {

struct UnaryKernel {
  DType input;
  DType output;
  const char* name;
  bool returns_status;  // RSQRT int8 fails on negative inputs, as TFLM's Eval does
};

constexpr DType kF32 = DType::kFloat32;
constexpr DType kS8 = DType::kInt8;
constexpr DType kU8 = DType::kUInt8;
constexpr DType kS16 = DType::kInt16;
constexpr DType kS32 = DType::kInt32;

// The int8 ELU table and any other pointer field: PrepareElu filled the persistent table on
// the host, so the module carries its 256 bytes as a flash array. The kernel only reads it; the
// field is non-const because Prepare writes through it.
std::string TableField(EmitContext& ctx, const UnaryParams& p) {
  if (!p.table) return "nullptr";
  return EmitContext::MutablePtr(ctx.Table("table", "int8_t", p.table, kEluTableSize), "int8_t");
}

template <size_t N>
bool EmitUnary(EmitContext& ctx, const UnaryKernel (&kernels)[N], std::string* error) {
  const DType in = ctx.input(0)->type;
  const DType out = ctx.output(0)->type;
  const UnaryKernel* kernel = nullptr;
  for (const UnaryKernel& k : kernels)
    if (k.input == in && k.output == out) kernel = &k;
  if (!kernel) return NoKernelForDType(ctx, error);

  const auto& p = ctx.params<UnaryParams>();
  ctx.Include("runtime/kernels/unary.h");
  const std::string params = ctx.Params(
      "UnaryParams",
      {{"size", Lit(p.size)}, {"input_offset", Lit(p.input_offset)}, {"output_offset", Lit(p.output_offset)},
       {"multiplier", Lit(p.multiplier)}, {"shift", Lit(p.shift)}, {"alt_multiplier", Lit(p.alt_multiplier)},
       {"alt_shift", Lit(p.alt_shift)}, {"act_min", Lit(p.act_min)}, {"act_max", Lit(p.act_max)},
       {"rescale", Lit(p.rescale)}, {"raw", Lit(p.raw)}, {"scale", Lit(p.scale)}, {"alpha", Lit(p.alpha)},
       {"table", TableField(ctx, p)}});
  const std::string call = fmt::format("mote::{}({}, {}, {})", kernel->name, params,
                                       ctx.Data(ctx.input(0), ElementCType(in)),
                                       ctx.Data(ctx.output(0), ElementCType(out)));
  ctx.Call(kernel->returns_status ? fmt::format("MOTE_TRY({});", call) : call + ";");
  return true;
}

constexpr UnaryKernel kRelu[] = {
    {kF32, kF32, "relu_f32_ref", false}, {kS8, kS8, "relu_s8_ref", false}, {kS16, kS16, "relu_s16_ref", false}};
constexpr UnaryKernel kRelu6[] = {
    {kF32, kF32, "relu6_f32_ref", false}, {kS8, kS8, "relu6_s8_ref", false}, {kS16, kS16, "relu6_s16_ref", false}};
constexpr UnaryKernel kLeakyRelu[] = {{kF32, kF32, "leaky_relu_f32_ref", false},
                                      {kS8, kS8, "leaky_relu_s8_ref", false},
                                      {kS16, kS16, "leaky_relu_s16_ref", false}};
constexpr UnaryKernel kHardSwish[] = {{kF32, kF32, "hard_swish_f32_ref", false},
                                      {kS8, kS8, "hard_swish_s8_ref", false}};
constexpr UnaryKernel kElu[] = {{kF32, kF32, "elu_f32_ref", false}, {kS8, kS8, "elu_s8_ref", false}};
constexpr UnaryKernel kAbs[] = {
    {kF32, kF32, "abs_f32_ref", false}, {kS8, kS8, "abs_s8_ref", false}, {kS16, kS16, "abs_s16_ref", false}};
constexpr UnaryKernel kNeg[] = {{kF32, kF32, "neg_f32_ref", false}};
constexpr UnaryKernel kSqrt[] = {{kF32, kF32, "sqrt_f32_ref", false}};
constexpr UnaryKernel kRsqrt[] = {{kF32, kF32, "rsqrt_f32_ref", false}, {kS8, kS8, "rsqrt_s8_ref", true}};
// The quantize kernels are overloaded on the output type; the typed output pointer picks one.
constexpr UnaryKernel kQuantize[] = {
    {kF32, kS8, "quantize_f32_ref", false},  {kF32, kS16, "quantize_f32_ref", false},
    {kS8, kS8, "quantize_s8_ref", false},    {kS8, kU8, "quantize_s8_ref", false},
    {kS8, kS16, "quantize_s8_ref", false},   {kS8, kS32, "quantize_s8_ref", false},
    {kU8, kS8, "quantize_u8_ref", false},    {kS16, kS8, "quantize_s16_ref", false},
    {kS16, kS16, "quantize_s16_ref", false}, {kS16, kS32, "quantize_s16_ref", false},
    {kS32, kS8, "quantize_s32_ref", false},  {kS32, kS16, "quantize_s32_ref", false}};
constexpr UnaryKernel kDequantize[] = {{kS8, kF32, "dequantize_s8_ref", false},
                                       {kU8, kF32, "dequantize_u8_ref", false},
                                       {kS16, kF32, "dequantize_s16_ref", false}};

}  // namespace

bool Emit_RELU(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kRelu, error); }
bool Emit_RELU6(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kRelu6, error); }
bool Emit_LEAKY_RELU(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kLeakyRelu, error); }
bool Emit_HARD_SWISH(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kHardSwish, error); }
bool Emit_ELU(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kElu, error); }
bool Emit_ABS(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kAbs, error); }
bool Emit_NEG(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kNeg, error); }
bool Emit_SQRT(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kSqrt, error); }
bool Emit_RSQRT(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kRsqrt, error); }
bool Emit_QUANTIZE(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kQuantize, error); }
bool Emit_DEQUANTIZE(EmitContext& ctx, std::string* error) { return EmitUnary(ctx, kDequantize, error); }

}  // namespace mote::aot
