// SLICE and STRIDED_SLICE: one strided copy. Constant index tensors were resolved into the copy
// view on the host; computed ones are resolved before the copy on every invoke, as the ops'
// Eval does, from tensor objects describing the layer's inputs and output.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/slice.h"

namespace mote::aot {
namespace {

std::string CopyCall(EmitContext& ctx, const std::string& copy) {
  return fmt::format("mote::strided_copy_ref({}, {}, {});", copy, DataOf(ctx, ctx.input(0)),
                     DataOf(ctx, ctx.output(0)));
}

// The copy view baked into flash.
void EmitResolvedCopy(EmitContext& ctx, const SliceParams& p) {
  ctx.Call(CopyCall(ctx, ctx.Params("StridedCopyParams", StridedCopyFields(p.copy))));
}

// `resolve` is the call that fills `copy` from the tensor objects.
void EmitCopyResolvedAtInvoke(EmitContext& ctx, const std::string& resolve) {
  ctx.Call(fmt::format("{{\n    mote::StridedCopyParams copy;\n    MOTE_TRY({});\n    {}\n  }}", resolve,
                       CopyCall(ctx, "copy")));
}

}  // namespace

bool Emit_SLICE(EmitContext& ctx, std::string*) {
  const auto& p = ctx.params<SliceParams>();
  ctx.Include("runtime/kernels/slice.h");
  if (!p.resolve_in_eval) {
    EmitResolvedCopy(ctx, p);
    return true;
  }
  // Named one by one: their declarations appear in this order.
  const std::string input = ctx.TensorObject(ctx.input(0), "input");
  const std::string begin = ctx.TensorObject(ctx.input(1), "begin");
  const std::string size = ctx.TensorObject(ctx.input(2), "size");
  const std::string output = ctx.TensorObject(ctx.output(0), "output");
  EmitCopyResolvedAtInvoke(ctx, fmt::format("mote::ResolveSlice({}, {}, {}, {}, &copy)", input, begin, size, output));
  return true;
}

bool Emit_STRIDED_SLICE(EmitContext& ctx, std::string*) {
  const auto& p = ctx.params<SliceParams>();
  ctx.Include("runtime/kernels/slice.h");
  if (!p.resolve_in_eval) {
    EmitResolvedCopy(ctx, p);
    return true;
  }
  const std::string options = ctx.Params("StridedSliceOptions", {{"begin_mask", Lit(p.options.begin_mask)},
                                                                 {"end_mask", Lit(p.options.end_mask)},
                                                                 {"shrink_axis_mask", Lit(p.options.shrink_axis_mask)}});
  const std::string input = ctx.TensorObject(ctx.input(0), "input");
  const std::string begin = ctx.TensorObject(ctx.input(1), "begin");
  const std::string end = ctx.TensorObject(ctx.input(2), "end");
  const std::string strides = ctx.TensorObject(ctx.input(3), "strides");
  const std::string output = ctx.TensorObject(ctx.output(0), "output");
  EmitCopyResolvedAtInvoke(ctx, fmt::format("mote::ResolveStridedSlice({}, {}, {}, {}, {}, {}, &copy)", input, begin,
                                            end, strides, options, output));
  return true;
}

}  // namespace mote::aot
