// FULLY_CONNECTED int8 for cores with Helium (Cortex-M55, M85), bit-exact with
// fully_connected_s8_ref: the same int32 sums (reordered; integer addition wraps the same in any
// order) and the same requantization (mve.h's lane form).
//
// One VMLADAVA multiplies and sums 16 input bytes with 16 filter bytes. The input offset cannot
// ride in int8 lanes, so the kernel uses sum_d w*(x + offset) = sum_d w*x + offset * sum_d w, the
// row sum taken by VADDVA from the same loaded filter vector. Two filter rows share each input
// load (the accumulators of VMLADAVA/VADDVA must be even registers: four per pass leave room for
// the pointers). The last depth % 16 elements are loaded under a tail predicate.
//
// With a constant filter, `mote compile` folds the offset term into the bias ahead of time
// (FoldFullyConnectedS8Bias): fully_connected_s8_mve_folded then needs no row sums, and four rows
// share each input load (four even accumulators).
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/mve.h"
#include "runtime/quant.h"

namespace mote {
namespace {

struct RowSums {
  int32_t dot0, sum0, dot1, sum1;
};

__attribute__((noinline)) RowSums TwoRows(const int8_t* x, const int8_t* w0, const int8_t* w1, int32_t depth) {
  int32_t d0 = 0, s0 = 0, d1 = 0, s1 = 0;
  for (int32_t n = depth >> 4; n > 0; --n, x += 16, w0 += 16, w1 += 16) {
    const int8x16_t xv = vldrbq_s8(x);
    const int8x16_t v0 = vldrbq_s8(w0);
    const int8x16_t v1 = vldrbq_s8(w1);
    d0 = vmladavaq_s8(d0, xv, v0);
    s0 = vaddvaq_s8(s0, v0);
    d1 = vmladavaq_s8(d1, xv, v1);
    s1 = vaddvaq_s8(s1, v1);
  }
  if (depth & 15) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(depth & 15));
    const int8x16_t xv = vldrbq_z_s8(x, p);
    const int8x16_t v0 = vldrbq_z_s8(w0, p);
    const int8x16_t v1 = vldrbq_z_s8(w1, p);
    d0 = vmladavaq_s8(d0, xv, v0);
    s0 = vaddvaq_s8(s0, v0);
    d1 = vmladavaq_s8(d1, xv, v1);
    s1 = vaddvaq_s8(s1, v1);
  }
  return {d0, s0, d1, s1};
}

struct Dots4 {
  int32_t d0, d1, d2, d3;
};

// Rows w, w + depth, w + 2 depth, w + 3 depth (`rows` of them real; the others repeat the last
// real one and are not stored) against x.
__attribute__((noinline)) Dots4 FourRows(const int8_t* x, const int8_t* w, int32_t depth, int32_t rows) {
  const int8_t* w0 = w;
  const int8_t* w1 = rows > 1 ? w0 + depth : w0;
  const int8_t* w2 = rows > 2 ? w1 + depth : w1;
  const int8_t* w3 = rows > 3 ? w2 + depth : w2;
  int32_t d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  for (int32_t n = depth >> 4; n > 0; --n, x += 16, w0 += 16, w1 += 16, w2 += 16, w3 += 16) {
    const int8x16_t xv = vldrbq_s8(x);
    d0 = vmladavaq_s8(d0, xv, vldrbq_s8(w0));
    d1 = vmladavaq_s8(d1, xv, vldrbq_s8(w1));
    d2 = vmladavaq_s8(d2, xv, vldrbq_s8(w2));
    d3 = vmladavaq_s8(d3, xv, vldrbq_s8(w3));
  }
  if (depth & 15) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(depth & 15));
    const int8x16_t xv = vldrbq_z_s8(x, p);
    d0 = vmladavaq_s8(d0, xv, vldrbq_z_s8(w0, p));
    d1 = vmladavaq_s8(d1, xv, vldrbq_z_s8(w1, p));
    d2 = vmladavaq_s8(d2, xv, vldrbq_z_s8(w2, p));
    d3 = vmladavaq_s8(d3, xv, vldrbq_z_s8(w3, p));
  }
  return {d0, d1, d2, d3};
}

// The reference sum of one row from its dot product and filter sum, plus the bias.
inline int32_t Total(int32_t dot, int32_t sum, int32_t offset, const int32_t* bias, int32_t row) {
  int32_t b = 0;
  if (bias) __builtin_memcpy(&b, bias + row, sizeof b);
  return WrappingAdd(WrappingAdd(dot, static_cast<int32_t>(static_cast<uint32_t>(sum) * static_cast<uint32_t>(offset))), b);
}

// Rows row..row+3 of the output (the active lanes) from their int32 sums.
inline void StoreRows(const FullyConnectedParams& p, const LaneRequant& per_tensor, int32x4_t sums, int32_t row,
                      int8_t* out) {
  const mve_pred16_t active = vctp32q(static_cast<uint32_t>(p.output_depth - row));
  const LaneRequant q = p.channel_multipliers ? MakeLaneRequant(vldrwq_z_s32(p.channel_multipliers + row, active),
                                                                vldrwq_z_s32(p.channel_shifts + row, active))
                                              : per_tensor;
  StoreLanesS8(sums, q, p.output_offset, p.act_min, p.act_max, out + row, active);
}

}  // namespace

bool FullyConnectedS8MveSupports(const FullyConnectedParams& p) { return p.filter_offset == 0; }

void fully_connected_s8_mve(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                            const int32_t* bias, int8_t* output) {
  const int32_t depth = p.accum_depth, rows = p.output_depth;
  const LaneRequant per_tensor =
      MakeLaneRequant(vdupq_n_s32(p.output_multiplier), vdupq_n_s32(p.output_shift));
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * rows;
    // Four rows per requantization: two passes of two; a missing last row repeats the previous
    // one and its lane is not stored.
    for (int32_t row = 0; row < rows; row += 4) {
      int32_t t[4];
      for (int32_t pair = 0; pair < 4; pair += 2) {
        const int32_t r0 = Min(row + pair, rows - 1), r1 = Min(row + pair + 1, rows - 1);
        const RowSums s = TwoRows(x, filter + r0 * depth, filter + r1 * depth, depth);
        t[pair] = Total(s.dot0, s.sum0, p.input_offset, bias, r0);
        t[pair + 1] = Total(s.dot1, s.sum1, p.input_offset, bias, r1);
      }
      StoreRows(p, per_tensor, Lanes(t[0], t[1], t[2], t[3]), row, out);
    }
  }
}

}  // namespace mote

namespace mote {

void fully_connected_s8_mve_folded(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* folded_bias, int8_t* output) {
  const int32_t depth = p.accum_depth, rows = p.output_depth;
  const LaneRequant per_tensor = MakeLaneRequant(vdupq_n_s32(p.output_multiplier), vdupq_n_s32(p.output_shift));
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * rows;
    for (int32_t row = 0; row < rows; row += 4) {
      const Dots4 d = FourRows(x, filter + row * depth, depth, rows - row);
      const mve_pred16_t active = vctp32q(static_cast<uint32_t>(rows - row));
      const int32x4_t sums = vaddq_s32(Lanes(d.d0, d.d1, d.d2, d.d3), vldrwq_z_s32(folded_bias + row, active));
      StoreRows(p, per_tensor, sums, row, out);
    }
  }
}

}  // namespace mote
