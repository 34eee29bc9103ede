#include <math.h>

#include "runtime/kernels/logistic_tanh.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// Q4.27 input: a multiplier for scale * 2^27 and the largest |input - zero point| whose rescaled
// value still fits (beyond it logistic/tanh are saturated to within an LSB anyway).
Status PrepareS8InputScaling(const Tensor& input, LogisticTanhParams* p) {
  constexpr int kInputIntegerBits = 4;
  MOTE_ENSURE(input.q.scale > 0.0f && input.q.scale < 1e30f, kInvalidModel, "input scale must be positive");
  MOTE_ENSURE(input.q.zero_point >= -128 && input.q.zero_point <= 127, kInvalidModel,
              "int8 input zero point out of range");
  const QuantizedMultiplier m =
      QuantizeMultiplier(static_cast<double>(input.q.scale) * static_cast<double>(1 << (31 - kInputIntegerBits)));
  p->input_zero_point = input.q.zero_point;
  p->input_multiplier = m.multiplier;
  p->input_left_shift = m.shift;
  const double radius = floor(ldexp(static_cast<double>((1 << kInputIntegerBits) - 1) *
                                        static_cast<double>(int64_t{1} << (31 - kInputIntegerBits)),
                                    -m.shift));
  p->input_range_radius = radius > 2147483647.0 ? INT32_MAX : static_cast<int32_t>(radius);
  return Status::Ok();
}

Status PrepareS16(LogisticTanhKind kind, const Tensor& input, const Tensor& output, LogisticTanhParams* p) {
  MOTE_ENSURE(input.q.zero_point == 0 && output.q.zero_point == 0, kUnsupported,
              "int16 LOGISTIC/TANH need zero points 0");
  int output_log2 = 0;
  MOTE_ENSURE(CheckedLog2(output.q.scale, &output_log2) && output_log2 == -15, kUnsupported,
              "int16 LOGISTIC/TANH output scale must be 2^-15");
  return kind == LogisticTanhKind::kLogistic ? PrepareLogisticS16Scaling(input.q.scale, &p->s16)
                                             : PrepareTanhS16Scaling(input.q.scale, &p->s16);
}

}  // namespace

Status PrepareLogisticTanh(LogisticTanhKind kind, const Tensor& input, const Tensor& output,
                           LogisticTanhParams* p) {
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  MOTE_ENSURE(output.NumElements() == input.NumElements(), kShapeMismatch,
              "output size differs from the input");
  p->size = static_cast<int32_t>(input.NumElements());
  switch (input.type) {
    case DType::kFloat32:
      return Status::Ok();
    case DType::kInt8:
      // TFLM's int8 LOGISTIC writes 1/256 steps from -128 and insists on that zero point; its
      // TANH writes 1/128 steps around 0 whatever the output tensor says.
      if (kind == LogisticTanhKind::kLogistic)
        MOTE_ENSURE(output.q.zero_point == -128, kUnsupported, "int8 LOGISTIC output zero point must be -128");
      return PrepareS8InputScaling(input, p);
    case DType::kInt16:
      return PrepareS16(kind, input, output, p);
    default:
      return Status(StatusCode::kUnsupported, "input dtype must be float32, int8 or int16");
  }
}

}  // namespace mote
