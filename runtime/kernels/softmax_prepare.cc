#include <math.h>

#include "runtime/kernels/softmax.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// Integer bits of the rescaled differences fed to exp: Q5.26 reaches -32, so differences that
// matter (exp(-16) is already negligible) never saturate.
constexpr int kScaledDiffIntegerBits = 5;

Status PrepareRows(const Tensor& input, const Tensor& output, SoftmaxParams* p) {
  MOTE_ENSURE(input.shape.rank >= 1, kShapeMismatch, "input needs at least one dimension");
  MOTE_ENSURE(output.shape == input.shape, kShapeMismatch, "output shape differs from the input");
  p->depth = input.shape.Dim(-1);
  p->outer_size = p->depth == 0 ? 0 : static_cast<int32_t>(input.NumElements() / p->depth);
  return Status::Ok();
}

// The largest difference magnitude whose rescaled value fits the integer bits (TFLite's
// CalculateInputRadius); the negated radius is diff_min.
int32_t InputRadius(int integer_bits, int left_shift) {
  const double max_rescaled = static_cast<double>((1 << integer_bits) - 1) *
                              static_cast<double>(int64_t{1} << (31 - integer_bits));
  const double radius = floor(ldexp(max_rescaled, -left_shift));
  return radius > 2147483647.0 ? INT32_MAX : static_cast<int32_t>(radius);
}

// TFLite's PreprocessSoftmaxScaling: beta * input scale in Q5.26, capped below 2^31, as a
// multiplier > 1 (a left shift and a Q0.31 mantissa).
Status PrepareS8DiffScaling(double beta, float input_scale, SoftmaxParams* p) {
  MOTE_ENSURE(input_scale > 0.0f, kInvalidModel, "input scale must be positive");
  const double real = Min(beta * static_cast<double>(input_scale) *
                              static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                          2147483647.0);
  MOTE_ENSURE(real > 1.0, kUnsupported, "beta * input scale must exceed 2^-26 for int8 softmax");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  p->input_multiplier = m.multiplier;
  p->input_left_shift = m.shift;
  p->diff_min = -InputRadius(kScaledDiffIntegerBits, m.shift);
  return Status::Ok();
}

// A 513-entry table of f on [input_min, input_max] with outputs in [-1, 1] as Q0.15, each entry
// nudged by half the interpolation error at the interval midpoint (TFLite's gen_lut, in float).
void GenerateLut(float (*f)(float), float input_min, float input_max, int16_t* lut) {
  constexpr int kSteps = kSoftmaxLutSize - 1;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float output_scaling_inv = 65536.0f / 2.0f;  // int16 steps per unit of the [-1, 1] range
  auto round = [](float v) { return RoundHalfAwayFromZero(v); };
  auto to_int16 = [](float v) { return static_cast<int16_t>(Clamp(v, -32768.0f, 32767.0f)); };
  for (int i = 0; i < kSteps; ++i) {
    const float val = f(input_min + i * step);
    const float val_midpoint = f(input_min + i * step + half_step);
    const float val_next = f(input_min + (i + 1) * step);
    const float sample_val = round(val * output_scaling_inv);
    const float midpoint_interp_val = round((val_next * output_scaling_inv + round(val * output_scaling_inv)) / 2);
    const float midpoint_val = round(val_midpoint * output_scaling_inv);
    const float bias = round((midpoint_interp_val - midpoint_val) / 2);
    lut[i] = to_int16(sample_val - bias);
  }
  lut[kSteps] = to_int16(round(f(input_max) * output_scaling_inv));
}

float Exp(float x) { return expf(x); }
float OneOverOnePlusX(float x) { return 1.0f / (1.0f + x); }

