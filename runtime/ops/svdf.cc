// SVDF glue: inputs (input, weights_feature, weights_time, optional bias, state), where state is
// a variable tensor the interpreter keeps in persistent memory and this op updates in place.
#include "runtime/kernels/svdf.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

struct SvdfOpData {
  SvdfParams params;
  int scratch = -1;
};

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == 5 && ctx.num_outputs() == 1, kInvalidModel,
              "expects input, weights_feature, weights_time, bias, state and one output");
  const Tensor* input = ctx.input(0);
  const Tensor* weights_feature = ctx.input(1);
  const Tensor* weights_time = ctx.input(2);
  const Tensor* state = ctx.input(4);
  MOTE_ENSURE(input && weights_feature && weights_time && state, kInvalidModel,
              "missing SVDF input, weights or state");
  SvdfOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_SVDFOptions()) {
    options.rank = o->rank();
    options.activation = static_cast<Activation>(o->fused_activation_function());
  }
  auto* data = ctx.AllocateParams<SvdfOpData>();
  MOTE_ENSURE(data, kArenaTooSmall, "arena too small for params");
  *data = SvdfOpData();
  MOTE_TRY(PrepareSvdf(*input, *weights_feature, *weights_time, ctx.input(3), *state,
                       *ctx.output(0), options, &data->params));
  MOTE_TRY(ctx.RequestScratch(SvdfScratchBytes(data->params, input->type), &data->scratch));
  ctx.set_params(data);
  return Status::Ok();
}

Status Eval(OpContext& ctx) {
  const auto& d = *ctx.params<SvdfOpData>();
  const Tensor& input = *ctx.input(0);
  const Tensor& wf = *ctx.input(1);
  const Tensor& wt = *ctx.input(2);
  const Tensor* bias = ctx.input(3);
  Tensor& state = *ctx.input(4);
  Tensor& out = *ctx.output(0);
  void* scratch = ctx.scratch(d.scratch);
  if (input.type == DType::kFloat32) {
    svdf_f32_ref(d.params, input.Data<float>(), wf.Data<float>(), wt.Data<float>(),
                 bias ? bias->Data<float>() : nullptr, state.Data<float>(), scratch, out.Data<float>());
  } else if (wt.type == DType::kInt16) {
    svdf_s8_ref(d.params, input.Data<int8_t>(), wf.Data<int8_t>(), wt.Data<int16_t>(),
                bias ? bias->Data<int32_t>() : nullptr, state.Data<int16_t>(), scratch, out.Data<int8_t>());
  } else {
    svdf_s8_ref(d.params, input.Data<int8_t>(), wf.Data<int8_t>(), wt.Data<int8_t>(),
                bias ? bias->Data<int32_t>() : nullptr, state.Data<int8_t>(), scratch, out.Data<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

extern const OpKernel kOp_SVDF = {"SVDF", 27, "float32 int8", Prepare, Eval};

}  // namespace mote
