#include "runtime/kernels/unary_common.h"

namespace mote {
namespace {

// TFLite's int8 HARD_SWISH, x * relu6(x + 3) / 6, in int16 fixed point. `p.multiplier` maps the
// input (shifted left 7 bits) onto the output scale before the final shift `p.shift` (<= 0);
// `p.alt_multiplier`/`p.alt_shift` map it onto the "reluish" scale where +-3.0 is +-32768.
int8_t HardSwishElement(const UnaryParams& p, int8_t x) {
  const int16_t hires = static_cast<int16_t>((x - p.input_offset) * (1 << 7));
  const int16_t out_multiplier = static_cast<int16_t>(p.multiplier);
  const int16_t preshift_output = SaturatingRoundingDoublingHighMul16(hires, out_multiplier);

  // Rescale to [-3, 3] -> [-1, 1] saturating: a left shift is split so that only its last bit
  // can saturate, after the multiply.
  int16_t reluish = hires;
  if (p.alt_shift > 0) reluish = SaturatingLeftShift16(reluish, p.alt_shift - 1);
  reluish = SaturatingRoundingDoublingHighMul16(reluish, static_cast<int16_t>(p.alt_multiplier));
  if (p.alt_shift > 0) reluish = SaturatingLeftShift16(reluish, 1);
  if (p.alt_shift < 0) reluish = RoundingDivideByPOT16(reluish, -p.alt_shift);
  // [-1, 1] -> [0, 1].
  reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);

  // The truncating multiply cancels the bias of the rounding ones above.
  const int16_t product = SaturatingDoublingHighMul16(reluish, preshift_output);
  int16_t result = RoundingDivideByPOT16(product, -p.shift);
  result = static_cast<int16_t>(result + p.output_offset);  // int16 arithmetic, as in TFLite
  return static_cast<int8_t>(Max<int16_t>(Min<int16_t>(result, INT8_MAX), INT8_MIN));
}

}  // namespace

void hard_swish_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output) {
  MapElements(input, output, p.size, [&p](int8_t x) { return HardSwishElement(p, x); });
}

}  // namespace mote