Status PrepareS16(const Tensor& input, const Tensor& output, float beta, SoftmaxParams* p) {
  MOTE_ENSURE(output.type == DType::kInt16, kUnsupported, "int16 softmax needs an int16 output");
  const float scale_error = output.q.scale > 1.0f / 32768 ? output.q.scale - 1.0f / 32768
                                                           : 1.0f / 32768 - output.q.scale;
  MOTE_ENSURE(output.q.zero_point == 0 && scale_error <= 0.001f * 1.0f / 32768, kUnsupported,
              "int16 softmax output must be scale 1/32768, zero point 0");
  MOTE_ENSURE(input.q.scale > 0.0f, kInvalidModel, "input scale must be positive");
  MOTE_ENSURE(p->exp_lut && p->one_over_one_plus_x_lut, kInternal, "no softmax table storage");
  // Differences of -65535 LSB map onto -10, the end of the exp table.
  const QuantizedMultiplier m = QuantizeMultiplier(static_cast<double>(input.q.scale) *
                                                   static_cast<double>(beta) / (10.0 / 65535.0));
  MOTE_ENSURE(m.shift <= 31, kUnsupported, "beta * input scale too large for int16 softmax");
  p->input_multiplier = m.multiplier;
  p->input_left_shift = m.shift;
  GenerateLut(Exp, -10.0f, 0.0f, p->exp_lut);
  GenerateLut(OneOverOnePlusX, 0.0f, 1.0f, p->one_over_one_plus_x_lut);
  return Status::Ok();
}

Status PrepareS8(const Tensor& input, const Tensor& output, float beta, SoftmaxParams* p) {
  if (output.type == DType::kInt16) {
    const float scale_error = output.q.scale > 1.0f / 65536 ? output.q.scale - 1.0f / 65536
                                                             : 1.0f / 65536 - output.q.scale;
    MOTE_ENSURE(output.q.zero_point == -32768 && scale_error <= 0.001f * 1.0f / 65536, kUnsupported,
                "int8->int16 softmax output must be scale 1/65536, zero point -32768");
  } else {
    MOTE_ENSURE(output.type == DType::kInt8, kUnsupported, "int8 softmax output must be int8 or int16");
    MOTE_ENSURE(output.q.zero_point == -128 && output.q.scale == 1.0f / 256, kUnsupported,
                "int8 softmax output must be scale 1/256, zero point -128");
  }
  return PrepareS8DiffScaling(static_cast<double>(beta), input.q.scale, p);
}

}  // namespace

bool SoftmaxNeedsLuts(const Tensor& input) { return input.type == DType::kInt16; }

Status PrepareSoftmax(const Tensor& input, const Tensor& output, float beta, SoftmaxParams* p) {
  MOTE_TRY(PrepareRows(input, output, p));
  p->beta = beta;
  switch (input.type) {
    case DType::kFloat32:
      MOTE_ENSURE(output.type == DType::kFloat32, kUnsupported, "float32 softmax needs a float32 output");
      return Status::Ok();
    case DType::kInt8:
      return PrepareS8(input, output, beta, p);
    case DType::kInt16:
      return PrepareS16(input, output, beta, p);
    default:
      return Status(StatusCode::kUnsupported, "input dtype must be float32, int8 or int16");
  }
}

Status PrepareLogSoftmax(const Tensor& input, const Tensor& output, SoftmaxParams* p) {
  MOTE_TRY(PrepareRows(input, output, p));
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "input dtype must be float32 or int8");
  MOTE_ENSURE(output.q.scale == 16.0f / 256 && output.q.zero_point == 127, kUnsupported,
              "int8 log-softmax output must be scale 16/256, zero point 127");
  MOTE_TRY(PrepareS8DiffScaling(1.0, input.q.scale, p));
  // The inverse of the difference scaling, as a multiplier < 1 with a right shift.
  const double reverse = static_cast<double>(int64_t{1} << (31 - p->input_left_shift)) /
                         static_cast<double>(p->input_multiplier);
  MOTE_ENSURE(reverse > 0.0 && reverse < 1.0, kUnsupported, "input scale out of range for int8 log-softmax");
  const QuantizedMultiplier r = QuantizeMultiplier(reverse);
  MOTE_ENSURE(r.shift <= 0, kUnsupported, "input scale out of range for int8 log-softmax");
  p->reverse_scaling_divisor = r.multiplier;
  p->reverse_scaling_right_shift = -r.shift;
  return Status::Ok();
}

}  // namespace mote
