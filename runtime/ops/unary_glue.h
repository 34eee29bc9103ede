// Glue shared by the elementwise unary ops (relu.cc, abs.cc, quantize.cc, ...): the one-input,
// one-output signature check, the params allocation and the typed kernel call.
#pragma once

#include "runtime/kernels/unary.h"
#include "runtime/op_kernel.h"

namespace mote {

inline Status AllocateUnaryParams(OpContext& ctx, UnaryParams** p) {
  MOTE_ENSURE(ctx.num_inputs() == 1 && ctx.num_outputs() == 1, kInvalidModel,
              "expects one input and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.output(0), kInvalidModel, "missing input");
  *p = ctx.AllocateParams<UnaryParams>();
  MOTE_ENSURE(*p, kArenaTooSmall, "arena too small for params");
  **p = UnaryParams();
  return Status::Ok();
}

// Prepare of the ops whose kernel prepare needs nothing beyond the two tensors.
inline Status PrepareUnaryOp(OpContext& ctx,
                             Status (*prepare)(const Tensor&, const Tensor&, UnaryParams*)) {
  UnaryParams* p = nullptr;
  MOTE_TRY(AllocateUnaryParams(ctx, &p));
  MOTE_TRY(prepare(*ctx.input(0), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

template <typename In, typename Out>
inline Status RunUnary(OpContext& ctx, void (*kernel)(const UnaryParams&, const In*, Out*)) {
  kernel(*ctx.params<UnaryParams>(), ctx.input(0)->Data<In>(), ctx.output(0)->Data<Out>());
  return Status::Ok();
}

// Prepare rejected every other dtype, so reaching this means Eval ran without a successful Prepare.
inline Status UnsupportedUnaryDType() {
  return Status(StatusCode::kInternal, "dtype was not prepared for this op");
}

}  // namespace mote
