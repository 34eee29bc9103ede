#include "runtime/kernels/unary_common.h"

namespace mote {
namespace {

// gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent: x * 2^exponent, saturated.
int32_t SaturatingShiftLeft(int32_t x, int exponent) {
  const int32_t threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return ShiftLeftWrapping(x, exponent);
}

// 1 / sqrt(x) for an integer x > 0 as a Q31 multiplier and left shift, computed exactly as
// TFLite's GetInvSqrtQuantizedMultiplierExp: x is normalised into [2^27, 2^29) by pairs of bits,
// then five Newton-Raphson steps run in Q3.28 fixed point.
QuantizedMultiplier InvSqrt(int32_t x) {
  if (x <= 1) return {INT32_MAX, 0};
  int right_shift = 11;
  while (x >= (1 << 29)) {
    x /= 4;
    ++right_shift;
  }
  const int free_bit_pairs = (__builtin_clz(static_cast<uint32_t>(x)) - 1) / 2 - 1;
  right_shift -= free_bit_pairs;
  x <<= 2 * free_bit_pairs;

  const int32_t half_x = RoundingDivideByPOT(x >> 1, 1);   // Q3.28
  constexpr int32_t kThreeHalves = (1 << 28) + (1 << 27);  // 1.5 in Q3.28
  int32_t y = 1 << 28;                                     // 1.0 in Q3.28
  for (int i = 0; i < 5; ++i) {
    const int32_t y3 = SaturatingShiftLeft(
        SaturatingRoundingDoublingHighMul(SaturatingRoundingDoublingHighMul(y, y), y), 6);
    const int32_t step = WrappingSub(SaturatingRoundingDoublingHighMul(kThreeHalves, y),
                                     SaturatingRoundingDoublingHighMul(half_x, y3));
    y = SaturatingShiftLeft(step, 3);
  }
  constexpr int32_t kHalfSqrt2 = 1518500250;  // sqrt(2) / 2 in Q0.31
  int32_t multiplier = SaturatingRoundingDoublingHighMul(y, kHalfSqrt2);
  if (right_shift < 0) {
    multiplier = ShiftLeftWrapping(multiplier, -right_shift);
    right_shift = 0;
  }
  return {multiplier, -right_shift};
}

// TFLite's int8 RSQRT: 1/sqrt(x - zero point) in integer arithmetic, carried 20 bits up between
// the two multipliers so that the intermediate stays an integer.
int8_t RsqrtElement(const UnaryParams& p, int8_t x) {
  constexpr int kCarryShift = 20;
  const int32_t value = x - p.input_offset;
  if (value == 0) return INT8_MAX;  // 1/sqrt(0): the largest output
  const QuantizedMultiplier inv = InvSqrt(value);
  const int32_t carried = MultiplyByQuantizedMultiplier(1, inv.multiplier, inv.shift + kCarryShift);
  const int32_t scaled =
      MultiplyByQuantizedMultiplier(carried, p.multiplier, p.shift - kCarryShift);
  return SaturateTo<int8_t>(WrappingAdd(scaled, p.output_offset));
}

}  // namespace

Status rsqrt_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p.size; ++i)
    MOTE_ENSURE(input[i] >= p.input_offset, kInvalidArgument, "RSQRT of a negative value");
  MapElements(input, output, p.size, [&p](int8_t x) { return RsqrtElement(p, x); });
  return Status::Ok();
}

}  // namespace mote
