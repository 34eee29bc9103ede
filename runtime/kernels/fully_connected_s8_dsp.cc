// FULLY_CONNECTED int8 for cores with the DSP extension (Cortex-M4, M7, M33, M55), bit-exact with
// fully_connected_s8_ref: the same int32 sums (reordered; integer addition wraps the same in any
// order) and the same requantization (requant_dsp.h).
//
// Each input vector is first widened once into the scratch buffer: 16-bit values with the input
// offset added, in groups of four elements e0..e3 stored as the halfword pairs (e0, e2), (e1, e3),
// the order SXTB16 and SXTB16-ROR8 produce from four filter bytes. Then two filter rows at a time
// walk the widened vector: one LDM brings eight input elements, and every filter word (four
// weights, sign-extended by two SXTB16) feeds two SMLADs. A window length that is not a multiple
// of 4 ends with a group padded by the input zero point (0 after the offset) on the input side
// and zero weights on the filter side.
//
// Vectors longer than kMaxWidened elements are not widened (the buffer would cost more arena than
// the layer is worth): three rows at a time then widen each input word in the loop.
#include "runtime/kernels/acle.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/requant_dsp.h"

namespace mote {
namespace {

constexpr int32_t kMaxWidened = 1024;  // input elements widened into scratch (2 KiB)

bool WidensInput(const FullyConnectedParams& p) { return p.accum_depth <= kMaxWidened; }

struct Vector {
  const int32_t* groups;  // widened input: two words per group of four elements
  int32_t full;           // whole groups
  int32_t tail;           // elements in a last, partial group (0: none)
};

Vector Widen(const FullyConnectedParams& p, const int8_t* in, int32_t* dst) {
  const int32_t offset_pair = static_cast<int32_t>((static_cast<uint32_t>(p.input_offset) & 0xFFFFu) |
                                                   (static_cast<uint32_t>(p.input_offset) << 16));
  const Vector v = {dst, p.accum_depth / 4, p.accum_depth % 4};
  for (int32_t g = 0; g < v.full; ++g, in += 4, dst += 2) {
    const int32_t x = Load32(in);
    dst[0] = __sxtab16(offset_pair, x);
    dst[1] = SxtabOdd(offset_pair, x);
  }
  if (v.tail > 0) {
    const uint8_t zero_point = static_cast<uint8_t>(-p.input_offset);
    uint32_t x = 0;
    for (int32_t i = 0; i < 4; ++i) x |= static_cast<uint32_t>(i < v.tail ? static_cast<uint8_t>(in[i]) : zero_point) << (8 * i);
    dst[0] = __sxtab16(offset_pair, static_cast<int32_t>(x));
    dst[1] = SxtabOdd(offset_pair, static_cast<int32_t>(x));
  }
  return v;
}

// The last filter word of a row whose length is not a multiple of 4: the remaining bytes, zero
// above.
inline int32_t TailWord(const int8_t* w, int32_t remaining) {
  uint32_t v = 0;
  for (int32_t i = 0; i < remaining; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[i])) << (8 * i);
  return static_cast<int32_t>(v);
}

// Four weights against a widened group (even, odd).
inline int32_t Dot4(int32_t w, int32_t even, int32_t odd, int32_t acc) {
  acc = __smlad(SxtbEven(w), even, acc);
  return __smlad(SxtbOdd(w), odd, acc);
}

struct Pair {
  int32_t a0, a1;
};

// Rows w0 and w1 against the whole groups, two groups per step. Out of line: alone, the loop fits
// the core's registers (four pinned by the LDM, three pointers, two sums, three filter words).
__attribute__((noinline)) Pair TwoRows(const int8_t* w0, const int8_t* w1, const Vector& v, Pair a) {
  const int32_t* x = v.groups;
  const int32_t* const pairs_end = x + 2 * (v.full & ~1);
  while (x != pairs_end) {
    const Words4 g = LoadWords4Advance(x);
    a.a0 = Dot4(LoadWordAdvance(w0), g.w0, g.w1, a.a0);
    a.a1 = Dot4(LoadWordAdvance(w1), g.w0, g.w1, a.a1);
    a.a0 = Dot4(LoadWordAdvance(w0), g.w2, g.w3, a.a0);
    a.a1 = Dot4(LoadWordAdvance(w1), g.w2, g.w3, a.a1);
  }
  if (v.full & 1) {
    a.a0 = Dot4(LoadWordAdvance(w0), x[0], x[1], a.a0);
    a.a1 = Dot4(LoadWordAdvance(w1), x[0], x[1], a.a1);
    x += 2;
  }
  if (v.tail > 0) {
    a.a0 = Dot4(TailWord(w0, v.tail), x[0], x[1], a.a0);
    a.a1 = Dot4(TailWord(w1, v.tail), x[0], x[1], a.a1);
  }
  return a;
}

int32_t OneRow(const int8_t* w, const Vector& v, int32_t acc) {
  const int32_t* x = v.groups;
  for (int32_t g = 0; g < v.full; ++g, x += 2) acc = Dot4(LoadWordAdvance(w), x[0], x[1], acc);
  if (v.tail > 0) acc = Dot4(TailWord(w, v.tail), x[0], x[1], acc);
  return acc;
}

struct Triple {
  int32_t a0, a1, a2;
};

// Rows w0..w2 against the raw input, each input word widened once for the three rows. Out of
// line for the registers, as TwoRows.
__attribute__((noinline)) Triple ThreeRowsUnwidened(const int8_t* w0, const int8_t* in, int32_t depth,
                                                    int32_t offset_pair, Triple a) {
  const int8_t* w1 = w0 + depth;
  const int8_t* w2 = w1 + depth;
  const int8_t* const end = in + (depth & ~3);
  while (in != end) {
    const int32_t x = LoadWordAdvance(in);
    const int32_t even = __sxtab16(offset_pair, x), odd = SxtabOdd(offset_pair, x);
    a.a0 = Dot4(LoadWordAdvance(w0), even, odd, a.a0);
    a.a1 = Dot4(LoadWordAdvance(w1), even, odd, a.a1);
    a.a2 = Dot4(LoadWordAdvance(w2), even, odd, a.a2);
  }
  return a;
}

inline int32_t BiasOf(const int32_t* bias, int32_t row) { return bias ? Load32(bias + row) : 0; }

inline int8_t Finish(const FullyConnectedParams& p, int32_t row, int32_t acc) {
  const ChannelRequant q = p.channel_multipliers ? MakeChannelRequant(p.channel_multipliers[row], p.channel_shifts[row])
                                                 : MakeChannelRequant(p.output_multiplier, p.output_shift);
  return OutputS8(q, acc, {p.output_offset, p.act_min, p.act_max});
}

// A per-tensor layer's output stage in requant_dsp.h's folded shape, made once per call: the
// zero point in the rounding constant when the shift allows, else added after the shift. `ok`
// false (per-channel layers, left shifts): Finish.
struct TensorStage {
  FoldedRequant f;
  int32_t zero_point;
  bool ok;
};

TensorStage TensorStageOf(const FullyConnectedParams& p) {
  TensorStage s = {};
  if (p.channel_multipliers) return s;
  // A zero multiplier requantizes every sum to 0 at any shift.
  const ChannelRequant q = MakeChannelRequant(p.output_multiplier, p.output_multiplier == 0 ? -1 : p.output_shift);
  if (MakeFoldedRequantAnyRange(q, {p.output_offset, p.act_min, p.act_max}, &s.f)) {
    s.ok = true;
  } else if (MakeUnfoldedRequant(q, &s.f)) {
    s.zero_point = p.output_offset;
    s.ok = true;
  }
  return s;
}

inline int8_t FinishRow(const FullyConnectedParams& p, const TensorStage& s, int32_t row, int32_t acc) {
  return s.ok ? OutputS8FoldedClamped<FoldedClamp::kBoth>(s.f, acc, p.act_min, p.act_max, s.zero_point)
              : Finish(p, row, acc);
}

// The long-vector path: three rows at a time, then single rows; the last depth % 4 elements
// of every row in plain C.
void RunUnwidened(const FullyConnectedParams& p, const int8_t* in, const int8_t* filter, const int32_t* bias,
                  int8_t* out) {
  const int32_t depth = p.accum_depth, tail_start = depth & ~3;
  const int32_t offset_pair = static_cast<int32_t>((static_cast<uint32_t>(p.input_offset) & 0xFFFFu) |
                                                   (static_cast<uint32_t>(p.input_offset) << 16));
  auto tail = [&](const int8_t* w, int32_t acc) {
    for (int32_t d = tail_start; d < depth; ++d) acc = WrappingAdd(acc, w[d] * (in[d] + p.input_offset));
    return acc;
  };
  int32_t row = 0;
  for (; row + 3 <= p.output_depth; row += 3) {
    const int8_t* w0 = filter + row * depth;
    const Triple a = ThreeRowsUnwidened(w0, in, depth, offset_pair,
                                        {BiasOf(bias, row), BiasOf(bias, row + 1), BiasOf(bias, row + 2)});
    out[row] = Finish(p, row, tail(w0, a.a0));
    out[row + 1] = Finish(p, row + 1, tail(w0 + depth, a.a1));
    out[row + 2] = Finish(p, row + 2, tail(w0 + 2 * depth, a.a2));
  }
  for (; row < p.output_depth; ++row) {
    const int8_t* w = filter + row * depth;
    int32_t acc = BiasOf(bias, row);
    for (int32_t d = 0; d < tail_start; d += 4) {
      const int32_t x = Load32(in + d);
      acc = Dot4(Load32(w + d), __sxtab16(offset_pair, x), SxtabOdd(offset_pair, x), acc);
    }
    out[row] = Finish(p, row, tail(w, acc));
  }
}

}  // namespace

