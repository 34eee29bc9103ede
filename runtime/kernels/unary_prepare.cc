#include <math.h>

#include "runtime/kernels/unary.h"
#include "runtime/kernels/unary_common.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status CheckSizes(const Tensor& input, const Tensor& output, UnaryParams* p) {
  const int64_t n = input.NumElements();
  MOTE_ENSURE(n == output.NumElements(), kShapeMismatch, "output size differs from the input");
  MOTE_ENSURE(n <= INT32_MAX, kUnsupported, "tensor has more than 2^31 - 1 elements");
  p->size = static_cast<int32_t>(n);
  return Status::Ok();
}

Status CheckSameType(const Tensor& input, const Tensor& output) {
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  return Status::Ok();
}

bool ZeroPointFits(const Tensor& t) {
  const int32_t zp = t.q.zero_point;
  switch (t.type) {
    case DType::kInt8: return zp >= IntLimits<int8_t>::kMin && zp <= IntLimits<int8_t>::kMax;
    case DType::kUInt8: return zp >= IntLimits<uint8_t>::kMin && zp <= IntLimits<uint8_t>::kMax;
    case DType::kInt16: return zp >= IntLimits<int16_t>::kMin && zp <= IntLimits<int16_t>::kMax;
    default: return true;
  }
}

// Every integer kernel divides by scales: they must be positive, finite numbers, and the zero
// point must be a value of the dtype.
Status CheckQuantized(const Tensor& t) {
  MOTE_ENSURE(t.q.quantized(), kInvalidModel, "quantized tensor has no scale");
  MOTE_ENSURE(t.q.scale > 0.0f && __builtin_isfinite(t.q.scale), kInvalidModel,
              "quantization scale must be positive and finite");
  MOTE_ENSURE(ZeroPointFits(t), kInvalidModel, "zero point outside the dtype's range");
  return Status::Ok();
}

Status CheckBothQuantized(const Tensor& input, const Tensor& output) {
  MOTE_TRY(CheckQuantized(input));
  return CheckQuantized(output);
}

// A real multiplier as a Q31 multiplier and shift that MultiplyByQuantizedMultiplier can apply
// without overflowing its left shift.
Status Rescale(double real, int32_t* multiplier, int32_t* shift) {
  MOTE_ENSURE(__builtin_isfinite(real), kUnsupported, "rescaling factor is not finite");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  MOTE_ENSURE(m.shift <= 30, kUnsupported, "rescaling factor above 2^30");
  *multiplier = m.multiplier;
  *shift = m.shift;
  return Status::Ok();
}

// TFLite's DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15.
int32_t DownScaleToQ15(int32_t multiplier) {
  constexpr int32_t kRound = 1 << 15;
  if (multiplier >= INT32_MAX - kRound) return INT16_MAX;
  return (multiplier + kRound) >> 16;
}

template <typename T>
void SetTypeRange(UnaryParams* p) {
  p->act_min = IntLimits<T>::kMin;
  p->act_max = IntLimits<T>::kMax;
}

void SetIntegerRange(DType type, UnaryParams* p) {
  if (type == DType::kInt16)
    SetTypeRange<int16_t>(p);
  else
    SetTypeRange<int8_t>(p);
}

// Float value -> int8 for a lookup table entry, saturating where TFLite's int cast would be
// undefined.
int8_t SaturateFloatToInt8(float v) {
  if (!(v > -128.0f)) return -128;  // also NaN
  if (v >= 127.0f) return 127;
  return static_cast<int8_t>(static_cast<int32_t>(v));
}

}  // namespace

Status PrepareRelu(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8 || input.type == DType::kInt16, kUnsupported,
              "RELU supports float32, int8 and int16");
  MOTE_TRY(CheckBothQuantized(input, output));
  if (input.type == DType::kInt16)
    MOTE_ENSURE(input.q.zero_point == 0 && output.q.zero_point == 0, kUnsupported,
                "int16 RELU needs zero points 0");
  MOTE_TRY(Rescale(static_cast<double>(input.q.scale) / static_cast<double>(output.q.scale),
                   &p->multiplier, &p->shift));
  p->input_offset = input.q.zero_point;
  p->output_offset = output.q.zero_point;
  SetIntegerRange(input.type, p);
  // The lower bound is real 0 on the output scale, i.e. the output zero point.
  p->act_min = Max(p->act_min, output.q.zero_point);
  return Status::Ok();
}

