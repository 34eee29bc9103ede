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
#include "runtime/kernels/fully_connected_s8_dsp_common.h"

namespace mote {
namespace {

using fc_dsp::BiasOf;
using fc_dsp::Dot4;
using fc_dsp::kMaxWidened;

bool WidensInput(const FullyConnectedParams& p) { return p.accum_depth <= kMaxWidened; }

struct Vector {
  const int32_t* groups;  // widened input: two words per group of four elements
  int32_t full;           // whole groups
  int32_t tail;           // elements in a last, partial group (0: none)
};

Vector Widen(const FullyConnectedParams& p, const int8_t* in, int32_t* dst) {
  fc_dsp::Widen(p, in, dst);
  return {dst, p.accum_depth / 4, p.accum_depth % 4};
}

// The last filter word of a row whose length is not a multiple of 4: the remaining bytes, zero
// above.
inline int32_t TailWord(const int8_t* w, int32_t remaining) {
  uint32_t v = 0;
  for (int32_t i = 0; i < remaining; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[i])) << (8 * i);
  return static_cast<int32_t>(v);
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

// The long-vector path: three rows at a time, then single rows; the last depth % 4 elements
// of every row in plain C.
void RunUnwidened(const FullyConnectedParams& p, const int8_t* in, const int8_t* filter, const int32_t* bias,
                  int8_t* out) {
  const int32_t depth = p.accum_depth, tail_start = depth & ~3;
  const int32_t offset_pair = fc_dsp::OffsetPair(p.input_offset);
  auto tail = [&](const int8_t* w, int32_t acc) {
    for (int32_t d = tail_start; d < depth; ++d) acc = WrappingAdd(acc, w[d] * (in[d] + p.input_offset));
    return acc;
  };
  int32_t row = 0;
  for (; row + 3 <= p.output_depth; row += 3) {
    const int8_t* w0 = filter + row * depth;
    const Triple a = ThreeRowsUnwidened(w0, in, depth, offset_pair,
                                        {BiasOf(bias, row), BiasOf(bias, row + 1), BiasOf(bias, row + 2)});
    out[row] = fc_dsp::Output(p, {}, row, tail(w0, a.a0));
    out[row + 1] = fc_dsp::Output(p, {}, row + 1, tail(w0 + depth, a.a1));
    out[row + 2] = fc_dsp::Output(p, {}, row + 2, tail(w0 + 2 * depth, a.a2));
  }
  for (; row < p.output_depth; ++row) {
    const int8_t* w = filter + row * depth;
    int32_t acc = BiasOf(bias, row);
    for (int32_t d = 0; d < tail_start; d += 4) {
      const int32_t x = Load32(in + d);
      acc = Dot4(Load32(w + d), __sxtab16(offset_pair, x), SxtabOdd(offset_pair, x), acc);
    }
    out[row] = fc_dsp::Output(p, {}, row, tail(w, acc));
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
  const fc_dsp::Stage stage = fc_dsp::StageOf(p);
  for (int32_t b = 0; b < p.batches; ++b) {
    const Vector v = Widen(p, input + b * depth, static_cast<int32_t*>(scratch));
    int8_t* out = output + b * p.output_depth;
    int32_t row = 0;
    for (; row + 2 <= p.output_depth; row += 2) {
      const int8_t* w0 = filter + row * depth;
      const Pair a = TwoRows(w0, w0 + depth, v, {BiasOf(bias, row), BiasOf(bias, row + 1)});
      out[row] = fc_dsp::Output(p, stage, row, a.a0);
      out[row + 1] = fc_dsp::Output(p, stage, row + 1, a.a1);
    }
    if (row < p.output_depth)
      out[row] = fc_dsp::Output(p, stage, row, OneRow(filter + row * depth, v, BiasOf(bias, row)));
  }
}

}  // namespace mote
