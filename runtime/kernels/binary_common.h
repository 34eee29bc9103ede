// Shared by the binary elementwise ops (ADD, SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM, MINIMUM,
// PRELU): TFLite's broadcasting rule, prepared once into a BroadcastLayout and walked by one loop.
//
// Broadcasting (numpy's rule, as TFLite applies it): shapes are aligned at their last dimension
// and padded with leading 1s to the larger rank (at most kMaxRank); along each dimension the
// sizes must be equal or one of them 1, which is then repeated. The output has the larger size.
//
// The layout drops size-1 output dimensions and merges neighbours that both inputs walk
// contiguously (or both repeat), so equal shapes become one flat loop and a per-channel operand
// becomes an outer loop over a flat inner one.
#pragma once

#include <stdint.h>

#include "runtime/quant.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct BroadcastLayout {
  int32_t rank = 1;                     // >= 1 after merging
  int32_t dims[kMaxRank] = {1};         // output extent per merged dimension
  int32_t strides1[kMaxRank] = {};      // input1 element step per dimension, 0 = repeated;
  int32_t strides2[kMaxRank] = {};      // the innermost one is always 0 or 1
  int64_t num_elements = 1;             // output elements
};

// Checks that `in1` and `in2` broadcast together to `out` (which may carry extra leading 1s)
// and fills `layout`.
Status PrepareBroadcast(const Shape& in1, const Shape& in2, const Shape& out,
                        BroadcastLayout* layout);

// Integer range of a dtype, for checks and output clamping.
struct IntRange {
  int32_t min;
  int32_t max;
};
constexpr IntRange kInt8Range = {-128, 127};
constexpr IntRange kInt16Range = {-32768, 32767};

// A per-tensor quantized operand: positive finite scale, zero point within `zero_points`.
Status CheckQuantizedOperand(const Tensor& t, IntRange zero_points);

// TFLite's QuantizeMultiplierSmallerThanOneExp: `real` must lie in (0, 1) and its rounded Q31
// mantissa must not reach 1 (TFLM aborts on both; here they are errors).
Status QuantizeSmallerThanOne(double real, int32_t* multiplier, int32_t* shift);

// TFLite's QuantizeMultiplier, rejecting multipliers whose left shift would overflow int32.
Status QuantizeAnyMultiplier(double real, int32_t* multiplier, int32_t* shift);

// The fused activation decoded from a flatbuffer byte: codes above SIGN_BIT are rejected.
Status CheckActivation(uint8_t code);

// TFLite's float activation range for a fused activation. Unlike an infinite bound, TFLite's
// "no clamp" is [-FLT_MAX, FLT_MAX], so overflowed sums come out as +-FLT_MAX, not inf. TANH and
// SIGN_BIT are not applied by TFLM's float arithmetic kernels; they clamp like NONE.
void BinaryFloatActivationRange(uint8_t activation, float* min, float* max);

// TFLite's CalculateActivationRangeQuantized: NONE/RELU/RELU_N1_TO_1/RELU6 only.
Status BinaryQuantizedActivationRange(uint8_t activation, const Tensor& output, IntRange type,
                                      int32_t* act_min, int32_t* act_max);

// ADD, SUB and SQUARED_DIFFERENCE bring both inputs to a common scale (twice the larger input
// scale): (q - zero_point) << left_shift, times a multiplier below 1.
inline int32_t ScaledInput(int32_t q, int32_t offset, int32_t left_shift, int32_t multiplier,
                           int32_t shift) {
  return MultiplyByQuantizedMultiplierSmallerThanOneExp(ShiftLeftWrapping(q + offset, left_shift),
                                                        multiplier, shift);
}

// One run of `n` outputs along the innermost merged dimension. There each input steps by 1 or
// repeats one value (stride 0), never both repeating: the dimension would have size 1.
template <typename In1, typename In2, typename Out, typename F>
inline void BroadcastRow(int32_t n, bool repeat1, bool repeat2, const In1* a, const In2* b,
                         Out* out, F& f) {
  if (repeat1) {
    const In1 x = *a;
    for (int32_t i = 0; i < n; ++i) out[i] = f(x, b[i]);
  } else if (repeat2) {
    const In2 y = *b;
    for (int32_t i = 0; i < n; ++i) out[i] = f(a[i], y);
  } else {
    for (int32_t i = 0; i < n; ++i) out[i] = f(a[i], b[i]);
  }
}

// out[i] = f(in1[j1(i)], in2[j2(i)]) over the broadcast layout. `f` is inlined per kernel.
template <typename In1, typename In2, typename Out, typename F>
inline void BroadcastBinary(const BroadcastLayout& l, const In1* in1, const In2* in2, Out* out,
                            F f) {
  if (l.num_elements == 0) return;
  const int inner = l.rank - 1;
  const int32_t n = l.dims[inner];
  const bool repeat1 = l.strides1[inner] == 0;
  const bool repeat2 = l.strides2[inner] == 0;
  int32_t index[kMaxRank] = {};
  int64_t off1 = 0;
  int64_t off2 = 0;
  for (int64_t done = 0; done < l.num_elements; done += n) {
    BroadcastRow(n, repeat1, repeat2, in1 + off1, in2 + off2, out, f);
    out += n;
    // Odometer step over the outer dimensions, innermost first.
    for (int d = inner - 1; d >= 0; --d) {
      off1 += l.strides1[d];
      off2 += l.strides2[d];
      if (++index[d] < l.dims[d]) break;
      off1 -= static_cast<int64_t>(l.strides1[d]) * l.dims[d];
      off2 -= static_cast<int64_t>(l.strides2[d]) * l.dims[d];
      index[d] = 0;
    }
  }
}

}  // namespace mote
