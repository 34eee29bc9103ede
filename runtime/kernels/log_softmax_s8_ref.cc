#include "runtime/fixed_point.h"
#include "runtime/kernels/softmax.h"

namespace mote {

void log_softmax_s8_ref(const SoftmaxParams& p, const int8_t* input, int8_t* output) {
  constexpr int kInputIntegerBits = 5;
  constexpr int kAccumulationIntegerBits = 12;
  constexpr int kOutputIntegerBits = 4;  // output 16/256 = 2^-4 per LSB
  using F5 = FixedPoint<kInputIntegerBits>;
  using F12 = FixedPoint<kAccumulationIntegerBits>;
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int8_t* in = input + static_cast<int64_t>(row) * p.depth;
    int8_t* out = output + static_cast<int64_t>(row) * p.depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < p.depth; ++c) max_in_row = Max<int32_t>(max_in_row, in[c]);

    F12 sum_of_exps = F12::Zero();
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff < p.diff_min) continue;
      const int32_t diff_q5 = MultiplyByQuantizedMultiplier(diff, p.input_multiplier, p.input_left_shift);
      sum_of_exps = sum_of_exps + Rescale<kAccumulationIntegerBits>(exp_on_negative_values(F5::FromRaw(diff_q5)));
    }
    const int32_t log_sum_q5 = log_x_for_x_greater_than_or_equal_to_1<kInputIntegerBits>(sum_of_exps).raw();

    // Differences whose result x - log_sum would not fit Q5.26 are at the output minimum:
    // map that limit back to input units with the reverse scaling.
    const int32_t adjusted_diff_min =
        Max(p.diff_min - 1, MultiplyByQuantizedMultiplier(fp::WrappingAdd(log_sum_q5, INT32_MIN),
                                                          p.reverse_scaling_divisor,
                                                          -p.reverse_scaling_right_shift));
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff <= adjusted_diff_min) {
        out[c] = -128;
        continue;
      }
      const int32_t diff_q5 = MultiplyByQuantizedMultiplier(diff, p.input_multiplier, p.input_left_shift);
      const int32_t y = RoundingDivideByPOT(fp::WrappingSub(diff_q5, log_sum_q5),
                                            31 - kInputIntegerBits - kOutputIntegerBits) + 127;
      out[c] = static_cast<int8_t>(Clamp<int32_t>(y, -128, 127));
    }
  }
}

}  // namespace mote
