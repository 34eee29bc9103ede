// RESIZE_BILINEAR glue: input and constant size; float32 and int8 as in TFLM.
#include "runtime/kernels/resize_common.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 2 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, size and one output");
  MOTE_ENSURE(ctx.input(0) && ctx.input(1), kInvalidModel, "missing input or size");
  const DType type = ctx.input(0)->type;
  MOTE_ENSURE(type == DType::kFloat32 || type == DType::kInt8, kUnsupported,
              "RESIZE_BILINEAR supports float32 and int8");
  ResizeOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_ResizeBilinearOptions()) {
    options.align_corners = o->align_corners();
    options.half_pixel_centers = o->half_pixel_centers();
  }
  MOTE_ENSURE(!(options.align_corners && options.half_pixel_centers), kInvalidModel,
              "align_corners and half_pixel_centers are exclusive");
  auto* p = ctx.AllocateParams<ResizeParams>();
  MOTE_ENSURE(p, kArenaTooSmall, "arena too small for params");
  MOTE_TRY(PrepareResize(*ctx.input(0), *ctx.input(1), *ctx.output(0), options, p));
  ctx.set_params(p);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& p = *ctx.params<ResizeParams>();
  if (ctx.input(0)->type == DType::kFloat32)
    resize_bilinear_f32_ref(p, ctx.input(0)->Data<float>(), ctx.output(0)->Data<float>());
  else
    resize_bilinear_s8_ref(p, ctx.input(0)->Data<int8_t>(), ctx.output(0)->Data<int8_t>());
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_RESIZE_BILINEAR = {"RESIZE_BILINEAR", static_cast<int32_t>(tflite::BuiltinOperator::RESIZE_BILINEAR),
                                             "float32 int8", Prepare, Eval};

}  // namespace mote
