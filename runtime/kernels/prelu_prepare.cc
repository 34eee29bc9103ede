#include "runtime/kernels/prelu.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status PrepareQuantizedPrelu(const Tensor& input, const Tensor& alpha, const Tensor& output,
                             PreluParams* p) {
  const IntRange type = output.type == DType::kInt16 ? kInt16Range : kInt8Range;
  MOTE_ENSURE(alpha.type == DType::kInt8, kUnsupported, "quantized PRELU needs an int8 alpha");
  MOTE_TRY(CheckQuantizedOperand(input, type));
  MOTE_TRY(CheckQuantizedOperand(alpha, kInt8Range));
  MOTE_TRY(CheckQuantizedOperand(output, type));
  p->input_offset = -input.q.zero_point;
  p->alpha_offset = -alpha.q.zero_point;
  p->output_offset = output.q.zero_point;
  const double in = static_cast<double>(input.q.scale);
  const double out = static_cast<double>(output.q.scale);
  MOTE_TRY(QuantizeAnyMultiplier(in / out, &p->positive_multiplier, &p->positive_shift));
  MOTE_TRY(QuantizeAnyMultiplier(in * static_cast<double>(alpha.q.scale) / out,
                                 &p->negative_multiplier, &p->negative_shift));
  p->act_min = type.min;
  p->act_max = type.max;
  return Status::Ok();
}

}  // namespace

Status PreparePrelu(const Tensor& input, const Tensor& alpha, const Tensor& output,
                    PreluParams* p) {
  MOTE_ENSURE(input.type == output.type, kUnsupported, "input and output must have one dtype");
  MOTE_TRY(PrepareBroadcast(input.shape, alpha.shape, output.shape, &p->layout));
  switch (output.type) {
    case DType::kFloat32:
      MOTE_ENSURE(alpha.type == DType::kFloat32, kUnsupported,
                  "float32 PRELU needs a float32 alpha");
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      return PrepareQuantizedPrelu(input, alpha, output, p);
    default:
      return Status(StatusCode::kUnsupported, "dtype must be float32, int8 or int16");
  }
}

}  // namespace mote
