// PAD and PADV2 glue (one file: TFLM registers the same kernel for both): input, constant
// paddings, and for PADV2 an optional scalar constant_values.
#include "runtime/kernels/pad.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE((ctx.num_inputs() == 2 || ctx.num_inputs() == 3) && ctx.num_outputs() == 1,
              kInvalidModel, "expects input, paddings, optional constant_values and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or paddings");
  auto* p = ctx.AllocateParams<PadParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PreparePad(*ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0), p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<PadParams>();
  const Tensor* constant_values = ctx.input(2);
  pad_ref(p, ctx.input(0)->data, constant_values ? constant_values->data : p.default_value,
          ctx.output(0)->data);
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_PAD = {"PAD", static_cast<int32_t>(tflite::BuiltinOperator::PAD),
                                 "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};
extern const OpKernel kOp_PADV2 = {"PADV2", static_cast<int32_t>(tflite::BuiltinOperator::PADV2),
                                   "float32 int8 int16 int32 int64 uint8 bool", Prepare, Eval};

}  // namespace mote
