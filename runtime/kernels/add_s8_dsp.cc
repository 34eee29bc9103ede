// ADD and SUB int8 without broadcasting, for cores with the DSP extension (Cortex-M4, M7, M33,
// M55); bit-exact with add_s8_ref / sub_s8_ref. Per element the reference rescales both inputs
// and the result with three MultiplyByQuantizedMultiplier roundings; each is computed here as
// requant_dsp.h's single 64-bit multiply-accumulate and shift, with the layer's constants in
// registers and the left shift of the inputs folded into one add-with-shift.
#include "runtime/kernels/add.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

// A right-shift rescale (shift < 0), unpacked for the loop.
struct Rescale {
  uint64_t rounding;
  int32_t multiplier;
  int32_t high_shift;
};

inline Rescale RescaleOf(const ChannelRequant& q) { return {RoundingOf(q), q.multiplier, q.high_shift}; }

inline int32_t Apply(const Rescale& r, int32_t x) {
  const uint64_t base = r.rounding - (static_cast<uint32_t>(x) & 0x80000000u);
  const int64_t sum = static_cast<int64_t>(base) + static_cast<int64_t>(x) * r.multiplier;
  return static_cast<int32_t>(sum >> 32) >> r.high_shift;
}

// All three rescales shift right (the usual case: every shift is <= 0 and a zero shift means a
// rescale factor of at least 1/2, rare for these ratios).
template <AddKind kKind>
void RightShiftLoop(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out, int32_t n, const Rescale& r1,
                    const Rescale& r2, const Rescale& ro) {
  const int32_t shift = p.left_shift;
  // (q + offset) << shift = (q << shift) + (offset << shift); the sum stays far inside int32.
  const int32_t offset1 = ShiftLeftWrapping(p.input1_offset, shift);
  const int32_t offset2 = ShiftLeftWrapping(p.input2_offset, shift);
  const OutputRange range = {p.output_offset, p.act_min, p.act_max};
  const bool full_range = FullRange(range);
  for (int8_t* const end = out + n; out != end;) {
    const int32_t x = Apply(r1, offset1 + ShiftLeftWrapping(*a++, shift));
    const int32_t y = Apply(r2, offset2 + ShiftLeftWrapping(*b++, shift));
    const int32_t v = WrappingAdd(Apply(ro, kKind == AddKind::kAdd ? x + y : x - y), range.offset);
    *out++ = full_range ? static_cast<int8_t>(__ssat(v, 8)) : ClampToS8(v, range);
  }
}

template <AddKind kKind>
void AnyShiftLoop(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out, int32_t n,
                  const ChannelRequant& q1, const ChannelRequant& q2, const ChannelRequant& qo) {
  const OutputRange range = {p.output_offset, p.act_min, p.act_max};
  for (int32_t i = 0; i < n; ++i) {
    const int32_t x = Requantize(q1, ShiftLeftWrapping(a[i] + p.input1_offset, p.left_shift));
    const int32_t y = Requantize(q2, ShiftLeftWrapping(b[i] + p.input2_offset, p.left_shift));
    out[i] = OutputS8(qo, kKind == AddKind::kAdd ? x + y : x - y, range);
  }
}

template <AddKind kKind>
void Run(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out) {
  const int32_t n = static_cast<int32_t>(p.layout.num_elements);
  const ChannelRequant q1 = MakeChannelRequant(p.input1_multiplier, p.input1_shift);
  const ChannelRequant q2 = MakeChannelRequant(p.input2_multiplier, p.input2_shift);
  const ChannelRequant qo = MakeChannelRequant(p.output_multiplier, p.output_shift);
  if (q1.high_shift >= 0 && q2.high_shift >= 0 && qo.high_shift >= 0)
    RightShiftLoop<kKind>(p, a, b, out, n, RescaleOf(q1), RescaleOf(q2), RescaleOf(qo));
  else
    AnyShiftLoop<kKind>(p, a, b, out, n, q1, q2, qo);
}

}  // namespace

// Equal shapes: the layout is one flat run that both inputs walk.
bool AddS8DspSupports(const AddParams& p) {
  return p.layout.rank == 1 && p.layout.strides1[0] == 1 && p.layout.strides2[0] == 1 &&
         p.layout.num_elements <= INT32_MAX;
}

void add_s8_dsp(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Run<AddKind::kAdd>(p, input1, input2, output);
}

void sub_s8_dsp(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  Run<AddKind::kSub>(p, input1, input2, output);
}

}  // namespace mote
