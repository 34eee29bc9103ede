// The freestanding fixed-point helpers against the C++ standard library and exact arithmetic.
#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "runtime/quant.h"

namespace mote {
namespace {

TEST(Quant, FrexpMatchesStd) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 100000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    int e1 = 0, e2 = 0;
    const double m1 = Frexp(v, &e1);
    const double m2 = std::frexp(v, &e2);
    ASSERT_EQ(m1, m2) << v;
    ASSERT_EQ(e1, e2) << v;
  }
}

TEST(Quant, RoundHalfAwayFromZeroMatchesStdRound) {
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> d(-1e6, 1e6);
  const double ties[] = {0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5};
  for (double t : ties) EXPECT_EQ(RoundHalfAwayFromZero(t), std::round(t)) << t;
  for (int i = 0; i < 100000; ++i) {
    const double v = d(rng) / (1 + i % 7);
    ASSERT_EQ(RoundHalfAwayFromZero(v), std::round(v)) << v;
    const float f = static_cast<float>(v);
    ASSERT_EQ(RoundHalfAwayFromZero(f), std::round(f)) << f;
  }
}

// QuantizeMultiplier must reproduce m * 2^shift / 2^31 == real to 31-bit precision.
TEST(Quant, QuantizeMultiplierRepresentsTheRealValue) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> exponent(-30.0, 6.0);
  for (int i = 0; i < 10000; ++i) {
    const double real = std::pow(2.0, exponent(rng));
    const QuantizedMultiplier q = QuantizeMultiplier(real);
    ASSERT_GE(q.multiplier, 1 << 30);
    const double back = std::ldexp(static_cast<double>(q.multiplier), q.shift - 31);
    ASSERT_NEAR(back / real, 1.0, 1e-9) << real;
  }
  EXPECT_EQ(QuantizeMultiplier(0.0).multiplier, 0);
  EXPECT_EQ(QuantizeMultiplier(1e-12).multiplier, 0) << "below 2^-31 flushes to zero";
  const QuantizedMultiplier one = QuantizeMultiplier(1.0);
  EXPECT_EQ(one.multiplier, 1 << 30);
  EXPECT_EQ(one.shift, 1);
}

// Against exact rational arithmetic: round(x * m / 2^31) then rounding shift.
TEST(Quant, MultiplyByQuantizedMultiplierMatchesExactRounding) {
  std::mt19937 rng(4);
  for (int i = 0; i < 200000; ++i) {
    const int32_t x = static_cast<int32_t>(rng()) >> (rng() % 16);
    const int32_t m = (1 << 30) + static_cast<int32_t>(rng() % (1u << 30));
    const int shift = -static_cast<int>(rng() % 20);
    const int64_t prod = static_cast<int64_t>(x) * m;
    // Step 1: doubling high mul with round half away from zero.
    const int64_t high = prod >= 0 ? (prod + (int64_t{1} << 30)) >> 31 : -((-prod + (int64_t{1} << 30)) >> 31);
    // Step 2: rounding divide by 2^-shift, half away from zero.
    const int e = -shift;
    const int64_t want = e == 0 ? high
                       : high >= 0 ? (high + (int64_t{1} << (e - 1))) >> e
                                   : -((-high + (int64_t{1} << (e - 1))) >> e);
    ASSERT_EQ(MultiplyByQuantizedMultiplier(x, m, shift), want) << x << " " << m << " " << shift;
  }
}

TEST(Quant, SaturatingRoundingDoublingHighMulSaturates) {
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(INT32_MAX, INT32_MAX), INT32_MAX - 1);
  EXPECT_EQ(RoundingDivideByPOT(-5, 1), -3);
  EXPECT_EQ(RoundingDivideByPOT(5, 1), 3);
  EXPECT_EQ(RoundingDivideByPOT(-4, 1), -2);
}

TEST(Quant, ActivationRanges) {
  const ActivationRange relu = QuantizedActivationRange(1, 0.1f, -10, -128, 127);
  EXPECT_EQ(relu.min, -10);
  EXPECT_EQ(relu.max, 127);
  const ActivationRange relu6 = QuantizedActivationRange(3, 0.1f, -10, -128, 127);
  EXPECT_EQ(relu6.max, 50);
  const ActivationRange n1 = QuantizedActivationRange(2, 0.5f, 0, -128, 127);
  EXPECT_EQ(n1.min, -2);
  EXPECT_EQ(n1.max, 2);
}

}  // namespace
}  // namespace mote
