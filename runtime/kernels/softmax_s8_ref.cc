#include "runtime/fixed_point.h"
#include "runtime/kernels/softmax.h"

namespace mote {
namespace {

constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
using FixedPointScaledDiff = FixedPoint<kScaledDiffIntegerBits>;
using FixedPointAccum = FixedPoint<kAccumulationIntegerBits>;

// exp(beta * scale * diff) for a difference to the row maximum (diff <= 0, >= diff_min).
FixedPoint<0> ExpOfDiff(const SoftmaxParams& p, int32_t diff) {
  const int32_t rescaled = MultiplyByQuantizedMultiplierGreaterThanOne(diff, p.input_multiplier, p.input_left_shift);
  return exp_on_negative_values(FixedPointScaledDiff::FromRaw(rescaled));
}

template <typename OutT, int32_t kOutMin, int32_t kOutMax>
void SoftmaxS8(const SoftmaxParams& p, const int8_t* input, OutT* output) {
  constexpr int kOutputBits = 8 * static_cast<int>(sizeof(OutT));
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int8_t* in = input + static_cast<int64_t>(row) * p.depth;
    OutT* out = output + static_cast<int64_t>(row) * p.depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < p.depth; ++c) max_in_row = Max<int32_t>(max_in_row, in[c]);

    FixedPointAccum sum_of_exps = FixedPointAccum::Zero();
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p.diff_min) sum_of_exps = sum_of_exps + Rescale<kAccumulationIntegerBits>(ExpOfDiff(p, diff));
    }

    // 1 / sum = shifted_scale * 2^-num_bits_over_unit; folded into the output rounding shift.
    int num_bits_over_unit = 0;
    const FixedPoint<0> shifted_scale =
        FixedPoint<0>::FromRaw(GetReciprocal(sum_of_exps.raw(), kAccumulationIntegerBits, &num_bits_over_unit));
    const int exponent = num_bits_over_unit + 31 - kOutputBits;

    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff < p.diff_min) {
        out[c] = static_cast<OutT>(kOutMin);
        continue;
      }
      // Beyond a 31-bit shift (a sum of 2^9 or more with int8 output) every quotient rounds to 0.
      const int32_t probability =
          exponent > 31 ? 0 : RoundingDivideByPOT((shifted_scale * ExpOfDiff(p, diff)).raw(), exponent);
      out[c] = static_cast<OutT>(Clamp<int32_t>(probability + kOutMin, kOutMin, kOutMax));
    }
  }
}

}  // namespace

void softmax_s8_ref(const SoftmaxParams& p, const int8_t* input, int8_t* output) {
  SoftmaxS8<int8_t, -128, 127>(p, input, output);
}

void softmax_s8_s16_ref(const SoftmaxParams& p, const int8_t* input, int16_t* output) {
  SoftmaxS8<int16_t, -32768, 32767>(p, input, output);
}

}  // namespace mote
