// FULLY_CONNECTED int8 for cores with the DSP extension, over a filter packed ahead of time by
// `mote compile` (PackFullyConnectedS8Rows4), bit-exact with fully_connected_s8_ref: the same
// int32 sums (reordered; integer addition wraps the same in any order) and the same
// requantization (requant_dsp.h).
//
// Why a packed filter: the row-major kernel (fully_connected_s8_dsp.cc) walks two rows through
// two pointers and ends every row with its own tail and call overhead. Packed, the words of four
// rows for the same four input elements sit side by side, so one pointer and one LDM bring 16
// weights, the padding to whole groups and to whole blocks of four rows is zeros (no tails), and
// each widened input pair feeds four rows. Per 16 MACs: LDRD (input), LDM (weights), 8 SXTB16,
// 8 SMLAD and the loop's compare and branch.
//
// The input is widened once per vector into the scratch buffer as in fully_connected_s8_dsp.cc
// (16-bit values with the input offset added, pairs (e0, e2), (e1, e3)); its padded last group
// holds zeros after the offset.
#include "runtime/kernels/fully_connected_s8_dsp_common.h"

namespace mote {
namespace {

using fc_dsp::Dot4;

int32_t Groups(int32_t depth) { return (depth + 3) / 4; }
int32_t Blocks(int32_t rows) { return (rows + 3) / 4; }

struct Sums4 {
  int32_t a0, a1, a2, a3;
};

// One group of four input elements (widened: even, odd) against the block's four packed words.
inline void Group(const int32_t*& w, const int32_t*& x, Sums4& s) {
  const Words2 in = LoadWords2Advance(x);
  const Words4 k = LoadWords4Advance(w);
  s.a0 = Dot4(k.w0, in.w0, in.w1, s.a0);
  s.a1 = Dot4(k.w1, in.w0, in.w1, s.a1);
  s.a2 = Dot4(k.w2, in.w0, in.w1, s.a2);
  s.a3 = Dot4(k.w3, in.w0, in.w1, s.a3);
}

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
// Two groups per step, until x reaches x_end (at least one step). Written out because GCC spills
// the C form: the loop needs 13 registers (four sums, four weight words pinned by the LDM, the
// input word, one sign-extended pair, three pointers). Each input word is loaded once and meets
// the four rows' even (then odd) weight pairs; the odd pairs are extended in place.
#define MOTE_FC_ROWS4_GROUP                                                                     \
  "ldmia %[w]!, {r4, r5, r6, r7}\n\t"                                                           \
  "ldr %[v], [%[x]], #4\n\t"                                                                    \
  "sxtb16 %[t], r4\n\tsmlad %[a0], %[t], %[v], %[a0]\n\t"                                       \
  "sxtb16 %[t], r5\n\tsmlad %[a1], %[t], %[v], %[a1]\n\t"                                       \
  "sxtb16 %[t], r6\n\tsmlad %[a2], %[t], %[v], %[a2]\n\t"                                       \
  "sxtb16 %[t], r7\n\tsmlad %[a3], %[t], %[v], %[a3]\n\t"                                       \
  "ldr %[v], [%[x]], #4\n\t"                                                                    \
  "sxtb16 r4, r4, ror #8\n\tsmlad %[a0], r4, %[v], %[a0]\n\t"                                   \
  "sxtb16 r5, r5, ror #8\n\tsmlad %[a1], r5, %[v], %[a1]\n\t"                                   \
  "sxtb16 r6, r6, ror #8\n\tsmlad %[a2], r6, %[v], %[a2]\n\t"                                   \
  "sxtb16 r7, r7, ror #8\n\tsmlad %[a3], r7, %[v], %[a3]\n\t"
inline void GroupPairs(const int32_t* w, const int32_t* x, const int32_t* x_end, Sums4& s) {
  int32_t v, t;
  __asm__ volatile("1:\n\t" MOTE_FC_ROWS4_GROUP MOTE_FC_ROWS4_GROUP
                   "cmp %[x], %[end]\n\t"
                   "bne 1b"
                   : [a0] "+r"(s.a0), [a1] "+r"(s.a1), [a2] "+r"(s.a2), [a3] "+r"(s.a3), [w] "+r"(w), [x] "+r"(x),
                     [v] "=&r"(v), [t] "=&r"(t)
                   : [end] "r"(x_end)
                   : "r4", "r5", "r6", "r7", "cc", "memory");
}
#undef MOTE_FC_ROWS4_GROUP
#else
inline void GroupPairs(const int32_t* w, const int32_t* x, const int32_t* x_end, Sums4& s) {
  do {
    Group(w, x, s);
    Group(w, x, s);
  } while (x != x_end);
}
#endif  // defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP

// The sums of one block of four rows against the whole widened vector (`groups` groups) plus
// `bias4` (four entries, or null for none), stored to `sums`. Out of line: the loop wants every
// register; the arguments are pointers so that nothing passes through the stack.
__attribute__((noinline)) void Block(const int32_t* w, const int32_t* x, int32_t groups, const int32_t* bias4,
                                     int32_t* sums) {
  Sums4 s = {0, 0, 0, 0};
  if (bias4) s = {Load32(bias4), Load32(bias4 + 1), Load32(bias4 + 2), Load32(bias4 + 3)};
  if (groups & 1) Group(w, x, s);
  if (groups > 1) GroupPairs(w, x, x + 2 * (groups & ~1), s);
  sums[0] = s.a0;
  sums[1] = s.a1;
  sums[2] = s.a2;
  sums[3] = s.a3;
}

// One input vector against every block: `store(sums, n, row, out)` writes the block's n <= 4
// outputs (rows row.. at out) from their sums.
struct Blocks4 {
  const FullyConnectedParams& p;
  const int32_t* packed;
  const int32_t* widened;
  const int32_t* bias;
  int8_t* out;

