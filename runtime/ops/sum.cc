// SUM glue: see reduce_glue.h.
#include "runtime/ops/reduce_glue.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareReduceOp(ctx, ReduceKind::kSum); }

}  // namespace

extern const OpKernel kOp_SUM = {"SUM", 74, "float32 int8 int16", Prepare, EvalReduceOp};

}  // namespace mote
