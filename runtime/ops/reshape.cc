// RESHAPE glue: input, optional shape tensor (ignored, as in TFLM: the output tensor's own shape
// is authoritative and was resolved by the converter, including any -1).
#include "runtime/kernels/reshape.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE((ctx.num_inputs() == 1 || ctx.num_inputs() == 2) && ctx.num_outputs() == 1,
              kInvalidModel, "expects input, optional shape and one output");
  MOTE_ENSURE(ctx.input(0), kInvalidModel, "missing input");
  const Tensor& output = *ctx.output(0);
  // Old converters wrote a scalar output as shape [0]; that tensor has no room for the value.
  MOTE_ENSURE(!(output.shape.rank == 1 && output.shape.dims[0] == 0 && ctx.input(0)->NumElements() == 1),
              kUnsupported, "legacy [0]-shaped scalar output");
  auto* p = ctx.AllocateParams<ReshapeParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareReshape(*ctx.input(0), output, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  reshape_ref(*ctx.params<ReshapeParams>(), ctx.input(0)->data, ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_RESHAPE = {"RESHAPE", static_cast<int32_t>(tflite::BuiltinOperator::RESHAPE),
                                     "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval, /*in_place_inputs=*/0, /*output_views_input=*/true};

}  // namespace mote
