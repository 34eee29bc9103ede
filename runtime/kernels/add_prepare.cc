#include "runtime/kernels/add.h"
#include "runtime/quant.h"

namespace mote {
namespace {

struct AddRescale {
  double input1;
  double input2;
  double output;
};

// TFLM's ADD computes the rescale factors in double; its SUB divides in float first and only
// widens the quotients. The two differ in the last bit of some multipliers, so both are kept.
AddRescale AddRescaleFactors(AddKind kind, float s1, float s2, float so, int32_t left_shift) {
  const float headroom = static_cast<float>(1 << left_shift);
  if (kind == AddKind::kAdd) {
    const double twice_max = 2.0 * static_cast<double>(Max(s1, s2));
    return {static_cast<double>(s1) / twice_max, static_cast<double>(s2) / twice_max,
            twice_max / (static_cast<double>(headroom) * static_cast<double>(so))};
  }
  const float twice_max = 2.0f * Max(s1, s2);
  return {static_cast<double>(s1 / twice_max), static_cast<double>(s2 / twice_max),
          static_cast<double>(twice_max / (headroom * so))};
}

Status PrepareQuantizedAdd(const Tensor& input1, const Tensor& input2, const Tensor& output,
                           const AddOptions& options, AddParams* p) {
  const bool s16 = output.type == DType::kInt16;
  const IntRange type = s16 ? kInt16Range : kInt8Range;
  // int16 inputs: TFLM's debug checks keep |offset| below 32767 (ADD) or at 0 (SUB), which
  // also keeps (q - zero_point) << 15 inside int32.
  IntRange input_zero_points = type;
  if (s16)
    input_zero_points = options.kind == AddKind::kAdd ? IntRange{-32766, 32766} : IntRange{0, 0};
  MOTE_TRY(CheckQuantizedOperand(input1, input_zero_points));
  MOTE_TRY(CheckQuantizedOperand(input2, input_zero_points));
  MOTE_TRY(CheckQuantizedOperand(output, type));

  p->input1_offset = -input1.q.zero_point;
  p->input2_offset = -input2.q.zero_point;
  p->output_offset = output.q.zero_point;
  p->left_shift = s16 ? 15 : 20;
  const AddRescale r = AddRescaleFactors(options.kind, input1.q.scale, input2.q.scale,
                                         output.q.scale, p->left_shift);
  MOTE_TRY(QuantizeSmallerThanOne(r.input1, &p->input1_multiplier, &p->input1_shift));
  MOTE_TRY(QuantizeSmallerThanOne(r.input2, &p->input2_multiplier, &p->input2_shift));
  MOTE_TRY(QuantizeSmallerThanOne(r.output, &p->output_multiplier, &p->output_shift));
  return BinaryQuantizedActivationRange(static_cast<uint8_t>(options.activation), output, type,
                                        &p->act_min, &p->act_max);
}

}  // namespace

Status PrepareAdd(const Tensor& input1, const Tensor& input2, const Tensor& output,
                  const AddOptions& options, AddParams* p) {
  MOTE_ENSURE(input1.type == output.type && input2.type == output.type, kUnsupported,
              "operands and output must have one dtype");
  MOTE_TRY(PrepareBroadcast(input1.shape, input2.shape, output.shape, &p->layout));
  const uint8_t act = static_cast<uint8_t>(options.activation);
  MOTE_TRY(CheckActivation(act));
  switch (output.type) {
    case DType::kFloat32:
      BinaryFloatActivationRange(act, &p->float_min, &p->float_max);
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      return PrepareQuantizedAdd(input1, input2, output, options, p);
    default:
      return Status(StatusCode::kUnsupported, "dtype must be float32, int8 or int16");
  }
}

}  // namespace mote
