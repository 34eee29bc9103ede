// runtime/fixed_point.h against double-precision math: every approximation must stay within a
// few LSBs of the true function over its whole domain, in 32- and 16-bit formats, and the
// primitives must round and saturate exactly as documented.
#include "runtime/fixed_point.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mote {
namespace {

template <int I, typename Raw = int32_t>
FixedPoint<I, Raw> FromDouble(double x) {
  using F = FixedPoint<I, Raw>;
  const double scaled = std::round(x * std::ldexp(1.0, F::kFractionalBits));
  const double lo = static_cast<double>(fp::RawMin<Raw>());
  const double hi = static_cast<double>(fp::RawMax<Raw>());
  return F::FromRaw(static_cast<Raw>(std::fmin(std::fmax(scaled, lo), hi)));
}

// Raw values of FixedPoint<I, Raw> drawn uniformly from [lo, hi] (real units).
template <int I, typename Raw = int32_t>
std::vector<FixedPoint<I, Raw>> Samples(std::mt19937& rng, double lo, double hi, int n) {
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<FixedPoint<I, Raw>> v;
  for (int i = 0; i < n; ++i) v.push_back(FromDouble<I, Raw>(d(rng)));
  return v;
}

// ---- primitives ------------------------------------------------------------------------------

TEST(FixedPointPrimitives, DoublingHighMulInt16MatchesRoundedProduct) {
  for (int a = -32768; a <= 32767; a += 97)
    for (int b = -32768; b <= 32767; b += 89) {
      if (a == INT16_MIN && b == INT16_MIN) continue;  // the saturating case, checked below
      const int16_t got = fp::DoublingHighMul(static_cast<int16_t>(a), static_cast<int16_t>(b));
      // Ties round towards +infinity (the nudge is 2^14 up, or 2^14 - 1 down before truncation).
      const double rounded = std::floor(static_cast<double>(a) * b / 32768.0 + 0.5);
      ASSERT_EQ(got, static_cast<int16_t>(rounded)) << a << " * " << b;
    }
  EXPECT_EQ(fp::DoublingHighMul(int16_t{INT16_MIN}, int16_t{INT16_MIN}), INT16_MAX);
}

TEST(FixedPointPrimitives, RoundingShiftRightRoundsHalfAwayFromZero) {
  for (int e = 0; e < 15; ++e)
    for (int x = -32768; x <= 32767; x += 7) {
      const double exact = x / std::ldexp(1.0, e);
      const double rounded = exact >= 0 ? std::floor(exact + 0.5) : std::ceil(exact - 0.5);
      ASSERT_EQ(fp::RoundingShiftRight(static_cast<int16_t>(x), e), static_cast<int16_t>(rounded))
          << x << " >> " << e;
      ASSERT_EQ(fp::RoundingShiftRight(static_cast<int32_t>(x) * 65536 + 1, e + 16),
                static_cast<int32_t>(std::round(((static_cast<double>(x) * 65536) + 1) / std::ldexp(1.0, e + 16))))
          << x << " (32-bit) >> " << e + 16;
    }
}

TEST(FixedPointPrimitives, MultiplyByPOTParamSaturatesAndRounds) {
  struct Case {
    const char* name;
    int32_t x;
    int exponent;
    int32_t want;
  };
  const Case cases[] = {
      {"zero exponent", 12345, 0, 12345},
      {"exact left shift", 3, 4, 48},
      {"just below saturation", (1 << 27) - 1, 4, ((1 << 27) - 1) * 16},
      {"positive saturation", 1 << 27, 4, INT32_MAX},
      {"negative saturation", -(1 << 27), 4, INT32_MIN},
      {"negative just inside", -(1 << 27) + 1, 4, (-(1 << 27) + 1) * 16},
      {"right shift rounds up", 3, -1, 2},
      {"right shift rounds away (negative)", -3, -1, -2},
      {"shift by 31 saturates", 1, 31, INT32_MAX},
      {"shift by 31 keeps zero", 0, 31, 0},
  };
  for (const Case& c : cases)
    EXPECT_EQ(fp::SaturatingRoundingMultiplyByPOTParam(c.x, c.exponent), c.want) << c.name;
  EXPECT_EQ(fp::SaturatingRoundingMultiplyByPOTParam(int16_t{1 << 11}, 4), INT16_MAX);
  EXPECT_EQ(fp::SaturatingRoundingMultiplyByPOTParam(int16_t{-(1 << 11)}, 4), INT16_MIN);
  EXPECT_EQ(fp::SaturatingRoundingMultiplyByPOTParam(int16_t{(1 << 11) - 1}, 4), ((1 << 11) - 1) * 16);
}

TEST(FixedPointPrimitives, ConstantsAndRescale) {
  EXPECT_EQ(FixedPoint<0>::One().raw(), INT32_MAX);
  EXPECT_EQ(FixedPoint<4>::One().raw(), 1 << 27);
  EXPECT_EQ((FixedPoint<4>::ConstantPOT<-2>().raw()), 1 << 25);
  EXPECT_EQ((FixedPoint<2, int16_t>::One().raw()), 1 << 13);
  // 16-bit formats take gemmlowp's 32-bit constants rounded.
  EXPECT_EQ((FixedPoint<0, int16_t>::FromInt32Constant(1895147668).raw()), 28918);
  // Rescale to fewer integer bits saturates, to more rounds.
  EXPECT_EQ(Rescale<0>(FixedPoint<4>::FromRaw(1 << 27)).raw(), INT32_MAX);
  EXPECT_EQ(Rescale<4>(FixedPoint<0>::FromRaw(24)).raw(), 2);
  EXPECT_EQ(Rescale<4>(FixedPoint<0>::FromRaw(-24)).raw(), -2);
  // Q1.30 x Q2.29 -> Q3.28: raw 6 (6 * 2^-30) times 2.0 is raw 3 (12 * 2^-30).
  EXPECT_EQ((FixedPoint<1>::FromRaw(6) * FixedPoint<2>::FromRaw(1 << 30)).raw(), 3);
  EXPECT_EQ((ExactMulByPot<-1>(FixedPoint<2>::FromRaw(77))).raw(), 77);
  // Wrap-around add (gemmlowp's plain int add), saturating only where asked.
  EXPECT_EQ((FixedPoint<0>::FromRaw(INT32_MAX) + FixedPoint<0>::FromRaw(1)).raw(), INT32_MIN);
  EXPECT_EQ(SaturatingAdd(FixedPoint<0>::FromRaw(INT32_MAX), FixedPoint<0>::FromRaw(1)).raw(), INT32_MAX);
  EXPECT_EQ(SaturatingSub(FixedPoint<0>::FromRaw(INT32_MIN), FixedPoint<0>::FromRaw(1)).raw(), INT32_MIN);
}

// ---- approximations against double math -----------------------------------------------------

struct Accuracy {
  const char* name;
  double lo, hi;           // input range
  double tolerance;        // absolute, in real units
};

template <int I, typename Raw, typename Fn, typename Ref>
void CheckAccuracy(const Accuracy& a, Fn fn, Ref ref, uint32_t seed) {
  std::mt19937 rng(seed);
  double worst = 0;
  for (const auto& x : Samples<I, Raw>(rng, a.lo, a.hi, 20000)) {
    const double got = ToDouble(fn(x));
    const double want = ref(ToDouble(x));
    worst = std::fmax(worst, std::fabs(got - want));
    ASSERT_NEAR(got, want, a.tolerance) << a.name << " at x=" << ToDouble(x) << " raw " << x.raw();
  }
  ::testing::Test::RecordProperty(a.name, std::to_string(worst));
}

TEST(FixedPointMath, ExpOnIntervalNearMinusQuarter) {
  CheckAccuracy<0, int32_t>({"exp on [-1/4,0) q0.31", -0.25, -1e-9, 3e-7},
                            [](FixedPoint<0> x) { return exp_on_interval_between_negative_one_quarter_and_0_excl(x); },
                            [](double x) { return std::exp(x); }, 1);
}

TEST(FixedPointMath, ExpOnNegativeValuesAllFormats) {
  auto ref = [](double x) { return std::exp(x); };
  CheckAccuracy<1, int32_t>({"exp q1", -2.0, 0.0, 5e-7}, [](auto x) { return exp_on_negative_values(x); }, ref, 2);
  CheckAccuracy<4, int32_t>({"exp q4", -16.0, 0.0, 5e-7}, [](auto x) { return exp_on_negative_values(x); }, ref, 3);
  CheckAccuracy<5, int32_t>({"exp q5", -32.0, 0.0, 5e-7}, [](auto x) { return exp_on_negative_values(x); }, ref, 4);
  CheckAccuracy<6, int32_t>({"exp q6 (clamps below -32)", -64.0, 0.0, 5e-7},
                            [](auto x) { return exp_on_negative_values(x); }, ref, 5);
  CheckAccuracy<12, int32_t>({"exp q12", -2000.0, 0.0, 5e-7}, [](auto x) { return exp_on_negative_values(x); }, ref, 6);
  CheckAccuracy<3, int16_t>({"exp q3 int16", -8.0, 0.0, 8.0 / 32768},
                            [](auto x) { return exp_on_negative_values(x); }, ref, 7);
  EXPECT_EQ(exp_on_negative_values(FixedPoint<5>::Zero()).raw(), INT32_MAX);
}

TEST(FixedPointMath, TanhAndLogistic) {
  auto tanh_ref = [](double x) { return std::tanh(x); };
  auto logistic_ref = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  auto tanh_fn = [](auto x) { return tanh(x); };
  auto logistic_fn = [](auto x) { return logistic(x); };
  CheckAccuracy<4, int32_t>({"tanh q4", -16.0, 16.0, 1e-6}, tanh_fn, tanh_ref, 11);
  CheckAccuracy<0, int32_t>({"tanh q0", -1.0, 1.0, 1e-6}, tanh_fn, tanh_ref, 12);
  CheckAccuracy<4, int32_t>({"logistic q4", -16.0, 16.0, 1e-6}, logistic_fn, logistic_ref, 13);
  CheckAccuracy<3, int32_t>({"logistic q3", -8.0, 8.0, 1e-6}, logistic_fn, logistic_ref, 14);
  CheckAccuracy<3, int16_t>({"tanh q3 int16", -8.0, 8.0, 12.0 / 32768}, tanh_fn, tanh_ref, 15);
  CheckAccuracy<3, int16_t>({"logistic q3 int16", -8.0, 8.0, 12.0 / 32768}, logistic_fn, logistic_ref, 16);
  EXPECT_EQ(logistic(FixedPoint<4>::Zero()).raw(), 1 << 30);
  EXPECT_EQ(tanh(FixedPoint<4>::Zero()).raw(), 0);
  EXPECT_EQ(tanh(FixedPoint<4>::FromRaw(INT32_MIN)).raw(), -INT32_MAX);
}

TEST(FixedPointMath, RationalFunctions) {
  CheckAccuracy<0, int32_t>({"1/(1+x)", 0.0, 1.0, 1e-8},
                            [](auto x) { return one_over_one_plus_x_for_x_in_0_1(x); },
                            [](double x) { return 1.0 / (1.0 + x); }, 21);
  CheckAccuracy<0, int32_t>({"(1-x)/(1+x)", 0.0, 1.0, 1e-8},
                            [](auto x) { return one_minus_x_over_one_plus_x_for_x_in_0_1(x); },
                            [](double x) { return (1.0 - x) / (1.0 + x); }, 22);
}

TEST(FixedPointMath, GetReciprocal) {
  std::mt19937 rng(31);
  std::uniform_real_distribution<double> d(0.0, 11.9);
  for (int i = 0; i < 20000; ++i) {
    const double x = std::exp2(d(rng));  // 1 .. ~3800 in Q12.19
    const FixedPoint<12> fx = FromDouble<12>(x);
    int num_bits_over_unit = 0;
    const int32_t scale = GetReciprocal(fx.raw(), 12, &num_bits_over_unit);
    const double got = scale / std::ldexp(1.0, 31 + num_bits_over_unit);
    ASSERT_NEAR(got * ToDouble(fx), 1.0, 5e-9) << x;
    ASSERT_GE(num_bits_over_unit, 0);
  }
  int bits = -1;
  EXPECT_NEAR(GetReciprocal(1 << 19, 12, &bits) / std::ldexp(1.0, 31), 1.0, 1e-9);
  EXPECT_EQ(bits, 0);
}

TEST(FixedPointMath, LogOfValuesAtLeastOne) {
  std::mt19937 rng(41);
  std::uniform_real_distribution<double> d(0.0, 11.99);
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    const FixedPoint<12> x = FromDouble<12>(std::exp2(d(rng)));
    const double got = ToDouble(log_x_for_x_greater_than_or_equal_to_1<5>(x));
    worst = std::fmax(worst, std::fabs(got - std::log(ToDouble(x))));
    ASSERT_NEAR(got, std::log(ToDouble(x)), 2e-7) << ToDouble(x);
  }
  RecordProperty("log worst", std::to_string(worst));
  EXPECT_NEAR(ToDouble(log_x_for_x_greater_than_or_equal_to_1<5>(FixedPoint<12>::One())), 0.0, 1e-7);
  // Another input format, as softmax-style callers may use.
  const FixedPoint<5> e = FromDouble<5>(std::exp(1.0));
  EXPECT_NEAR(ToDouble(log_x_for_x_greater_than_or_equal_to_1<3>(e)), 1.0, 2e-7);
}

}  // namespace
}  // namespace mote
