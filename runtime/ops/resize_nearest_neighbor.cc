// RESIZE_NEAREST_NEIGHBOR glue: input and constant size; any dtype (it only copies pixels).
#include "runtime/kernels/resize_common.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, size and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or size");
  ResizeOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_ResizeNearestNeighborOptions()) {
    options.align_corners = o->align_corners();
    options.half_pixel_centers = o->half_pixel_centers();
  }
  auto* p = ctx.AllocateParams<ResizeParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareResize(*ctx.input(0), *ctx.input(1), *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  resize_nearest_neighbor_ref(*ctx.params<ResizeParams>(), ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_RESIZE_NEAREST_NEIGHBOR = {
    "RESIZE_NEAREST_NEIGHBOR", static_cast<int32_t>(tflite::BuiltinOperator::RESIZE_NEAREST_NEIGHBOR),
    "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
