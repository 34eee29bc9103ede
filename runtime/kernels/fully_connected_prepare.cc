#include "runtime/kernels/fully_connected.h"
#include "runtime/quant.h"

namespace mote {

int32_t FullyConnectedChannels(const Tensor& filter) {
  return filter.q.per_channel() ? filter.q.num_channels : 0;
}

Status PrepareFullyConnected(const Tensor& input, const Tensor& filter, const Tensor* bias,
                             const Tensor& output, const FullyConnectedOptions& options,
                             FullyConnectedParams* p, int32_t* multipliers, int32_t* shifts) {
  MOTE_ENSURE(filter.shape.rank == 2, kShapeMismatch, "filter must be 2-D [out, depth]");
  p->output_depth = filter.shape.dims[0];
  p->accum_depth = filter.shape.dims[1];
  MOTE_ENSURE(p->accum_depth > 0, kShapeMismatch, "filter depth is 0");
  MOTE_ENSURE(input.NumElements() % p->accum_depth == 0, kShapeMismatch,
              "input size is not a multiple of the filter depth");
  p->batches = static_cast<int32_t>(input.NumElements() / p->accum_depth);
  MOTE_ENSURE(output.NumElements() == static_cast<int64_t>(p->batches) * p->output_depth,
              kShapeMismatch, "output size is not batches x filter rows");
  MOTE_ENSURE(output.shape.Dim(-1) == p->output_depth, kShapeMismatch,
              "output's last dimension differs from the filter rows");
  if (bias) MOTE_ENSURE(bias->NumElements() == p->output_depth, kShapeMismatch, "bias size differs from the filter rows");
  const uint8_t act = static_cast<uint8_t>(options.activation);

  if (input.type == DType::kFloat32) {
    MOTE_ENSURE(filter.type == DType::kFloat32 && output.type == DType::kFloat32 &&
                    (!bias || bias->type == DType::kFloat32),
                kUnsupported, "float32 input needs float32 filter, bias and output");
    const FloatRange r = FloatActivationRange(act);
    p->float_min = r.min;
    p->float_max = r.max;
    return Status::Ok();
  }

  const bool s8 = input.type == DType::kInt8;
  const bool s16 = input.type == DType::kInt16;
  MOTE_ENSURE(s8 || s16, kUnsupported, "input dtype must be float32, int8 or int16");
  MOTE_ENSURE(filter.type == DType::kInt8, kUnsupported, "quantized FULLY_CONNECTED needs an int8 filter");
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  if (bias)
    MOTE_ENSURE(bias->type == (s8 ? DType::kInt32 : DType::kInt64), kUnsupported,
                "bias must be int32 (int8 input) or int64 (int16 input)");
  MOTE_ENSURE(input.q.quantized() && filter.q.quantized() && output.q.quantized(), kInvalidModel,
              "quantized tensors need a scale");
  if (s16) MOTE_ENSURE(input.q.zero_point == 0 && output.q.zero_point == 0, kUnsupported,
                       "int16 activations must have zero point 0");
  p->input_offset = -input.q.zero_point;
  p->filter_offset = -filter.q.zero_point;
  p->output_offset = output.q.zero_point;

  // TFLM computes the per-tensor multiplier from a float product, and per-channel ones in double.
  const double per_tensor = static_cast<double>(input.q.scale * filter.q.scale) /
                            static_cast<double>(output.q.scale);
  const QuantizedMultiplier m = QuantizeMultiplier(per_tensor);
  p->output_multiplier = m.multiplier;
  p->output_shift = m.shift;
  if (filter.q.per_channel()) {
    MOTE_ENSURE(filter.q.axis == 0 && filter.q.num_channels == p->output_depth, kUnsupported,
                "per-channel filter must be quantized along the output rows");
    MOTE_ENSURE(multipliers && shifts, kInternal, "no per-channel storage");
    for (int32_t c = 0; c < p->output_depth; ++c) {
      const double scale = static_cast<double>(input.q.scale) *
                           static_cast<double>(filter.q.channel_scales[c]) /
                           static_cast<double>(output.q.scale);
      const QuantizedMultiplier cm = QuantizeMultiplier(scale);
      MOTE_ENSURE(cm.shift <= 30, kUnsupported, "requantization multiplier too large");
      multipliers[c] = cm.multiplier;
      shifts[c] = cm.shift;
    }
    p->channel_multipliers = multipliers;
    p->channel_shifts = shifts;
  } else {
    // A larger left shift is not a valid int32 shift (a hostile scale), as in CONV_2D.
    MOTE_ENSURE(m.shift <= 30, kUnsupported, "requantization multiplier too large");
    p->channel_multipliers = nullptr;
    p->channel_shifts = nullptr;
  }
  const ActivationRange r = s8 ? QuantizedActivationRange(act, output.q.scale, output.q.zero_point, -128, 127)
                               : QuantizedActivationRange(act, output.q.scale, output.q.zero_point, -32768, 32767);
  p->act_min = r.min;
  p->act_max = r.max;
  return Status::Ok();
}

void FoldFullyConnectedS8Bias(const FullyConnectedParams& p, const int8_t* filter, const int32_t* bias,
                              int32_t* folded_bias) {
  for (int32_t o = 0; o < p.output_depth; ++o) {
    uint32_t sum = 0;  // wrapping, as the kernels' int32 sums
    for (int32_t d = 0; d < p.accum_depth; ++d) sum += static_cast<uint32_t>(filter[o * p.accum_depth + d]);
    const uint32_t offset_term = sum * static_cast<uint32_t>(p.input_offset);
    folded_bias[o] = WrappingAdd(bias ? bias[o] : 0, static_cast<int32_t>(offset_term));
  }
}

}  // namespace mote
