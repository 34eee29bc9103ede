// CONCATENATION and PACK join tensors, SPLIT, SPLIT_V and UNPACK cut one apart: all five are one
// call with ConcatSplitParams, whose per-piece byte counts become a flash table. The part
// tensors' addresses are gathered in a local array, as the ops' Eval does.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/concatenation.h"
#include "runtime/kernels/split.h"

namespace mote::aot {
namespace {

std::string ConcatSplitParamsOf(EmitContext& ctx) {
  const auto& p = ctx.params<ConcatSplitParams>();
  const std::string pieces = ctx.Table("piece_bytes", "int64_t", p.piece_bytes, p.num_pieces);
  return ctx.Params("ConcatSplitParams", {{"outer", Lit(p.outer)},
                                          {"num_pieces", Lit(p.num_pieces)},
                                          {"piece_bytes", EmitContext::MutablePtr(pieces, "int64_t")}});
}

// `{a, b, c}`: the data expressions of `count` tensors got by `tensor(i)`.
template <typename Get>
std::string DataList(EmitContext& ctx, int count, Get tensor) {
  std::string s = "{";
  for (int i = 0; i < count; ++i) s += (i ? ", " : "") + DataOf(ctx, tensor(i));
  return s + "}";
}

bool EmitJoin(EmitContext& ctx) {
  ctx.Include("runtime/kernels/concatenation.h");
  const std::string params = ConcatSplitParamsOf(ctx);
  const int n = ctx.node().ctx.num_inputs();
  const std::string inputs = DataList(ctx, n, [&](int i) { return ctx.input(i); });
  ctx.Call(fmt::format("{{\n    const void* const inputs[{}] = {};\n    mote::concatenation_ref({}, inputs, {});\n  }}", n,
                       inputs, params, DataOf(ctx, ctx.output(0))));
  return true;
}

// SPLIT's data input is its second (the first is the axis); SPLIT_V and UNPACK have it first.
bool EmitCut(EmitContext& ctx, int data_input) {
  ctx.Include("runtime/kernels/split.h");
  const std::string params = ConcatSplitParamsOf(ctx);
  const int n = ctx.node().ctx.num_outputs();
  const std::string outputs = DataList(ctx, n, [&](int i) { return ctx.output(i); });
  ctx.Call(fmt::format("{{\n    void* const outputs[{}] = {};\n    mote::split_ref({}, {}, outputs);\n  }}", n, outputs,
                       params, DataOf(ctx, ctx.input(data_input))));
  return true;
}

}  // namespace

bool Emit_CONCATENATION(EmitContext& ctx, std::string*) { return EmitJoin(ctx); }
bool Emit_PACK(EmitContext& ctx, std::string*) { return EmitJoin(ctx); }
bool Emit_SPLIT(EmitContext& ctx, std::string*) { return EmitCut(ctx, 1); }
bool Emit_SPLIT_V(EmitContext& ctx, std::string*) { return EmitCut(ctx, 0); }
bool Emit_UNPACK(EmitContext& ctx, std::string*) { return EmitCut(ctx, 0); }

}  // namespace mote::aot
