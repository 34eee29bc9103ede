// Fixed-point arithmetic that TFLite's integer kernels are defined by. Every function here
// reproduces the reference semantics bit for bit (gemmlowp's saturating rounding doubling high
// multiply and rounding right shift, TFLite's QuantizeMultiplier), because bit-exactness with
// TFLite Micro is mote's correctness bar. Shared by every kernel, host and device.
#pragma once

#include <stdint.h>

namespace mote {

template <typename T>
constexpr T Min(T a, T b) { return a < b ? a : b; }
template <typename T>
constexpr T Max(T a, T b) { return a < b ? b : a; }
template <typename T>
constexpr T Clamp(T v, T lo, T hi) { return v < lo ? lo : (v > hi ? hi : v); }

// Shift left with two's complement wrap-around, without the undefined behaviour of `x << n` on
// negative x (TFLite writes `x * (1 << n)`, which wraps the same way on every target).
constexpr int32_t ShiftLeftWrapping(int32_t x, int n) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << n);
}

// gemmlowp SaturatingRoundingDoublingHighMul: round(a * b / 2^31), saturating the single
// overflow case a == b == INT32_MIN.
constexpr int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// gemmlowp RoundingDivideByPOT: x / 2^exponent rounded half away from zero.
constexpr int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// TFLite MultiplyByQuantizedMultiplier for int32 accumulators (double rounding, TFLM default).
// `shift` > 0 shifts left, < 0 shifts right.
constexpr int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift), multiplier), right_shift);
}

// TFLite MultiplyByQuantizedMultiplier for int64 accumulators (16x8 kernels): the multiplier is
// reduced to 16 bits and applied with one rounding shift.
constexpr int32_t MultiplyByQuantizedMultiplier64(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  // Unsigned arithmetic wraps like the int64 hardware multiply TFLite relies on, without
  // undefined behaviour when a hostile model's bias pushes x beyond TFLite's 2^47 bound.
  const uint64_t product = static_cast<uint64_t>(x) * static_cast<uint64_t>(static_cast<int64_t>(reduced));
  const int64_t rounded = static_cast<int64_t>(product + (uint64_t{1} << (total_shift - 1)));
  return static_cast<int32_t>(rounded >> total_shift);
}

// Two's complement wrap-around addition: what every target does for an int32 accumulator plus a
// bias, defined even when a hostile model's bias overflows.
constexpr int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
constexpr int64_t WrappingAdd64(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// Used by kernels whose shift is known to be <= 0 (TFLite's ...SmallerThanOneExp).
constexpr int32_t MultiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x, int32_t multiplier,
                                                                 int left_shift) {
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, multiplier), -left_shift);
}

// Used by kernels whose shift is known to be >= 0 (TFLite's ...GreaterThanOne).
constexpr int32_t MultiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier,
                                                              int left_shift) {
  return SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift), multiplier);
}

// A real multiplier as a Q0.31 mantissa and a power-of-two exponent, exactly as TFLite's
// QuantizeMultiplier computes it (frexp, round half away from zero, flush below 2^-31 to zero).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;
};
QuantizedMultiplier QuantizeMultiplier(double real_multiplier);

// std::frexp and std::round without libm, so prepare code stays freestanding.
double Frexp(double value, int* exponent);
double RoundHalfAwayFromZero(double value);
float RoundHalfAwayFromZero(float value);

// Integer range [min, max] of an int8/int16 output after a fused activation, as TFLite's
// CalculateActivationRangeQuantized computes it.
struct ActivationRange {
  int32_t min = 0;
  int32_t max = 0;
};
ActivationRange QuantizedActivationRange(uint8_t activation, float output_scale,
                                         int32_t output_zero_point, int32_t qmin, int32_t qmax);

struct FloatRange {
  float min = 0.0f;
  float max = 0.0f;
};
FloatRange FloatActivationRange(uint8_t activation);

}  // namespace mote
