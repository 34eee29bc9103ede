// Fixed-point math that TFLite's integer kernels are defined by: gemmlowp's FixedPoint type and
// its exp / logistic / tanh / reciprocal approximations, plus TFLite's own additions
// (GetReciprocal, log_x_for_x_greater_than_or_equal_to_1). Softmax, log-softmax, int8
// logistic/tanh and the integer LSTM only match TFLite Micro bit for bit when every rounding
// step, constant and saturation point below is the same as there, so nothing here is "improved".
//
// FixedPoint<I> holds a Q(I).(31-I) value in an int32 (FixedPoint<I, int16_t>: Q(I).(15-I)).
// Plain + and - wrap like the two's complement hardware gemmlowp targets; * is the saturating
// rounding doubling high multiply, and the integer bits of a product add up.
//
// Function names follow gemmlowp/TFLite so that kernels read like the algorithms they reproduce.
// Header-only and freestanding.
#pragma once

#include <stdint.h>

#include "runtime/quant.h"

namespace mote {

// ---- raw integer primitives, for int32_t and int16_t ---------------------------------------
namespace fp {

constexpr int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
constexpr int16_t WrappingAdd(int16_t a, int16_t b) {
  return static_cast<int16_t>(static_cast<uint16_t>(static_cast<uint16_t>(a) + static_cast<uint16_t>(b)));
}
constexpr int32_t WrappingSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
constexpr int16_t WrappingSub(int16_t a, int16_t b) {
  return static_cast<int16_t>(static_cast<uint16_t>(static_cast<uint16_t>(a) - static_cast<uint16_t>(b)));
}
template <typename Raw>
constexpr Raw WrappingNeg(Raw a) { return WrappingSub(Raw(0), a); }

template <typename Raw>
constexpr Raw RawMin() {
  if constexpr (sizeof(Raw) == 4) return INT32_MIN;
  else return INT16_MIN;
}
template <typename Raw>
constexpr Raw RawMax() {
  if constexpr (sizeof(Raw) == 4) return INT32_MAX;
  else return INT16_MAX;
}

// round(a * b / 2^(bits-1)); the only overflow, min * min, saturates to max.
constexpr int32_t DoublingHighMul(int32_t a, int32_t b) { return SaturatingRoundingDoublingHighMul(a, b); }
constexpr int16_t DoublingHighMul(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// x / 2^exponent rounded to nearest, ties away from zero; 0 <= exponent < bits.
constexpr int32_t RoundingShiftRight(int32_t x, int exponent) { return RoundingDivideByPOT(x, exponent); }
constexpr int16_t RoundingShiftRight(int16_t x, int exponent) {
  const int32_t mask = (1 << exponent) - 1;
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

// (a + b) / 2 rounded half away from zero, without intermediate overflow.
constexpr int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}
constexpr int16_t RoundingHalfSum(int16_t a, int16_t b) {
  const int32_t sum = static_cast<int32_t>(a) + static_cast<int32_t>(b);
  return static_cast<int16_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

constexpr int32_t SaturatingAdd(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  return static_cast<int32_t>(Clamp<int64_t>(sum, INT32_MIN, INT32_MAX));
}
constexpr int16_t SaturatingAdd(int16_t a, int16_t b) {
  return static_cast<int16_t>(Clamp<int32_t>(int32_t{a} + int32_t{b}, INT16_MIN, INT16_MAX));
}
constexpr int32_t SaturatingSub(int32_t a, int32_t b) {
  const int64_t diff = static_cast<int64_t>(a) - static_cast<int64_t>(b);
  return static_cast<int32_t>(Clamp<int64_t>(diff, INT32_MIN, INT32_MAX));
}
constexpr int16_t SaturatingSub(int16_t a, int16_t b) {
  return static_cast<int16_t>(Clamp<int32_t>(int32_t{a} - int32_t{b}, INT16_MIN, INT16_MAX));
}

// gemmlowp adds saturating in 16 bits (where a carry would be visible) and wrapping in 32 bits.
constexpr int32_t AddSaturatingIf16Bit(int32_t a, int32_t b) { return WrappingAdd(a, b); }
constexpr int16_t AddSaturatingIf16Bit(int16_t a, int16_t b) { return SaturatingAdd(a, b); }

// x * 2^exponent for a run-time exponent: saturating when exponent > 0, rounding when < 0.
template <typename Raw>
constexpr Raw SaturatingRoundingMultiplyByPOTParam(Raw x, int exponent) {
  if (exponent == 0) return x;
  constexpr int kBits = 8 * static_cast<int>(sizeof(Raw));
  if (exponent < 0) return RoundingShiftRight(x, Min(-exponent, kBits - 1));
  if (exponent >= kBits - 1) return x > 0 ? RawMax<Raw>() : x < 0 ? RawMin<Raw>() : Raw(0);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (kBits - 1 - exponent)) - 1);
  if (x > threshold) return RawMax<Raw>();
  if (x < -threshold) return RawMin<Raw>();
  if constexpr (sizeof(Raw) == 4) return ShiftLeftWrapping(x, exponent);
  else return static_cast<Raw>(static_cast<uint16_t>(static_cast<uint32_t>(x) << exponent));
}

// The same with a compile-time exponent (gemmlowp's SaturatingRoundingMultiplyByPOT<E>).
template <int Exponent, typename Raw>
constexpr Raw SaturatingRoundingMultiplyByPOT(Raw x) {
  return SaturatingRoundingMultiplyByPOTParam<Raw>(x, Exponent);
}

// gemmlowp writes its constants as 32-bit raw values; 16-bit formats take them rounded.
template <typename Raw>
constexpr Raw RescaleConstant(int32_t raw32) {
  if constexpr (sizeof(Raw) == 4) return raw32;
  else return static_cast<Raw>(RoundingDivideByPOT(raw32, 16));
}

constexpr int CountLeadingZeros(uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }

}  // namespace fp

// ---- the FixedPoint value type --------------------------------------------------------------

template <int IntegerBits, typename Raw = int32_t>
class FixedPoint {
 public:
  using RawType = Raw;
  static constexpr int kTotalBits = 8 * static_cast<int>(sizeof(Raw));
  static constexpr int kIntegerBits = IntegerBits;
  static constexpr int kFractionalBits = kTotalBits - 1 - IntegerBits;
  static_assert(sizeof(Raw) == 4 || sizeof(Raw) == 2, "FixedPoint is over int32_t or int16_t");
  static_assert(IntegerBits >= 0 && IntegerBits < kTotalBits, "bad IntegerBits");

