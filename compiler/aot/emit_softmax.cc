// SOFTMAX and LOG_SOFTMAX share SoftmaxParams. SOFTMAX int16 reads two 513-entry tables that
// Prepare generated into persistent memory on the host; the module carries them as flash arrays
// (the kernel only reads them; the fields are non-const because Prepare writes through them).
#include "compiler/aot/emit_elementwise.h"
#include "runtime/kernels/softmax.h"

namespace mote::aot {
namespace {

struct SoftmaxKernel {
  DType input;
  DType output;
  const char* name;
};

std::string LutField(EmitContext& ctx, const char* suffix, const int16_t* lut) {
  if (!lut) return "nullptr";
  return EmitContext::MutablePtr(ctx.Table(suffix, "int16_t", lut, kSoftmaxLutSize), "int16_t");
}

template <size_t N>
bool EmitSoftmaxFamily(EmitContext& ctx, const SoftmaxKernel (&kernels)[N], std::string* error) {
  const DType in = ctx.input(0)->type;
  const DType out = ctx.output(0)->type;
  const SoftmaxKernel* kernel = nullptr;
  for (const SoftmaxKernel& k : kernels)
    if (k.input == in && k.output == out) kernel = &k;
  if (!kernel) return NoKernelForDType(ctx, error);

  const auto& p = ctx.params<SoftmaxParams>();
  ctx.Include("runtime/kernels/softmax.h");
  const std::string exp_lut = LutField(ctx, "exp_lut", p.exp_lut);
  const std::string reciprocal_lut = LutField(ctx, "one_over_one_plus_x_lut", p.one_over_one_plus_x_lut);
  const std::string params = ctx.Params(
      "SoftmaxParams",
      {{"outer_size", Lit(p.outer_size)}, {"depth", Lit(p.depth)}, {"beta", Lit(p.beta)},
       {"input_multiplier", Lit(p.input_multiplier)}, {"input_left_shift", Lit(p.input_left_shift)},
       {"diff_min", Lit(p.diff_min)}, {"reverse_scaling_divisor", Lit(p.reverse_scaling_divisor)},
       {"reverse_scaling_right_shift", Lit(p.reverse_scaling_right_shift)}, {"exp_lut", exp_lut},
       {"one_over_one_plus_x_lut", reciprocal_lut}});
  CallElementwise(ctx, kernel->name, params, 1, ElementCType(in), nullptr, ElementCType(out));
  return true;
}

// As the glue (runtime/ops/softmax.cc, log_softmax.cc) dispatches.
constexpr SoftmaxKernel kSoftmax[] = {{DType::kFloat32, DType::kFloat32, "softmax_f32_ref"},
                                      {DType::kInt8, DType::kInt8, "softmax_s8_ref"},
                                      {DType::kInt8, DType::kInt16, "softmax_s8_s16_ref"},
                                      {DType::kInt16, DType::kInt16, "softmax_s16_ref"}};
constexpr SoftmaxKernel kLogSoftmax[] = {{DType::kFloat32, DType::kFloat32, "log_softmax_f32_ref"},
                                         {DType::kInt8, DType::kInt8, "log_softmax_s8_ref"}};

}  // namespace

bool Emit_SOFTMAX(EmitContext& ctx, std::string* error) { return EmitSoftmaxFamily(ctx, kSoftmax, error); }
bool Emit_LOG_SOFTMAX(EmitContext& ctx, std::string* error) { return EmitSoftmaxFamily(ctx, kLogSoftmax, error); }

}  // namespace mote::aot
