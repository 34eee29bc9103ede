// REDUCE_MAX glue: see reduce_glue.h.
#include "runtime/ops/reduce_glue.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareReduceOp(ctx, ReduceKind::kMax); }

}  // namespace

extern const OpKernel kOp_REDUCE_MAX = {"REDUCE_MAX", 82, "float32 int8 int16", Prepare, EvalReduceOp};

}  // namespace mote
