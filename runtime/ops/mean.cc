// MEAN glue: see reduce_glue.h.
#include "runtime/ops/reduce_glue.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) { return PrepareReduceOp(ctx, ReduceKind::kMean); }

}  // namespace

extern const OpKernel kOp_MEAN = {"MEAN", 40, "float32 int8 int16", Prepare, EvalReduceOp};

}  // namespace mote
