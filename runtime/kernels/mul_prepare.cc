#include "runtime/kernels/mul.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status PrepareQuantizedMul(const Tensor& input1, const Tensor& input2, const Tensor& output,
                           const MulOptions& options, MulParams* p) {
  const bool s16 = output.type == DType::kInt16;
  const IntRange type = s16 ? kInt16Range : kInt8Range;
  // int16 MUL is symmetric in TFLM; that also keeps the int16 product inside int32.
  const IntRange zero_points = s16 ? IntRange{0, 0} : kInt8Range;
  MOTE_TRY(CheckQuantizedOperand(input1, zero_points));
  MOTE_TRY(CheckQuantizedOperand(input2, zero_points));
  MOTE_TRY(CheckQuantizedOperand(output, zero_points));
  p->input1_offset = -input1.q.zero_point;
  p->input2_offset = -input2.q.zero_point;
  p->output_offset = output.q.zero_point;
  const double real = static_cast<double>(input1.q.scale) * static_cast<double>(input2.q.scale) /
                      static_cast<double>(output.q.scale);
  MOTE_TRY(QuantizeAnyMultiplier(real, &p->output_multiplier, &p->output_shift));
  return BinaryQuantizedActivationRange(static_cast<uint8_t>(options.activation), output, type,
                                        &p->act_min, &p->act_max);
}

}  // namespace

Status PrepareMul(const Tensor& input1, const Tensor& input2, const Tensor& output,
                  const MulOptions& options, MulParams* p) {
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
      return PrepareQuantizedMul(input1, input2, output, options, p);
    default:
      return Status(StatusCode::kUnsupported, "dtype must be float32, int8 or int16");
  }
}

}  // namespace mote
