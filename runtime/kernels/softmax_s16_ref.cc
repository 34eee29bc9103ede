#include "runtime/fixed_point.h"
#include "runtime/kernels/softmax.h"

namespace mote {
namespace {

// Table lookup with linear interpolation: the top 9 bits of the (symmetric) input pick the
// interval, the low 7 bits interpolate, rounded.
int16_t LutLookup(int16_t value, const int16_t* lut) {
  const int32_t index = 256 + (value >> 7);
  const int32_t offset = value & 0x7f;
  const int16_t base = lut[index];
  const int16_t slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  const int32_t delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

int16_t SaturateToInt16(int32_t v) { return static_cast<int16_t>(Clamp<int32_t>(v, -32768, 32767)); }

}  // namespace

void softmax_s16_ref(const SoftmaxParams& p, const int16_t* input, int16_t* output) {
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int16_t* in = input + static_cast<int64_t>(row) * p.depth;
    int16_t* out = output + static_cast<int64_t>(row) * p.depth;
    int32_t max_in_row = -32768;
    for (int32_t c = 0; c < p.depth; ++c) max_in_row = Max<int32_t>(max_in_row, in[c]);

    // exp of each difference in Q0.15, kept in the output row until the sum is known.
    int32_t sum_of_exps = 0;  // Q16.15
    for (int32_t c = 0; c < p.depth; ++c) {
      // Differences scaled so that [-65535, 0] covers the table's [-10, 0], recentred to int16.
      const int32_t scaled_diff =
          MultiplyByQuantizedMultiplier(in[c] - max_in_row, p.input_multiplier, p.input_left_shift);
      out[c] = LutLookup(SaturateToInt16(scaled_diff + 32767), p.exp_lut);
      sum_of_exps = fp::WrappingAdd(sum_of_exps, int32_t{out[c]});
    }

    // The sum normalised into [1, 2) with 16 fraction bits; x = sum - 1 in [0, 1), recentred to
    // int16, indexes the 1/(1+x) table. The normalising shift is undone on the products below.
    const int headroom_plus_one = Clamp(fp::CountLeadingZeros(static_cast<uint32_t>(sum_of_exps)), 1, 31);
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int16_t reciprocal =
        LutLookup(SaturateToInt16(shifted_sum - ((1 << 15) + (1 << 16))), p.one_over_one_plus_x_lut);

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = right_shift > 0 ? int64_t{1} << (right_shift - 1) : 0;
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t result =
          static_cast<int32_t>((static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(Clamp<int32_t>(result, 0, 32767));
    }
  }
}

}  // namespace mote
