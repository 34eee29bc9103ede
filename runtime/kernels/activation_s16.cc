#include "runtime/kernels/activation_s16.h"

#include <math.h>

#include "runtime/quant.h"

namespace mote {
namespace {

// sigmoid(i / 24) in unsigned Q0.16 for i = 0..255, the table TFLite's int16 kernels read.
// These are TFLite's exact entries (tuned for interpolation, so they are not all plain roundings
// of the formula); bit-exactness depends on every one of them.
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794,
    41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443,
    48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374,
    54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544,
    58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279,
    61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990,
    63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030,
    64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
    64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019,
    65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476,
    65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501,
    65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529,
    65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532,
    65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535};

// The table's input scale is 1/24 per entry; after rescaling, one LSB of the input is 1/(24*2^b)
// with b the interpolation bits below.
struct Rescaler {
  int32_t multiplier;
  int32_t shift;
  int32_t round;
};

Rescaler MakeRescaler(int32_t input_multiplier, int32_t input_left_shift) {
  if (input_multiplier == 0) return {3 << input_left_shift, 0, 0};  // power-of-two input scale
  return {input_multiplier, input_left_shift, input_left_shift > 0 ? 1 << (input_left_shift - 1) : 0};
}

int32_t Rescale(const Rescaler& r, int16_t x) {
  return static_cast<int32_t>((static_cast<int64_t>(x) * r.multiplier + r.round) >> r.shift);
}

// sigmoid(|x|) in Q0.16 << frac_bits, interpolated between table entries.
uint32_t InterpolatedSigmoid(uint32_t abs_x, int frac_bits) {
  const uint32_t index = abs_x >> frac_bits;
  if (index >= 255) return uint32_t{0xFFFF} << frac_bits;
  const uint32_t a = kSigmoidTable[index];
  const uint32_t b = kSigmoidTable[index + 1];
  const uint32_t t = abs_x & ((1u << frac_bits) - 1);
  return (a << frac_bits) + t * (b - a);
}

Status PrepareS16Scaling(float input_scale, bool is_tanh, ActivationS16Params* p) {
  MOTE_ENSURE(input_scale > 0.0f && input_scale < 1e30f, kInvalidModel, "input scale must be positive");
  int log2 = 0;
  bool power_of_two = CheckedLog2(input_scale, &log2);
  const int pot_shift = (15 - 3) + log2;  // 3 integer bits: 2^-12 maps onto the table directly
  power_of_two = power_of_two && (pot_shift == 0 || (is_tanh && pot_shift == 1));
  if (power_of_two) {
    p->input_multiplier = 0;
    p->input_left_shift = pot_shift;
    return Status::Ok();
  }
  // Bring the scale to 1/(3 * 4096) per LSB with a 15-bit multiplier and a right shift.
  double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  MOTE_ENSURE(multiplier <= 32767.0, kUnsupported, "int16 input scale too large (above about 2.7)");
  p->input_multiplier = static_cast<int32_t>(multiplier);
  p->input_left_shift = shift;
  return Status::Ok();
}

}  // namespace

bool CheckedLog2(float x, int* log2_result) {
  *log2_result = 0;
  if (!(x > 0.0f) || x > 3.0e38f) return false;
  const float x_log2 = logf(x) * (1.0f / logf(2.0f));
  const float rounded = RoundHalfAwayFromZero(x_log2);
  *log2_result = static_cast<int>(rounded);
  return fabsf(x_log2 - rounded) < 1e-3f;
}

Status PrepareLogisticS16Scaling(float input_scale, ActivationS16Params* p) {
  return PrepareS16Scaling(input_scale, false, p);
}

Status PrepareTanhS16Scaling(float input_scale, ActivationS16Params* p) {
  return PrepareS16Scaling(input_scale, true, p);
}

void logistic_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t size,
                  const int16_t* input, int16_t* output) {
  // 9 interpolation bits: 7 from the 2^-12 -> 1/24 step and 2 from the factor 3/4 in the scale.
  constexpr int kFracBits = 9;
  const Rescaler r = MakeRescaler(input_multiplier, input_left_shift);
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = Rescale(r, input[i]);
    const uint32_t abs_x = static_cast<uint32_t>(x < 0 ? -x : x);
    uint32_t y = abs_x >> kFracBits >= 255 ? uint32_t{0x7FFF} << (kFracBits + 1)
                                             : InterpolatedSigmoid(abs_x, kFracBits);
    // sigmoid(-x) = 1 - sigmoid(x); Q0.16 << 9 back to Q0.15 with rounding.
    y = x >= 0 ? y + (1u << kFracBits) : (1u << (16 + kFracBits)) - y + (1u << kFracBits) - 1;
    output[i] = static_cast<int16_t>(y >> (kFracBits + 1));
  }
}

void tanh_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t size,
              const int16_t* input, int16_t* output) {
  // One interpolation bit fewer than logistic: tanh reads the table at 2x.
  constexpr int kFracBits = 8;
  const Rescaler r = MakeRescaler(input_multiplier, input_left_shift);
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = Rescale(r, input[i]);
    const uint32_t abs_x = static_cast<uint32_t>(x < 0 ? -x : x);
    int32_t y = static_cast<int32_t>(InterpolatedSigmoid(abs_x, kFracBits));
    // 2 sigmoid - 1 in Q0.15 << 8, rounded.
    y = x >= 0 ? y - (1 << (14 + 9)) + (1 << (9 - 2)) : -y + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
    output[i] = static_cast<int16_t>(y >> kFracBits);
  }
}

}  // namespace mote
