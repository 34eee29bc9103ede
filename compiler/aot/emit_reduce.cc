// MEAN, SUM, REDUCE_MAX and REDUCE_MIN: one call to the (kind, dtype) kernel the op's Eval picks.
// A constant axis tensor was resolved into the params on the host; a computed one is resolved
// on every invoke into a RAM copy of the params, as the op's Eval does.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/ops/reduce_glue.h"

namespace mote::aot {
namespace {

const char* KindEnumerator(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::kMean: return "mote::ReduceKind::kMean";
    case ReduceKind::kSum: return "mote::ReduceKind::kSum";
    case ReduceKind::kMax: return "mote::ReduceKind::kMax";
    case ReduceKind::kMin: return "mote::ReduceKind::kMin";
  }
  return "";
}

const char* KindName(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::kMean: return "mean";
    case ReduceKind::kSum: return "sum";
    case ReduceKind::kMax: return "max";
    case ReduceKind::kMin: return "min";
  }
  return "";
}

std::string ReduceParamsOf(EmitContext& ctx, const ReduceParams& p) {
  return ctx.Params("ReduceParams", {{"kind", KindEnumerator(p.kind)},
                                     {"keep_dims", Lit(p.keep_dims)},
                                     {"axes_resolved", Lit(p.axes_resolved)},
                                     {"rank", Lit(p.rank)},
                                     {"dims", ArrayLit(p.dims, kMaxRank)},
                                     {"output_strides", ArrayLit(p.output_strides, kMaxRank)},
                                     {"num_outputs", Lit(p.num_outputs)},
                                     {"count", Lit(p.count)},
                                     {"input_zero_point", Lit(p.input_zero_point)},
                                     {"output_zero_point", Lit(p.output_zero_point)},
                                     {"sum_multiplier", Lit(p.sum_multiplier)},
                                     {"sum_shift", Lit(p.sum_shift)},
                                     {"mean_multiplier", Lit(p.mean_multiplier)},
                                     {"mean_shift", Lit(p.mean_shift)}});
}

bool EmitReduce(EmitContext& ctx, std::string* error) {
  const auto& data = ctx.params<ReduceOpData>();
  const ReduceParams& p = data.params;
  const Tensor* in = ctx.input(0);
  const Tensor* out = ctx.output(0);
  KernelDType k;
  if (!KernelDTypeOf(in->type, /*has_int16=*/true, &k)) {
    *error = "no emitter for this dtype";
    return false;
  }
  ctx.Include("runtime/kernels/reduce.h");
  // The quantized MEAN and SUM kernels accumulate int32 sums in the scratch buffer.
  const bool takes_scratch = in->type != DType::kFloat32 && (p.kind == ReduceKind::kMean || p.kind == ReduceKind::kSum);
  const std::string scratch = data.scratch >= 0 ? ctx.Scratch(data.scratch, "int32_t") : "nullptr";
  const std::string params = ReduceParamsOf(ctx, p);
  auto call = [&](const std::string& with) {
    return fmt::format("mote::reduce_{}_{}_ref({}, {}, {}{});", KindName(p.kind), k.suffix, with, ctx.Data(in, k.ctype),
                       takes_scratch ? scratch + ", " : "", ctx.Data(out, k.ctype));
  };
  if (ctx.input(1)->is_constant) {
    ctx.Call(call(params));
    return true;
  }
  // Named one by one: their declarations appear in this order.
  const std::string input = ctx.TensorObject(in, "input");
  const std::string axis = ctx.TensorObject(ctx.input(1), "axis");
  const std::string output = ctx.TensorObject(out, "output");
  ctx.Call(fmt::format("{{\n    mote::ReduceParams p = {};\n    MOTE_TRY(mote::ResolveReduceAxes({}, {}, {}, &p));\n    {}\n  }}",
                       params, input, axis, output, call("p")));
  return true;
}

}  // namespace

bool Emit_MEAN(EmitContext& ctx, std::string* error) { return EmitReduce(ctx, error); }
bool Emit_SUM(EmitContext& ctx, std::string* error) { return EmitReduce(ctx, error); }
bool Emit_REDUCE_MAX(EmitContext& ctx, std::string* error) { return EmitReduce(ctx, error); }
bool Emit_REDUCE_MIN(EmitContext& ctx, std::string* error) { return EmitReduce(ctx, error); }

}  // namespace mote::aot
