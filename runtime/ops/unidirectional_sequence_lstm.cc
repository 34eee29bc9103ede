// UNIDIRECTIONAL_SEQUENCE_LSTM glue: the 24 TFLite inputs (see LstmInput), options from the
// flatbuffer. Hidden and cell state are variable tensors updated in place.
#include "runtime/kernels/lstm.h"
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

struct LstmOpData {
  LstmParams params;
  int scratch = -1;
};

Status Prepare(OpContext& ctx) {
  MOTE_ENSURE(ctx.num_inputs() == kLstmInputCount && ctx.num_outputs() == 1, kInvalidModel,
              "expects 24 inputs and one output");
  const Tensor* inputs[kLstmInputCount];
  for (int i = 0; i < kLstmInputCount; ++i) inputs[i] = ctx.input(i);
  LstmOptions options;
  if (const auto* o = ctx.op()->builtin_options_as_UnidirectionalSequenceLSTMOptions()) {
    options.activation = static_cast<Activation>(o->fused_activation_function());
    options.cell_clip = o->cell_clip();
    options.time_major = o->time_major();
  } else {
    options.activation = Activation::kNone;  // TFLite's default: rejected below
  }
  auto* data = ctx.AllocateParams<LstmOpData>();
  MOTE_ENSURE(data, kArenaTooSmall, "arena too small for params");
  *data = LstmOpData();
  MOTE_TRY(PrepareLstm(inputs, *ctx.output(0), options, &data->params));
  MOTE_TRY(ctx.RequestScratch(LstmScratchBytes(data->params, inputs[kLstmInput]->type), &data->scratch));
  ctx.set_params(data);
  return Status::Ok();
}

template <typename Data>
Data Gather(OpContext& ctx, int scratch) {
  Data d;
  using Act = typename Data::Act;
  d.input = ctx.input(kLstmInput)->Data<Act>();
  for (int g = 0; g < kLstmGates; ++g) {
    d.input_weights[g] = ctx.input(kLstmInputWeights + g)->Data<typename Data::Weight>();
    d.recurrent_weights[g] = ctx.input(kLstmRecurrentWeights + g)->Data<typename Data::Weight>();
    d.bias[g] = ctx.input(kLstmBias + g)->Data<typename Data::Bias>();
  }
  d.hidden = ctx.input(kLstmHiddenState)->Data<Act>();
  d.cell = ctx.input(kLstmCellState)->Data<typename Data::Cell>();
  d.scratch = static_cast<typename Data::Cell*>(ctx.scratch(scratch));
  d.output = ctx.output(0)->Data<Act>();
  return d;
}

Status Eval(OpContext& ctx) {
  const auto& op = *ctx.params<LstmOpData>();
  switch (ctx.input(kLstmInput)->type) {
    case DType::kFloat32:
      lstm_f32_ref(op.params, Gather<LstmDataF32>(ctx, op.scratch));
      return Status::Ok();
    case DType::kInt8:
      lstm_s8_ref(op.params, Gather<LstmDataS8>(ctx, op.scratch));
      return Status::Ok();
    case DType::kInt16:
      lstm_s16_ref(op.params, Gather<LstmDataS16>(ctx, op.scratch));
      return Status::Ok();
    default:
      return Status(StatusCode::kUnsupported, "dtype");
  }
}

}  // namespace

extern const OpKernel kOp_UNIDIRECTIONAL_SEQUENCE_LSTM = {"UNIDIRECTIONAL_SEQUENCE_LSTM", 44,
                                                          "float32 int8 int16x8", Prepare, Eval};

}  // namespace mote
