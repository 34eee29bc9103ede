// REDUCE_MIN glue: see reduce_glue.h.
#include "runtime/ops/reduce_glue.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareReduceOp(ctx, ReduceKind::kMin); }

}  // namespace

extern const OpKernel kOp_REDUCE_MIN = {"REDUCE_MIN", 89, "float32 int8 int16", Prepare, EvalReduceOp};

}  // namespace mote