Status PrepareRelu6(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8 || input.type == DType::kInt16, kUnsupported,
              "RELU6 supports float32, int8 and int16");
  // TFLite Micro clamps in the input's quantization and never reads the output's.
  MOTE_TRY(CheckQuantized(input));
  SetIntegerRange(input.type, p);
  const double six = static_cast<double>(RoundHalfAwayFromZero(6.0f / input.q.scale)) +
                     static_cast<double>(input.q.zero_point);
  p->act_min = input.q.zero_point;
  p->act_max = six < p->act_max ? static_cast<int32_t>(six) : p->act_max;
  return Status::Ok();
}

Status PrepareLeakyRelu(const Tensor& input, const Tensor& output, float alpha, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  p->alpha = alpha;
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8 || input.type == DType::kInt16, kUnsupported,
              "LEAKY_RELU supports float32, int8 and int16");
  MOTE_TRY(CheckBothQuantized(input, output));
  // TFLite Micro forms both ratios in float before widening them to double.
  const float identity = input.q.scale / output.q.scale;
  const float negative = input.q.scale * alpha / output.q.scale;
  MOTE_TRY(Rescale(static_cast<double>(identity), &p->multiplier, &p->shift));
  MOTE_TRY(Rescale(static_cast<double>(negative), &p->alt_multiplier, &p->alt_shift));
  p->input_offset = input.q.zero_point;
  p->output_offset = output.q.zero_point;
  SetIntegerRange(input.type, p);
  return Status::Ok();
}

Status PrepareHardSwish(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "HARD_SWISH supports float32 and int8");
  MOTE_TRY(CheckBothQuantized(input, output));
  // The kernel works on the input shifted left by 7 bits ("hires" scale) and on a "reluish"
  // value where real 3.0 is 32768; both ratios are float quotients, as in TFLite Micro.
  const float hires_input_scale = (1.0f / 128.0f) * input.q.scale;
  const float reluish_scale = 3.0f / 32768.0f;
  const double output_ratio = static_cast<double>(hires_input_scale / output.q.scale);
  const double reluish_ratio = static_cast<double>(hires_input_scale / reluish_scale);
  MOTE_ENSURE(__builtin_isfinite(output_ratio) && __builtin_isfinite(reluish_ratio), kUnsupported,
              "HARD_SWISH scales out of range");
  const QuantizedMultiplier out_m = QuantizeMultiplier(output_ratio);
  const QuantizedMultiplier reluish_m = QuantizeMultiplier(reluish_ratio);
  MOTE_ENSURE(out_m.shift <= 0, kUnsupported,
              "HARD_SWISH output scale below input scale / 128 (TFLite Micro rejects it)");
  MOTE_ENSURE(reluish_m.shift <= 31, kUnsupported, "HARD_SWISH input scale too large");
  p->multiplier = DownScaleToQ15(out_m.multiplier);
  p->shift = out_m.shift;
  p->alt_multiplier = DownScaleToQ15(reluish_m.multiplier);
  p->alt_shift = reluish_m.shift;
  p->input_offset = input.q.zero_point;
  p->output_offset = output.q.zero_point;
  SetIntegerRange(input.type, p);
  return Status::Ok();
}

Status PrepareElu(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "ELU supports float32 and int8");
  MOTE_TRY(CheckBothQuantized(input, output));
  MOTE_ENSURE(p->table != nullptr, kInternal, "no storage for the ELU table");
  // Same single-precision steps as TFLite Micro's table, so every entry rounds identically.
  const float inverse_scale = 1.0f / output.q.scale;
  for (int32_t v = IntLimits<int8_t>::kMin; v <= IntLimits<int8_t>::kMax; ++v) {
    const float x = input.q.scale * static_cast<float>(v - input.q.zero_point);
    const float y = x < 0.0f ? expf(x) - 1.0f : x;
    const float q =
        RoundHalfAwayFromZero(y * inverse_scale) + static_cast<float>(output.q.zero_point);
    p->table[static_cast<uint8_t>(v)] = SaturateFloatToInt8(q);
  }
  return Status::Ok();
}

