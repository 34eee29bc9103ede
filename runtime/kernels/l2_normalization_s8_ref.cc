#include "runtime/kernels/l2_normalization.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent: x * 2^e, saturated.
int32_t SaturatingShiftLeft(int32_t x, int e) {
  const int32_t threshold = (int32_t{1} << (31 - e)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return ShiftLeftWrapping(x, e);
}

int CountLeadingZeros(uint32_t v) {
  int n = 0;
  for (uint32_t bit = uint32_t{1} << 31; bit && !(v & bit); bit >>= 1) ++n;
  return n;
}

}  // namespace

void InvSqrtQuantizedMultiplier(int32_t x, int32_t* multiplier, int32_t* shift) {
  // 0 would divide by zero; TFLite treats it like 1 and returns the largest multiplier.
  if (x <= 1) {
    *multiplier = INT32_MAX;
    *shift = 0;
    return;
  }
  // Normalise x into [2^27, 2^29) by whole bit pairs so that sqrt stays exact in the exponent.
  int32_t right_shift = 11;
  while (x >= (int32_t{1} << 29)) {
    x /= 4;
    ++right_shift;
  }
  const int pairs = (CountLeadingZeros(static_cast<uint32_t>(x)) - 1) / 2 - 1;
  right_shift -= pairs;
  x = ShiftLeftWrapping(x, 2 * pairs);

  // Newton-Raphson on 1/sqrt in Q3.28 (3 integer bits give the iteration its headroom):
  // y <- 1.5 y - (x/2) y^3, five rounds from y = 1. Products of Q3.28 values are Q6.25 and Q9.22
  // until rescaled back with a saturating shift, as gemmlowp's FixedPoint does.
  const int32_t half_x = RoundingDivideByPOT(x >> 1, 1);
  const int32_t three_halves = (int32_t{1} << 28) + (int32_t{1} << 27);
  int32_t y = int32_t{1} << 28;
  for (int i = 0; i < 5; ++i) {
    const int32_t y3 = SaturatingShiftLeft(
        SaturatingRoundingDoublingHighMul(SaturatingRoundingDoublingHighMul(y, y), y), 6);
    const int32_t diff = static_cast<int32_t>(
        static_cast<uint32_t>(SaturatingRoundingDoublingHighMul(three_halves, y)) -
        static_cast<uint32_t>(SaturatingRoundingDoublingHighMul(half_x, y3)));
    y = SaturatingShiftLeft(diff, 3);
  }
  // x was read into Q3.28 halved; 1/sqrt(x/2) * sqrt(1/2) = 1/sqrt(x), sqrt(1/2) in Q0.31.
  y = SaturatingRoundingDoublingHighMul(y, 1518500250);
  if (right_shift < 0) {
    y = ShiftLeftWrapping(y, -right_shift);
    right_shift = 0;
  }
  *multiplier = y;
  *shift = -right_shift;
}

void l2_normalization_s8_ref(const L2NormParams& p, const int8_t* input, int8_t* output) {
  constexpr int kOutputShift = 7;  // the output scale is 2^-7
  for (int32_t i = 0; i < p.outer; ++i) {
    const int8_t* in = input + i * p.depth;
    // Wraps like TFLite's int32 accumulator past 2^15 maximal terms, without signed overflow.
    uint32_t squares = 0;
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t v = in[c] - p.input_zero_point;
      squares += static_cast<uint32_t>(v * v);
    }
    int32_t multiplier, shift;
    InvSqrtQuantizedMultiplier(static_cast<int32_t>(squares), &multiplier, &shift);
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t v = MultiplyByQuantizedMultiplier(in[c] - p.input_zero_point, multiplier,
                                                      shift + kOutputShift);
      output[i * p.depth + c] = static_cast<int8_t>(Clamp<int32_t>(v, -128, 127));
    }
  }
}

}  // namespace mote
