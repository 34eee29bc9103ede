// Pieces shared by the elementwise unary kernels (unary.h): the one loop they all run, integer
// limits, two's complement wrapping where TFLite's int32 arithmetic silently wraps, and the int16
// fixed-point primitives of gemmlowp that HARD_SWISH is defined with.
#pragma once

#include <stdint.h>

#include "runtime/kernels/unary.h"
#include "runtime/quant.h"

namespace mote {

// The elementwise loop: output[i] = f(input[i]) over the flattened tensors.
template <typename In, typename Out, typename F>
inline void MapElements(const In* input, Out* output, int32_t size, F f) {
  for (int32_t i = 0; i < size; ++i) output[i] = f(input[i]);
}

template <typename T>
struct IntLimits;
template <>
struct IntLimits<int8_t> {
  static constexpr int32_t kMin = -128, kMax = 127;
};
template <>
struct IntLimits<uint8_t> {
  static constexpr int32_t kMin = 0, kMax = 255;
};
template <>
struct IntLimits<int16_t> {
  static constexpr int32_t kMin = -32768, kMax = 32767;
};
template <>
struct IntLimits<int32_t> {
  static constexpr int32_t kMin = INT32_MIN, kMax = INT32_MAX;
};

template <typename T>
constexpr T SaturateTo(int32_t v) {
  return static_cast<T>(Clamp(v, IntLimits<T>::kMin, IntLimits<T>::kMax));
}

// int32 - with wrap-around (WrappingAdd is in quant.h): TFLite computes `x - zero_point` in plain
// int32, which wraps on every target it runs on; this keeps that result without the undefined
// behaviour.
constexpr int32_t WrappingSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

// TFLite's Requantize: (x - input zero point) rescaled, plus the output zero point, saturated to
// the output type.
template <typename Out, typename In>
inline Out Requantize(const UnaryParams& p, In x) {
  const int32_t centered = WrappingSub(static_cast<int32_t>(x), p.input_offset);
  const int32_t scaled = MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift);
  return SaturateTo<Out>(WrappingAdd(scaled, p.output_offset));
}

// One element of each integer op whose int8 and int16 kernels share the arithmetic. `x` is the
// raw input value; the result is already in the output type's range.

// RELU: rescale, then clamp to [act_min, act_max], max first as in TFLite.
inline int32_t ReluElement(const UnaryParams& p, int32_t x) {
  const int32_t scaled = MultiplyByQuantizedMultiplier(x - p.input_offset, p.multiplier, p.shift);
  return Min(Max(WrappingAdd(scaled, p.output_offset), p.act_min), p.act_max);
}

// RELU6: a clamp in the input's own quantization, upper bound first as in TFLite.
inline int32_t Relu6Element(const UnaryParams& p, int32_t x) {
  return x > p.act_max ? p.act_max : (x < p.act_min ? p.act_min : x);
}

// LEAKY_RELU: one multiplier for x >= zero point, the alpha-scaled one below it.
inline int32_t LeakyReluElement(const UnaryParams& p, int32_t x) {
  const int32_t centered = x - p.input_offset;
  const int32_t scaled =
      centered >= 0 ? MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift)
                    : MultiplyByQuantizedMultiplier(centered, p.alt_multiplier, p.alt_shift);
  return Min(Max(WrappingAdd(scaled, p.output_offset), p.act_min), p.act_max);
}

// ABS: |x - zero point|, rescaled only when the scales differ.
inline int32_t AbsElement(const UnaryParams& p, int32_t x) {
  const int32_t magnitude = x >= p.input_offset ? x - p.input_offset : p.input_offset - x;
  const int32_t scaled =
      p.rescale ? MultiplyByQuantizedMultiplier(magnitude, p.multiplier, p.shift) : magnitude;
  return Clamp(WrappingAdd(scaled, p.output_offset), p.act_min, p.act_max);
}

// --- gemmlowp's int16 fixed point, as TFLite's HARD_SWISH uses it ---------------------------

// round(a * b / 2^15), saturating the one overflow case a == b == INT16_MIN.
constexpr int16_t SaturatingRoundingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// a * b / 2^15 truncated toward zero (Arm's SQDMULH), saturating as above.
constexpr int16_t SaturatingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  return static_cast<int16_t>(static_cast<int32_t>(a) * static_cast<int32_t>(b) / (1 << 15));
}

// gemmlowp's RoundingDivideByPOT instantiated for int16: the mask and threshold are int16 too,
// so exponents of 16 and more truncate the mask to all ones exactly as the template does.
constexpr int16_t RoundingDivideByPOT16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

// value * 2^amount saturated to int16 (amount <= 30, checked in Prepare).
constexpr int16_t SaturatingLeftShift16(int16_t value, int amount) {
  const int64_t shifted = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(Clamp<int64_t>(shifted, INT16_MIN, INT16_MAX));
}

}  // namespace mote