  constexpr FixedPoint() = default;
  static constexpr FixedPoint FromRaw(Raw x) {
    FixedPoint f;
    f.raw_ = x;
    return f;
  }
  // A constant from gemmlowp's 32-bit raw spelling (rounded to 16 bits for int16 formats).
  static constexpr FixedPoint FromInt32Constant(int32_t raw32) {
    return FromRaw(fp::RescaleConstant<Raw>(raw32));
  }
  static constexpr FixedPoint Zero() { return FromRaw(0); }
  // With no integer bits 1.0 is not representable: the largest value stands in for it.
  static constexpr FixedPoint One() {
    return FromRaw(IntegerBits == 0 ? fp::RawMax<Raw>()
                                    : static_cast<Raw>(Raw(1) << (IntegerBits == 0 ? 0 : kFractionalBits)));
  }
  // 2^Exponent, exactly representable.
  template <int Exponent>
  static constexpr FixedPoint ConstantPOT() {
    static_assert(kFractionalBits + Exponent >= 0 && kFractionalBits + Exponent < kTotalBits - 1,
                  "2^Exponent is not representable in this format");
    return FromRaw(static_cast<Raw>(Raw(1) << (kFractionalBits + Exponent)));
  }

  constexpr Raw raw() const { return raw_; }

 private:
  Raw raw_ = 0;
};

template <int I, typename Raw>
constexpr FixedPoint<I, Raw> operator+(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::WrappingAdd(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> operator-(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::WrappingSub(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> operator-(FixedPoint<I, Raw> a) {
  return FixedPoint<I, Raw>::FromRaw(fp::WrappingNeg(a.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> operator&(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(static_cast<Raw>(a.raw() & b.raw()));
}
template <int IA, int IB, typename Raw>
constexpr FixedPoint<IA + IB, Raw> operator*(FixedPoint<IA, Raw> a, FixedPoint<IB, Raw> b) {
  return FixedPoint<IA + IB, Raw>::FromRaw(fp::DoublingHighMul(a.raw(), b.raw()));
}

// Multiplies by 2^Exponent by reinterpreting the integer bits: exact, the raw value is kept.
template <int Exponent, int I, typename Raw>
constexpr FixedPoint<I + Exponent, Raw> ExactMulByPot(FixedPoint<I, Raw> a) {
  return FixedPoint<I + Exponent, Raw>::FromRaw(a.raw());
}

// Multiplies by 2^Exponent keeping the format: saturating up, rounding down.
template <int Exponent, int I, typename Raw>
constexpr FixedPoint<I, Raw> SaturatingRoundingMultiplyByPOT(FixedPoint<I, Raw> a) {
  return FixedPoint<I, Raw>::FromRaw(fp::SaturatingRoundingMultiplyByPOT<Exponent>(a.raw()));
}

// Converts to another number of integer bits, with saturation / rounding.
template <int IDst, int ISrc, typename Raw>
constexpr FixedPoint<IDst, Raw> Rescale(FixedPoint<ISrc, Raw> a) {
  return FixedPoint<IDst, Raw>::FromRaw(fp::SaturatingRoundingMultiplyByPOT<ISrc - IDst>(a.raw()));
}

template <int I, typename Raw>
constexpr FixedPoint<I, Raw> RoundingHalfSum(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::RoundingHalfSum(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> AddSaturatingIf16Bit(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::AddSaturatingIf16Bit(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> SaturatingAdd(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::SaturatingAdd(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> SaturatingSub(FixedPoint<I, Raw> a, FixedPoint<I, Raw> b) {
  return FixedPoint<I, Raw>::FromRaw(fp::SaturatingSub(a.raw(), b.raw()));
}
template <int I, typename Raw>
constexpr FixedPoint<I, Raw> SaturatingRoundingMultiplyByPOTParam(FixedPoint<I, Raw> a, int exponent) {
  return FixedPoint<I, Raw>::FromRaw(fp::SaturatingRoundingMultiplyByPOTParam(a.raw(), exponent));
}

template <int I, typename Raw>
constexpr double ToDouble(FixedPoint<I, Raw> a) {
  return static_cast<double>(a.raw()) / static_cast<double>(int64_t{1} << FixedPoint<I, Raw>::kFractionalBits);
}

// ---- exp ------------------------------------------------------------------------------------

// exp(a) for a in [-1/4, 0): a 4th-order Taylor expansion around -1/8.
template <typename Raw>
constexpr FixedPoint<0, Raw> exp_on_interval_between_negative_one_quarter_and_0_excl(FixedPoint<0, Raw> a) {
  using F = FixedPoint<0, Raw>;
  const F exp_minus_one_eighth = F::FromInt32Constant(1895147668);  // exp(-1/8)
  const F one_third = F::FromInt32Constant(715827883);              // 1/3
  const F x = a + F::template ConstantPOT<-3>();
  const F x2 = x * x;
  const F x3 = x2 * x;
  const F x4 = x2 * x2;
  const F x4_over_4 = SaturatingRoundingMultiplyByPOT<-2>(x4);
  const F x4_over_24_plus_x3_over_6_plus_x2_over_2 =
      SaturatingRoundingMultiplyByPOT<-1>(((x4_over_4 + x3) * one_third) + x2);
  return AddSaturatingIf16Bit(exp_minus_one_eighth,
                              exp_minus_one_eighth * (x + x4_over_24_plus_x3_over_6_plus_x2_over_2));
}

// exp(a) for a <= 0: the fraction modulo 1/4 goes through the Taylor step, then each set bit of
// the remaining multiple of 1/4 multiplies in a tabulated exp(-2^k).
template <int I, typename Raw>
constexpr FixedPoint<0, Raw> exp_on_negative_values(FixedPoint<I, Raw> a) {
  using InputF = FixedPoint<I, Raw>;
  using ResultF = FixedPoint<0, Raw>;
  constexpr int kFractionalBits = InputF::kFractionalBits;
  // round(2^31 * exp(-2^k)) for k = -2 .. 4.
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  const InputF one_quarter = InputF::template ConstantPOT<-2>();
  const InputF mask = one_quarter - InputF::FromRaw(1);
  const InputF a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
  ResultF result = exp_on_interval_between_negative_one_quarter_and_0_excl(
      Rescale<0>(a_mod_quarter_minus_one_quarter));
  const Raw remainder = (a_mod_quarter_minus_one_quarter - a).raw();
  for (int k = -2; k <= 4 && k < I; ++k) {
    const int bit = kFractionalBits + k;
    if (remainder & (Raw(1) << bit))
      result = result * ResultF::FromInt32Constant(kExpMinusPowerOfTwo[k + 2]);
  }
  if constexpr (I > 5) {
    // Below -32 the product above is meaningless (exp(-32) is far below one LSB): flush to 0.
    const InputF minus_32 = InputF::FromInt32Constant(-(1 << (36 - I)));
    if (a.raw() < minus_32.raw()) result = ResultF::Zero();
  }
  if (a.raw() == 0) result = ResultF::One();
  return result;
}

// ---- rational functions by Newton-Raphson division ------------------------------------------

namespace fp {
// 1 / (2 * half_denominator) in Q2.29 by three Newton-Raphson steps from the 48/17 - 32/17 x guess.
template <typename Raw>
constexpr FixedPoint<2, Raw> NewtonReciprocalOfDoubled(FixedPoint<0, Raw> half_denominator) {
  using F2 = FixedPoint<2, Raw>;
  const F2 c48_over_17 = F2::FromInt32Constant(1515870810);
  const F2 c_neg_32_over_17 = F2::FromInt32Constant(-1010580540);
  F2 x = c48_over_17 + half_denominator * c_neg_32_over_17;
  for (int i = 0; i < 3; ++i) {
    const F2 half_denominator_times_x = half_denominator * x;
    const F2 one_minus_half_denominator_times_x = F2::One() - half_denominator_times_x;
    x = x + Rescale<2>(x * one_minus_half_denominator_times_x);
  }
  return x;
}
}  // namespace fp

// (1 - a) / (1 + a) for a in (0, 1).
template <typename Raw>
constexpr FixedPoint<0, Raw> one_minus_x_over_one_plus_x_for_x_in_0_1(FixedPoint<0, Raw> a) {
  using F0 = FixedPoint<0, Raw>;
  using F2 = FixedPoint<2, Raw>;
  const F2 x = fp::NewtonReciprocalOfDoubled(RoundingHalfSum(a, F0::One()));
  return Rescale<0>(x - F2::One());
}

// 1 / (1 + a) for a in (0, 1).
template <typename Raw>
constexpr FixedPoint<0, Raw> one_over_one_plus_x_for_x_in_0_1(FixedPoint<0, Raw> a) {
  using F0 = FixedPoint<0, Raw>;
  const auto x = fp::NewtonReciprocalOfDoubled(RoundingHalfSum(a, F0::One()));
  return Rescale<0>(ExactMulByPot<-1>(x));
}

// ---- tanh and logistic ----------------------------------------------------------------------

// -tanh(a) for a <= 0, as (1 - exp(2a)) / (1 + exp(2a)).
template <int I, typename Raw>
constexpr FixedPoint<0, Raw> neg_tanh_on_negative_values(FixedPoint<I, Raw> a) {
  return one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(ExactMulByPot<1>(a)));
}

template <int I, typename Raw>
constexpr FixedPoint<0, Raw> tanh(FixedPoint<I, Raw> a) {
  using ResultF = FixedPoint<0, Raw>;
  if (a.raw() == 0) return ResultF::Zero();
  const bool negative = a.raw() < 0;
  const ResultF t = neg_tanh_on_negative_values(negative ? a : -a);
  return negative ? -t : t;
}

// 1 / (1 + exp(-a)) for a > 0.
template <int I, typename Raw>
constexpr FixedPoint<0, Raw> logistic_on_positive_values(FixedPoint<I, Raw> a) {
  return one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-a));
}

template <int I, typename Raw>
constexpr FixedPoint<0, Raw> logistic(FixedPoint<I, Raw> a) {
  using ResultF = FixedPoint<0, Raw>;
  if (a.raw() == 0) return ResultF::FromInt32Constant(1 << 30);  // 1/2
  const bool positive = a.raw() > 0;
  const ResultF result_if_positive = logistic_on_positive_values(positive ? a : -a);
  return positive ? result_if_positive : ResultF::One() - result_if_positive;
}

// ---- TFLite additions (kernels/internal/common.h) -------------------------------------------

// 1 / x as a Q0.31 mantissa, for a positive x with x_integer_digits integer bits:
// 1/x = result * 2^-num_bits_over_unit.
constexpr int32_t GetReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = fp::CountLeadingZeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const uint32_t normalized = headroom_plus_one >= 32 ? 0u : static_cast<uint32_t>(x) << headroom_plus_one;
  const int32_t shifted_sum_minus_one = static_cast<int32_t>(normalized - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(FixedPoint<0>::FromRaw(shifted_sum_minus_one)).raw();
}

// Integer bits a log_x output needs for an input with input_bits integer bits.
constexpr int MinLogXOutputBits(int input_bits) {
  return input_bits > 90 ? 7 : input_bits > 44 ? 6 : input_bits > 21 ? 5 : input_bits > 10 ? 4
         : input_bits > 4 ? 3 : input_bits > 1 ? 2 : 1;
}

// ln(x) for x >= 1 (it stays accurate down to 1 / the largest input): x = 2^z * r with r
// around 1, ln(x) = z ln 2 + a rational approximation of ln(r). Accumulated with one extra
// integer bit so that a saturated z ln 2 does not corrupt the sum.
template <int OutputIntegerBits, int InputIntegerBits>
constexpr FixedPoint<OutputIntegerBits> log_x_for_x_greater_than_or_equal_to_1(
    FixedPoint<InputIntegerBits> input_val) {
  static_assert(OutputIntegerBits >= MinLogXOutputBits(InputIntegerBits),
                "too few output integer bits for the log of this input range");
  using F0 = FixedPoint<0>;
  constexpr int kAccumIntegerBits = OutputIntegerBits + 1;
  using FAccum = FixedPoint<kAccumIntegerBits>;

  const F0 log_2 = F0::FromRaw(1488522236);           // ln 2
  const F0 sqrt_sqrt_half = F0::FromRaw(1805811301);  // 2^-1/4
  const F0 sqrt_half = F0::FromRaw(1518500250);       // 2^-1/2
  const F0 one_quarter = F0::FromRaw(536870912);
  const F0 alpha_n = F0::FromRaw(117049297);    // 11/240 * 2^1/4
  const F0 alpha_d = F0::FromRaw(127690142);    // 1/20 * 2^1/4
  const F0 alpha_i = F0::FromRaw(1057819769);   // 2 / 2^1/4 - 2^1/4
  const F0 alpha_f = F0::FromRaw(638450708);    // 1/4 * 2^1/4
  const FAccum shifted_quarter = Rescale<kAccumIntegerBits>(one_quarter);

  // The input reinterpreted as Q0.31; the exponent is tracked separately.
  const F0 z_a = F0::FromRaw(input_val.raw());
  const int z_a_headroom_plus_1 = fp::CountLeadingZeros(static_cast<uint32_t>(z_a.raw()));
  const F0 r_a_tmp = SaturatingRoundingMultiplyByPOTParam(z_a, z_a_headroom_plus_1 - 1);
  const int32_t r_a_raw = fp::SaturatingRoundingMultiplyByPOTParam((r_a_tmp * sqrt_half).raw(), 1);
  const FAccum z_a_pow_2_adj = SaturatingAdd(
      FAccum::FromRaw(fp::SaturatingRoundingMultiplyByPOTParam(
          static_cast<int32_t>(InputIntegerBits - z_a_headroom_plus_1), 31 - kAccumIntegerBits)),
      shifted_quarter);

  // The same normalisation of z * sqrt(1/2), which picks the other half-octave.
  const F0 z_b = z_a * sqrt_half;
  const int z_b_headroom = fp::CountLeadingZeros(static_cast<uint32_t>(z_b.raw())) - 1;
  const int32_t r_b_raw = fp::SaturatingRoundingMultiplyByPOTParam(z_a.raw(), z_b_headroom);
  const FAccum z_b_pow_2_adj = SaturatingSub(
      FAccum::FromRaw(fp::SaturatingRoundingMultiplyByPOTParam(
          static_cast<int32_t>(InputIntegerBits - z_b_headroom), 31 - kAccumIntegerBits)),
      shifted_quarter);

  const F0 r = F0::FromRaw(Min(r_a_raw, r_b_raw));
  const FAccum z_pow_2_adj = FAccum::FromRaw(Max(z_a_pow_2_adj.raw(), z_b_pow_2_adj.raw()));

  const F0 p = RoundingHalfSum(r, sqrt_sqrt_half);
  F0 q = r - sqrt_sqrt_half;
  q = q + q;
  const F0 common_sq = q * q;
  const F0 num = q * r + q * common_sq * alpha_n;
  const F0 denom_minus_one_0 = p * (alpha_i + q + alpha_d * common_sq) + alpha_f * q;
  const F0 recip_denom = one_over_one_plus_x_for_x_in_0_1(denom_minus_one_0);

  const FAccum num_scaled = Rescale<kAccumIntegerBits>(num);
  return Rescale<OutputIntegerBits>(z_pow_2_adj * log_2 + num_scaled * recip_denom);
}

}  // namespace mote
