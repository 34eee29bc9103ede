#include <math.h>

#include "runtime/kernels/svdf.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status PrepareQuantized(const Tensor& input, const Tensor& weights_feature,
                        const Tensor& weights_time, const Tensor* bias, const Tensor& state,
                        const Tensor& output, SvdfParams* p) {
  MOTE_ENSURE(weights_feature.type == DType::kInt8, kUnsupported, "int8 SVDF needs int8 weights_feature");
  MOTE_ENSURE(weights_time.type == DType::kInt16 || weights_time.type == DType::kInt8, kUnsupported,
              "int8 SVDF needs int16 or int8 weights_time");
  MOTE_ENSURE(state.type == weights_time.type, kUnsupported,
              "SVDF state dtype must match weights_time");
  MOTE_ENSURE(output.type == DType::kInt8, kUnsupported, "int8 SVDF needs an int8 output");
  if (bias) MOTE_ENSURE(bias->type == DType::kInt32, kUnsupported, "int8 SVDF needs an int32 bias");
  MOTE_ENSURE(input.q.quantized() && weights_feature.q.quantized() && weights_time.q.quantized() &&
                  state.q.quantized() && output.q.quantized(),
              kInvalidModel, "quantized SVDF tensors need a scale");
  const int32_t state_min = state.type == DType::kInt16 ? -32768 : -128;
  const int32_t state_max = state.type == DType::kInt16 ? 32767 : 127;
  MOTE_ENSURE(input.q.zero_point >= -128 && input.q.zero_point <= 127 &&
                  output.q.zero_point >= -128 && output.q.zero_point <= 127 &&
                  state.q.zero_point >= state_min && state.q.zero_point <= state_max,
              kInvalidModel, "SVDF zero point outside its dtype's range");
  if (bias) {
    // TFLM's consistency check of the bias scale (same tolerance).
    const double expected = static_cast<double>(state.q.scale * weights_time.q.scale);
    MOTE_ENSURE(fabs(static_cast<double>(bias->q.scale) - expected) < 1e-5, kInvalidModel,
                "SVDF bias scale differs from state scale x weights_time scale");
  }
  // TFLM forms both effective scales in float and only then widens them to double.
  const float scale1 = input.q.scale * weights_feature.q.scale / state.q.scale;
  const float scale2 = state.q.scale * weights_time.q.scale / output.q.scale;
  MOTE_ENSURE(scale1 > 0.0f && scale2 > 0.0f, kInvalidModel, "SVDF scales must be positive");
  const QuantizedMultiplier m1 = QuantizeMultiplier(static_cast<double>(scale1));
  const QuantizedMultiplier m2 = QuantizeMultiplier(static_cast<double>(scale2));
  // The rescales shift left by `shift`: beyond 30 the model's scales are nonsensical.
  MOTE_ENSURE(m1.shift <= 30 && m2.shift <= 30, kUnsupported, "SVDF scales too far apart");
  p->multiplier1 = m1.multiplier;
  p->shift1 = m1.shift;
  p->multiplier2 = m2.multiplier;
  p->shift2 = m2.shift;
  p->input_zero_point = input.q.zero_point;
  p->state_zero_point = state.q.zero_point;
  p->output_zero_point = output.q.zero_point;
  return Status::Ok();
}

}  // namespace

Status PrepareSvdf(const Tensor& input, const Tensor& weights_feature, const Tensor& weights_time,
                   const Tensor* bias, const Tensor& state, const Tensor& output,
                   const SvdfOptions& options, SvdfParams* p) {
  MOTE_ENSURE(input.shape.rank == 2, kShapeMismatch, "SVDF input must be 2-D [batch, input]");
  MOTE_ENSURE(weights_feature.shape.rank == 2 && weights_time.shape.rank == 2, kShapeMismatch,
              "SVDF weights must be 2-D");
  MOTE_ENSURE(options.rank > 0, kInvalidModel, "SVDF rank must be positive");
  p->batches = input.shape.dims[0];
  p->input_size = input.shape.dims[1];
  p->filters = weights_feature.shape.dims[0];
  p->rank = options.rank;
  MOTE_ENSURE(p->filters % p->rank == 0, kShapeMismatch, "SVDF filter count is not a multiple of rank");
  p->units = p->filters / p->rank;
  p->memory = weights_time.shape.dims[1];
  MOTE_ENSURE(weights_feature.shape.dims[1] == p->input_size, kShapeMismatch,
              "SVDF weights_feature depth differs from the input size");
  MOTE_ENSURE(weights_time.shape.dims[0] == p->filters, kShapeMismatch,
              "SVDF weights_time rows differ from the filter count");
  MOTE_ENSURE(p->memory > 0, kShapeMismatch, "SVDF memory size is 0");
  if (bias) MOTE_ENSURE(bias->NumElements() == p->units, kShapeMismatch, "SVDF bias size differs from units");
  MOTE_ENSURE(state.is_variable, kInvalidModel, "SVDF state (input 4) must be a variable tensor");
  MOTE_ENSURE(state.shape.rank == 2 && state.shape.dims[0] == p->batches &&
                  static_cast<int64_t>(state.shape.dims[1]) ==
                      static_cast<int64_t>(p->memory) * p->filters,
              kShapeMismatch, "SVDF state must be [batch, memory x filters]");
  MOTE_ENSURE(output.shape.rank == 2 && output.shape.dims[0] == p->batches &&
                  output.shape.dims[1] == p->units,
              kShapeMismatch, "SVDF output must be [batch, units]");
  p->activation = options.activation;

  if (input.type == DType::kFloat32) {
    MOTE_ENSURE(weights_feature.type == DType::kFloat32 && weights_time.type == DType::kFloat32 &&
                    state.type == DType::kFloat32 && output.type == DType::kFloat32 &&
                    (!bias || bias->type == DType::kFloat32),
                kUnsupported, "float32 SVDF needs float32 weights, bias, state and output");
    switch (options.activation) {
      case Activation::kNone:
      case Activation::kRelu:
      case Activation::kReluN1To1:
      case Activation::kRelu6:
      case Activation::kTanh:
      case Activation::kSignBit:
        return Status::Ok();
      default:
        return Status(StatusCode::kUnsupported, "SVDF fused activation not supported");
    }
  }
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "SVDF input must be float32 or int8");
  return PrepareQuantized(input, weights_feature, weights_time, bias, state, output, p);
}

size_t SvdfScratchBytes(const SvdfParams& p, DType input_type) {
  const size_t filter_results = static_cast<size_t>(p.batches) * p.filters * 4;  // float or int32
  if (input_type == DType::kFloat32) return filter_results;
  return filter_results + static_cast<size_t>(p.batches) * p.units * 4;
}

}  // namespace mote
