// Glue shared by AVERAGE_POOL_2D and MAX_POOL_2D: both read Pool2DOptions and prepare the same
// params; only the eval differs.
#pragma once

#include "runtime/kernels/pooling.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {

inline Status PreparePool2DOp(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel,
              "pooling expects one input and one output");
  const Tensor* input = ctx.input(0);
  MOTE_ENSURE(input, kInvalidModel, "missing input");
  // Without options every stride and filter size would be 0, which PreparePool rejects.
  PoolOptions options;
  options.stride_h = options.stride_w = options.filter_h = options.filter_w = 0;
  if (const auto* o = ctx.op()->builtin_options_as_Pool2DOptions()) {
    options.padding = static_cast<Padding>(o->padding());
    options.stride_h = o->stride_h();
    options.stride_w = o->stride_w();
    options.filter_h = o->filter_height();
    options.filter_w = o->filter_width();
    options.activation = static_cast<Activation>(o->fused_activation_function());
  }
  auto* p = ctx.AllocateParams<PoolParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PreparePool(*input, *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

}  // namespace mote
