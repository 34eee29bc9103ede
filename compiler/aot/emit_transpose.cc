// TRANSPOSE: the permutation was resolved on the host into a strided copy view.
#include "compiler/aot/emit_data_helpers.h"
#include "runtime/kernels/transpose.h"

namespace mote::aot {

bool Emit_TRANSPOSE(EmitContext& ctx, std::string*) {
  const auto& p = ctx.params<StridedCopyParams>();
  ctx.Include("runtime/kernels/movement_common.h");
  const std::string params = ctx.Params("StridedCopyParams", StridedCopyFields(p));
  ctx.Call(fmt::format("mote::strided_copy_ref({}, {}, {});", params, DataOf(ctx, ctx.input(0)),
                       DataOf(ctx, ctx.output(0))));
  return true;
}

}  // namespace mote::aot
