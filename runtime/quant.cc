#include "runtime/quant.h"

#include <string.h>

namespace mote {

double Frexp(double value, int* exponent) {
  *exponent = 0;
  if (value == 0.0 || value != value) return value;
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  int biased = static_cast<int>((bits >> 52) & 0x7FF);
  if (biased == 0x7FF) return value;  // inf
  if (biased == 0) {                  // subnormal: normalise first
    value *= 18014398509481984.0;     // 2^54
    memcpy(&bits, &value, sizeof bits);
    biased = static_cast<int>((bits >> 52) & 0x7FF) - 54;
  }
  *exponent = biased - 1022;
  bits = (bits & ~(uint64_t{0x7FF} << 52)) | (uint64_t{1022} << 52);
  double mantissa;
  memcpy(&mantissa, &bits, sizeof mantissa);
  return mantissa;  // in [0.5, 1)
}

double RoundHalfAwayFromZero(double value) {
  if (!(value < 4503599627370496.0 && value > -4503599627370496.0)) return value;  // >= 2^52
  const double magnitude = value < 0 ? -value : value;
  double r = static_cast<double>(static_cast<int64_t>(magnitude));
  if (magnitude - r >= 0.5) r += 1.0;  // the subtraction is exact below 2^52
  return value < 0 ? -r : r;
}

float RoundHalfAwayFromZero(float value) {
  if (!(value < 8388608.0f && value > -8388608.0f)) return value;  // >= 2^23: already integral
  const float magnitude = value < 0 ? -value : value;
  float r = static_cast<float>(static_cast<int32_t>(magnitude));
  if (magnitude - r >= 0.5f) r += 1.0f;
  return value < 0 ? -r : r;
}

QuantizedMultiplier QuantizeMultiplier(double real_multiplier) {
  QuantizedMultiplier out;
  if (real_multiplier == 0.0) return out;
  const double q = Frexp(real_multiplier, &out.shift);
  int64_t q_fixed = static_cast<int64_t>(RoundHalfAwayFromZero(q * static_cast<double>(int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++out.shift;
  }
  if (out.shift < -31) {
    out.shift = 0;
    q_fixed = 0;
  }
  out.multiplier = static_cast<int32_t>(q_fixed);
  return out;
}

ActivationRange QuantizedActivationRange(uint8_t activation, float output_scale,
                                         int32_t output_zero_point, int32_t qmin, int32_t qmax) {
  auto quantize = [&](float f) {
    return output_zero_point + static_cast<int32_t>(RoundHalfAwayFromZero(f / output_scale));
  };
  ActivationRange r{qmin, qmax};
  switch (activation) {
    case 1:  // RELU
      r.min = Max(qmin, quantize(0.0f));
      break;
    case 2:  // RELU_N1_TO_1
      r.min = Max(qmin, quantize(-1.0f));
      r.max = Min(qmax, quantize(1.0f));
      break;
    case 3:  // RELU6
      r.min = Max(qmin, quantize(0.0f));
      r.max = Min(qmax, quantize(6.0f));
      break;
    default:
      break;
  }
  return r;
}

FloatRange FloatActivationRange(uint8_t activation) {
  // TFLite clamps "unbounded" float activations to +-FLT_MAX, so an overflow saturates, not inf.
  constexpr float kMax = 3.40282346638528859812e+38F;
  switch (activation) {
    case 1: return {0.0f, kMax};
    case 2: return {-1.0f, 1.0f};
    case 3: return {0.0f, 6.0f};
    default: return {-kMax, kMax};
  }
}

}  // namespace mote
