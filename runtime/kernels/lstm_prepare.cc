#include "runtime/kernels/activation_s16.h"
#include "runtime/kernels/lstm.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// TFLM's integer LSTM: gate pre-activations are Q3.12, gate outputs Q0.15.
constexpr float kGateInputScale = 1.0f / 4096.0f;
constexpr double kGateOutputScale = 1.0 / 32768.0;

Status CheckVariant(const Tensor* const* in) {
  for (int g = 0; g < kLstmGates; ++g) {
    if (!in[kLstmInputWeights + g] || !in[kLstmRecurrentWeights + g]) {
      return g == kLstmInputGate ? Status(StatusCode::kUnsupported, "CIFG LSTM (no input gate) is not supported")
                                 : Status(StatusCode::kInvalidModel, "LSTM gate weights missing");
    }
    MOTE_ENSURE(in[kLstmBias + g], kInvalidModel, "LSTM gate bias missing");
  }
  for (int i = kLstmPeepholeWeights; i < kLstmPeepholeWeights + 3; ++i)
    MOTE_ENSURE(!in[i], kUnsupported, "peephole LSTM is not supported");
  MOTE_ENSURE(!in[kLstmProjectionWeights] && !in[kLstmProjectionBias], kUnsupported,
              "projection LSTM is not supported");
  for (int i = kLstmLayerNormWeights; i < kLstmLayerNormWeights + 4; ++i)
    MOTE_ENSURE(!in[i], kUnsupported, "layer-normalised LSTM is not supported");
  MOTE_ENSURE(in[kLstmHiddenState] && in[kLstmCellState], kInvalidModel, "LSTM state tensors missing");
  MOTE_ENSURE(in[kLstmHiddenState]->is_variable && in[kLstmCellState]->is_variable, kInvalidModel,
              "LSTM hidden and cell state must be variable tensors");
  return Status::Ok();
}

Status CheckShapes(const Tensor* const* in, const Tensor& output, LstmParams* p) {
  const Tensor& input = *in[kLstmInput];
  MOTE_ENSURE(input.shape.rank == 3, kShapeMismatch, "LSTM input must be 3-D");
  p->time_steps = input.shape.dims[p->time_major ? 0 : 1];
  p->batches = input.shape.dims[p->time_major ? 1 : 0];
  p->input_size = input.shape.dims[2];
  const Shape& w = in[kLstmInputWeights + kLstmForgetGate]->shape;
  MOTE_ENSURE(w.rank == 2, kShapeMismatch, "LSTM weights must be 2-D");
  p->units = w.dims[0];
  MOTE_ENSURE(p->units > 0 && p->input_size > 0, kShapeMismatch, "LSTM with no units or no input");
  for (int g = 0; g < kLstmGates; ++g) {
    const Shape& iw = in[kLstmInputWeights + g]->shape;
    const Shape& rw = in[kLstmRecurrentWeights + g]->shape;
    const Shape& b = in[kLstmBias + g]->shape;
    MOTE_ENSURE(iw.rank == 2 && iw.dims[0] == p->units && iw.dims[1] == p->input_size,
                kShapeMismatch, "LSTM input weights must be [units, input]");
    MOTE_ENSURE(rw.rank == 2 && rw.dims[0] == p->units && rw.dims[1] == p->units, kShapeMismatch,
                "LSTM recurrent weights must be [units, units]");
    MOTE_ENSURE(b.rank == 1 && b.dims[0] == p->units, kShapeMismatch, "LSTM bias must be [units]");
  }
  const int64_t state = static_cast<int64_t>(p->batches) * p->units;
  MOTE_ENSURE(in[kLstmHiddenState]->NumElements() == state && in[kLstmCellState]->NumElements() == state,
              kShapeMismatch, "LSTM state size is not batch x units");
  MOTE_ENSURE(output.shape.rank == 3 && output.shape.dims[0] == input.shape.dims[0] &&
                  output.shape.dims[1] == input.shape.dims[1] && output.shape.dims[2] == p->units,
              kShapeMismatch, "LSTM output shape must match the input's with units columns");
  p->rows = p->time_major ? p->batches : 1;
  return Status::Ok();
}