bool FullyConnectedS8DspSupports(const FullyConnectedParams& p) { return p.filter_offset == 0; }

size_t FullyConnectedS8DspScratchBytes(const FullyConnectedParams& p) {
  return WidensInput(p) ? static_cast<size_t>((p.accum_depth + 3) / 4) * 2 * sizeof(int32_t) : 0;
}

void fully_connected_s8_dsp(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                            const int32_t* bias, int8_t* output, void* scratch) {
  const int32_t depth = p.accum_depth;
  if (!WidensInput(p)) {
    for (int32_t b = 0; b < p.batches; ++b)
      RunUnwidened(p, input + b * depth, filter, bias, output + b * p.output_depth);
    return;
  }
  const TensorStage stage = TensorStageOf(p);
  for (int32_t b = 0; b < p.batches; ++b) {
    const Vector v = Widen(p, input + b * depth, static_cast<int32_t*>(scratch));
    int8_t* out = output + b * p.output_depth;
    int32_t row = 0;
    for (; row + 2 <= p.output_depth; row += 2) {
      const int8_t* w0 = filter + row * depth;
      const Pair a = TwoRows(w0, w0 + depth, v, {BiasOf(bias, row), BiasOf(bias, row + 1)});
      out[row] = FinishRow(p, stage, row, a.a0);
      out[row + 1] = FinishRow(p, stage, row + 1, a.a1);
    }
    if (row < p.output_depth)
      out[row] = FinishRow(p, stage, row, OneRow(filter + row * depth, v, BiasOf(bias, row)));
  }
}

}  // namespace mote
