// Glue shared by ARG_MAX and ARG_MIN: inputs (input, axis). The options' output_type is not
// read: the output tensor's dtype decides, and only int32 is supported (as in TFLM).
#pragma once

#include "runtime/kernels/arg_min_max.h"
#include "runtime/op_kernel.h"

namespace mote {

struct ArgMinMaxOpData {
  ArgMinMaxParams params;
  bool resolved = false;
};

inline Status PrepareArgMinMaxOp(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "ARG_MAX/ARG_MIN expect input, axis and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or axis");
  auto* data = ctx.AllocateParams<ArgMinMaxOpData>();
  MOTE_ENSURE(data, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareArgMinMax(*ctx.input(0), *ctx.input(1), *ctx.output(0), &data->params,
                            &data->resolved));
  ctx.set_params(data);
  return Status::Ok();
}

// Resolves a non-constant axis and returns the params to run with.
inline Status ArgMinMaxEvalParams(OpContext& ctx, const ArgMinMaxParams** params) {
  auto& data = *ctx.params<ArgMinMaxOpData>();
  if (!data.resolved) MOTE_TRY(ResolveArgMinMaxAxis(*ctx.input(0), *ctx.input(1), *ctx.output(0), &data.params));
  *params = &data.params;
  return Status::Ok();
}

}  // namespace mote
