#include "runtime/kernels/squared_difference.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status PrepareQuantizedSquaredDifference(const Tensor& input1, const Tensor& input2,
                                         const Tensor& output, SquaredDifferenceParams* p) {
  const bool s16 = output.type == DType::kInt16;
  const IntRange type = s16 ? kInt16Range : kInt8Range;
  const IntRange zero_points = s16 ? IntRange{0, 0} : kInt8Range;
  MOTE_TRY(CheckQuantizedOperand(input1, zero_points));
  MOTE_TRY(CheckQuantizedOperand(input2, zero_points));
  MOTE_TRY(CheckQuantizedOperand(output, zero_points));
  p->input1_offset = -input1.q.zero_point;
  p->input2_offset = -input2.q.zero_point;
  p->output_offset = output.q.zero_point;
  p->left_shift = s16 ? 0 : 7;
  const double twice_max = 2.0 * static_cast<double>(Max(input1.q.scale, input2.q.scale));
  // TFLM scales the output scale by 2^(2 * left_shift) in float before widening (exact: a
  // power of two).
  const float squared_headroom = static_cast<float>(1 << (2 * p->left_shift)) * output.q.scale;
  MOTE_TRY(QuantizeSmallerThanOne(static_cast<double>(input1.q.scale) / twice_max,
                                  &p->input1_multiplier, &p->input1_shift));
  MOTE_TRY(QuantizeSmallerThanOne(static_cast<double>(input2.q.scale) / twice_max,
                                  &p->input2_multiplier, &p->input2_shift));
  MOTE_TRY(QuantizeAnyMultiplier(twice_max * twice_max / static_cast<double>(squared_headroom),
                                 &p->output_multiplier, &p->output_shift));
  p->act_min = type.min;
  p->act_max = type.max;
  return Status::Ok();
}

}  // namespace

Status PrepareSquaredDifference(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                SquaredDifferenceParams* p) {
  MOTE_ENSURE(input1.type == output.type && input2.type == output.type, kUnsupported,
              "operands and output must have one dtype");
  MOTE_TRY(PrepareBroadcast(input1.shape, input2.shape, output.shape, &p->layout));
  switch (output.type) {
    case DType::kFloat32:
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      return PrepareQuantizedSquaredDifference(input1, input2, output, p);
    default:
      return Status(StatusCode::kUnsupported, "dtype must be float32, int8 or int16");
  }
}

}  // namespace mote