FullyConnectedParams GateFc(const LstmParams& p, int32_t depth) {
  FullyConnectedParams fc;
  fc.batches = p.rows;
  fc.accum_depth = depth;
  fc.output_depth = p.units;
  return fc;
}

Status PrepareFloat(const Tensor* const* in, LstmParams* p) {
  for (int i = 0; i < kLstmInputCount; ++i)
    MOTE_ENSURE(!in[i] || in[i]->type == DType::kFloat32, kUnsupported,
                "float32 LSTM needs float32 weights, biases and state");
  const FloatRange r = FloatActivationRange(0);
  for (int g = 0; g < kLstmGates; ++g) {
    p->input_fc[g] = GateFc(*p, p->input_size);
    p->recurrent_fc[g] = GateFc(*p, p->units);
    p->input_fc[g].float_min = p->recurrent_fc[g].float_min = r.min;
    p->input_fc[g].float_max = p->recurrent_fc[g].float_max = r.max;
  }
  return Status::Ok();
}

// Quantized FC into the Q3.12 gate pre-activation. TFLM reads each tensor's first scale and
// forms the product in float (GetQuantizedConvolutionMultipler).
Status QuantizedGateFc(const LstmParams& p, const Tensor& x, const Tensor& w, int32_t depth,
                       FullyConnectedParams* fc) {
  MOTE_ENSURE(w.q.quantized(), kInvalidModel, "LSTM weights need a scale");
  MOTE_ENSURE(w.q.zero_point >= -128 && w.q.zero_point <= 127, kInvalidModel, "LSTM weight zero point out of range");
  *fc = GateFc(p, depth);
  fc->input_offset = -x.q.zero_point;
  fc->filter_offset = -w.q.zero_point;
  fc->output_offset = 0;
  const double real = static_cast<double>(x.q.scale * w.q.scale) / static_cast<double>(kGateInputScale);
  MOTE_ENSURE(real > 0.0, kInvalidModel, "LSTM scales must be positive");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  MOTE_ENSURE(m.shift < 15, kUnsupported, "LSTM weight scale too large");
  fc->output_multiplier = m.multiplier;
  fc->output_shift = m.shift;
  fc->act_min = -32768;
  fc->act_max = 32767;
  return Status::Ok();
}

Status MulParams(double scale1, double scale2, double output_scale, int32_t output_zp,
                 int32_t qmin, int32_t qmax, LstmMulParams* out) {
  const QuantizedMultiplier m = QuantizeMultiplier(scale1 * scale2 / output_scale);
  // The rescale shifts left by `shift`: beyond 30 the model's scales are nonsensical.
  MOTE_ENSURE(m.shift <= 30, kUnsupported, "LSTM cell or hidden state scale too small");
  LstmMulParams& mul = *out;
  mul.multiplier = m.multiplier;
  mul.shift = m.shift;
  mul.output_offset = output_zp;
  mul.act_min = qmin;
  mul.act_max = qmax;
  return Status::Ok();
}