  template <typename StoreFn>
  void Run(StoreFn store) const {
    const int32_t rows = p.output_depth, groups = Groups(p.accum_depth);
    const int32_t* w = packed;
    int8_t* o = out;
    for (int32_t row = 0; row < rows; row += 4, w += 4 * groups, o += 4) {
      const int32_t n = rows - row < 4 ? rows - row : 4;
      // A last, partial block takes its bias from a zero-padded copy.
      int32_t last_bias[4] = {0, 0, 0, 0};
      const int32_t* bias4 = bias ? bias + row : nullptr;
      if (bias && n < 4) bias4 = static_cast<const int32_t*>(__builtin_memcpy(last_bias, bias + row, n * sizeof(int32_t)));
      int32_t sums[4];
      Block(w, widened, groups, bias4, sums);
      store(sums, n, row, o);
    }
  }
};

}  // namespace

bool FullyConnectedS8Rows4DspSupports(const FullyConnectedParams& p) {
  return FullyConnectedS8DspSupports(p) && p.accum_depth <= fc_dsp::kMaxWidened;
}

size_t FullyConnectedS8Rows4Bytes(const FullyConnectedParams& p) {
  return static_cast<size_t>(Blocks(p.output_depth)) * Groups(p.accum_depth) * 16;
}

size_t FullyConnectedS8Rows4ScratchBytes(const FullyConnectedParams& p) {
  return static_cast<size_t>(Groups(p.accum_depth)) * 2 * sizeof(int32_t);
}

void PackFullyConnectedS8Rows4(const FullyConnectedParams& p, const int8_t* filter, int8_t* packed) {
  const int32_t depth = p.accum_depth, rows = p.output_depth, groups = Groups(depth);
  for (int32_t b = 0; b < Blocks(rows); ++b)
    for (int32_t g = 0; g < groups; ++g)
      for (int32_t r = 0; r < 4; ++r)
        for (int32_t i = 0; i < 4; ++i) {
          const int32_t row = 4 * b + r, d = 4 * g + i;
          *packed++ = row < rows && d < depth ? filter[row * depth + d] : 0;
        }
}

void fully_connected_s8_rows4_dsp(const FullyConnectedParams& p, const int8_t* input, const int8_t* packed_filter,
                                  const int32_t* bias, int8_t* output, void* scratch) {
  const fc_dsp::Stage stage = fc_dsp::StageOf(p);
  // Locals: the int8 output stores may alias anything, so fields of `p` would be reloaded.
  const int32_t act_min = p.act_min, act_max = p.act_max, zero_point = stage.zero_point;
  int32_t* widened = static_cast<int32_t*>(scratch);
  for (int32_t b = 0; b < p.batches; ++b) {
    fc_dsp::Widen(p, input + b * p.accum_depth, widened);
    const Blocks4 blocks = {p, reinterpret_cast<const int32_t*>(packed_filter), widened, bias, output + b * p.output_depth};
    if (!stage.folded) {
      blocks.Run([&](const int32_t* sums, int32_t n, int32_t row, int8_t* out) {
        for (int32_t i = 0; i < n; ++i) out[i] = fc_dsp::Output(p, stage, row + i, sums[i]);
      });
      continue;
    }
    const FoldedRequant f = stage.f;
    switch (FoldedClampOf({0, act_min, act_max})) {
      case FoldedClamp::kFull:
        blocks.Run([=](const int32_t* sums, int32_t n, int32_t, int8_t* out) {
          for (int32_t i = 0; i < n; ++i) out[i] = OutputS8FoldedClamped<FoldedClamp::kFull>(f, sums[i], 0, 0, zero_point);
        });
        break;
      case FoldedClamp::kLow:
        blocks.Run([=](const int32_t* sums, int32_t n, int32_t, int8_t* out) {
          for (int32_t i = 0; i < n; ++i)
            out[i] = OutputS8FoldedClamped<FoldedClamp::kLow>(f, sums[i], act_min, 0, zero_point);
        });
        break;
      case FoldedClamp::kBoth:
        blocks.Run([=](const int32_t* sums, int32_t n, int32_t, int8_t* out) {
          for (int32_t i = 0; i < n; ++i)
            out[i] = OutputS8FoldedClamped<FoldedClamp::kBoth>(f, sums[i], act_min, act_max, zero_point);
        });
        break;
    }
  }
}

}  // namespace mote