Status PrepareAbs(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8 || input.type == DType::kInt16, kUnsupported,
              "ABS supports float32, int8 and int16");
  if (input.type == DType::kInt16 && !input.q.quantized()) {
    p->raw = true;  // plain integer ABS
    return Status::Ok();
  }
  MOTE_TRY(CheckBothQuantized(input, output));
  if (input.type == DType::kInt16)
    MOTE_ENSURE(input.q.zero_point == 0 && output.q.zero_point == 0, kUnsupported,
                "int16 ABS needs zero points 0");
  p->input_offset = input.q.zero_point;
  p->output_offset = output.q.zero_point;
  p->rescale = input.q.scale != output.q.scale;
  if (p->rescale)
    MOTE_TRY(Rescale(static_cast<double>(input.q.scale) / static_cast<double>(output.q.scale),
                     &p->multiplier, &p->shift));
  SetIntegerRange(input.type, p);
  return Status::Ok();
}

Status PrepareRsqrt(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "RSQRT supports float32 and int8");
  MOTE_TRY(CheckBothQuantized(input, output));
  const double real =
      1.0 / (sqrt(static_cast<double>(input.q.scale)) * static_cast<double>(output.q.scale));
  MOTE_TRY(Rescale(real, &p->multiplier, &p->shift));
  // The kernel applies the multiplier with shift - 20 (rsqrt_s8_ref.cc): keep that a valid shift.
  MOTE_ENSURE(p->shift - 20 >= -31, kUnsupported, "RSQRT rescaling factor below 2^-51");
  p->input_offset = input.q.zero_point;
  p->output_offset = output.q.zero_point;
  SetIntegerRange(input.type, p);
  return Status::Ok();
}

Status PrepareFloatUnary(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_TRY(CheckSameType(input, output));
  MOTE_ENSURE(input.type == DType::kFloat32, kUnsupported, "only float32 is supported");
  return Status::Ok();
}

namespace {

bool IsQuantizePair(DType in, DType out) {
  switch (in) {
    case DType::kFloat32: return out == DType::kInt8 || out == DType::kInt16;
    case DType::kInt8:
      return out == DType::kInt8 || out == DType::kUInt8 || out == DType::kInt16 ||
             out == DType::kInt32;
    case DType::kUInt8: return out == DType::kInt8;
    case DType::kInt16: return out == DType::kInt8 || out == DType::kInt16 || out == DType::kInt32;
    case DType::kInt32: return out == DType::kInt8 || out == DType::kInt16;
    default: return false;
  }
}

}  // namespace

Status PrepareQuantize(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_ENSURE(IsQuantizePair(input.type, output.type), kUnsupported,
              "QUANTIZE supports float32->int8/int16, int8->int8/uint8/int16/int32, "
              "uint8->int8, int16->int8/int16/int32, int32->int8/int16");
  MOTE_TRY(CheckQuantized(output));
  MOTE_ENSURE(!output.q.per_channel(), kUnsupported, "per-channel QUANTIZE output");
  p->output_offset = output.q.zero_point;
  if (input.type == DType::kFloat32) {
    p->scale = output.q.scale;
    return Status::Ok();
  }
  MOTE_TRY(CheckQuantized(input));
  p->input_offset = input.q.zero_point;
  return Rescale(static_cast<double>(input.q.scale) / static_cast<double>(output.q.scale),
                 &p->multiplier, &p->shift);
}

Status PrepareDequantize(const Tensor& input, const Tensor& output, UnaryParams* p) {
  MOTE_TRY(CheckSizes(input, output, p));
  MOTE_ENSURE(
      input.type == DType::kInt8 || input.type == DType::kInt16 || input.type == DType::kUInt8,
      kUnsupported, "DEQUANTIZE supports int8, int16 and uint8 inputs");
  MOTE_ENSURE(output.type == DType::kFloat32, kUnsupported, "DEQUANTIZE output must be float32");
  MOTE_TRY(CheckQuantized(input));
  MOTE_ENSURE(!input.q.per_channel(), kUnsupported,
              "per-channel DEQUANTIZE (TFLite Micro applies only the first scale)");
  p->scale = input.q.scale;
  p->input_offset = input.q.zero_point;
  return Status::Ok();
}

}  // namespace mote