Status PrepareQuantized(const Tensor* const* in, const LstmOptions& options, LstmParams* p) {
  const Tensor& input = *in[kLstmInput];
  const Tensor& hidden = *in[kLstmHiddenState];
  const Tensor& cell = *in[kLstmCellState];
  const bool s16 = input.type == DType::kInt16;
  const DType bias_type = s16 ? DType::kInt64 : DType::kInt32;
  for (int g = 0; g < kLstmGates; ++g) {
    MOTE_ENSURE(in[kLstmInputWeights + g]->type == DType::kInt8 &&
                    in[kLstmRecurrentWeights + g]->type == DType::kInt8,
                kUnsupported, "quantized LSTM needs int8 weights");
    MOTE_ENSURE(in[kLstmBias + g]->type == bias_type, kUnsupported,
                "quantized LSTM bias must be int32 (int8 input) or int64 (int16 input)");
  }
  MOTE_ENSURE(cell.type == DType::kInt16, kUnsupported, "quantized LSTM needs an int16 cell state");
  MOTE_ENSURE(input.q.quantized() && hidden.q.quantized() && cell.q.quantized(), kInvalidModel,
              "quantized LSTM input and state need a scale");
  const int32_t qmin = s16 ? -32768 : -128;
  const int32_t qmax = s16 ? 32767 : 127;
  if (s16)
    MOTE_ENSURE(input.q.zero_point == 0 && hidden.q.zero_point == 0, kUnsupported,
                "int16 LSTM activations must have zero point 0");
  MOTE_ENSURE(input.q.zero_point >= qmin && input.q.zero_point <= qmax &&
                  hidden.q.zero_point >= qmin && hidden.q.zero_point <= qmax,
              kInvalidModel, "LSTM zero point out of range");

  for (int g = 0; g < kLstmGates; ++g) {
    MOTE_TRY(QuantizedGateFc(*p, input, *in[kLstmInputWeights + g], p->input_size, &p->input_fc[g]));
    MOTE_TRY(QuantizedGateFc(*p, hidden, *in[kLstmRecurrentWeights + g], p->units, &p->recurrent_fc[g]));
  }

  // TFLM rounds log2 of the cell scale and uses it even when the scale is not a power of two.
  int cell_power = 0;
  (void)CheckedLog2(cell.q.scale, &cell_power);
  // Keeps the tanh input rescale within int32 and a valid shift.
  MOTE_ENSURE(cell.q.scale > 0.0f && cell_power >= -42 && cell_power <= 2, kUnsupported,
              "LSTM cell state scale out of range");
  // Cell state to tanh's Q3.12 input: a power-of-two left shift, or x 3 and a right shift.
  const int32_t tanh_shift = 15 + cell_power - 3;
  p->cell_tanh_multiplier = tanh_shift >= 0 ? 0 : 3;
  p->cell_tanh_shift = tanh_shift >= 0 ? tanh_shift : -tanh_shift;
  if (options.cell_clip > 0.0f) {
    const double clip = static_cast<double>(options.cell_clip) / static_cast<double>(cell.q.scale);
    p->quantized_cell_clip = static_cast<int16_t>(Clamp(clip, -32768.0, 32767.0));
  }

  const double cell_scale = static_cast<double>(cell.q.scale);
  MOTE_TRY(MulParams(kGateOutputScale, cell_scale, cell_scale, 0, -32768, 32767, &p->forget_mul));
  MOTE_TRY(MulParams(kGateOutputScale, kGateOutputScale, cell_scale, 0, -32768, 32767, &p->input_mul));
  return MulParams(kGateOutputScale, kGateOutputScale, static_cast<double>(hidden.q.scale),
                   hidden.q.zero_point, qmin, qmax, &p->hidden_mul);
}

}  // namespace

Status PrepareLstm(const Tensor* const* in, const Tensor& output, const LstmOptions& options,
                   LstmParams* p) {
  MOTE_ENSURE(in[kLstmInput], kInvalidModel, "LSTM input missing");
  MOTE_TRY(CheckVariant(in));
  MOTE_ENSURE(options.activation == Activation::kTanh, kUnsupported,
              "LSTM cell activation must be TANH (as in TFLite Micro)");
  MOTE_ENSURE(options.cell_clip >= 0.0f && options.cell_clip <= 3.0e38f, kInvalidModel,
              "LSTM cell_clip must be a finite value >= 0");
  p->time_major = options.time_major;
  p->cell_clip = options.cell_clip;
  MOTE_TRY(CheckShapes(in, output, p));

  const DType type = in[kLstmInput]->type;
  MOTE_ENSURE(in[kLstmHiddenState]->type == type && output.type == type, kUnsupported,
              "LSTM hidden state and output must have the input's dtype");
  if (type == DType::kFloat32) return PrepareFloat(in, p);
  MOTE_ENSURE(type == DType::kInt8 || type == DType::kInt16, kUnsupported,
              "LSTM input must be float32, int8 or int16");
  return PrepareQuantized(in, options, p);
}

size_t LstmScratchBytes(const LstmParams& p, DType input_type) {
  const size_t cell_bytes = input_type == DType::kFloat32 ? 4 : 2;
  return 4 * static_cast<size_t>(p.rows) * p.units * cell_bytes;
}

}  // namespace mote
