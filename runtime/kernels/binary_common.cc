#include "runtime/kernels/binary_common.h"

#include <float.h>

#include "runtime/quant.h"

namespace mote {
namespace {

// `s` padded with leading 1s to kMaxRank dimensions.
void Extend(const Shape& s, int32_t* dims) {
  const int pad = kMaxRank - s.rank;
  for (int d = 0; d < kMaxRank; ++d) dims[d] = d < pad ? 1 : s.dims[d - pad];
}

// Row-major element strides of an extended shape, 0 where the dimension is repeated.
void BroadcastStrides(const int32_t* in, const int32_t* out, int32_t* strides) {
  int64_t step = 1;
  for (int d = kMaxRank - 1; d >= 0; --d) {
    strides[d] = (in[d] == 1 && out[d] != 1) ? 0 : static_cast<int32_t>(step);
    step *= in[d];
  }
}

}  // namespace

Status PrepareBroadcast(const Shape& in1, const Shape& in2, const Shape& out,
                        BroadcastLayout* layout) {
  MOTE_ENSURE(in1.rank >= 0 && in1.rank <= kMaxRank && in2.rank >= 0 && in2.rank <= kMaxRank &&
                  out.rank >= 0 && out.rank <= kMaxRank,
              kUnsupported, "binary op operands above rank 6");
  int32_t d1[kMaxRank], d2[kMaxRank], dout[kMaxRank], want[kMaxRank];
  Extend(in1, d1);
  Extend(in2, d2);
  Extend(out, want);
  for (int d = 0; d < kMaxRank; ++d) {
    MOTE_ENSURE(d1[d] == d2[d] || d1[d] == 1 || d2[d] == 1, kShapeMismatch,
                "operand shapes are not broadcastable");
    dout[d] = d1[d] == 1 ? d2[d] : d1[d];
    MOTE_ENSURE(want[d] == dout[d], kShapeMismatch,
                "output shape differs from the broadcast of the operand shapes");
  }
  int32_t s1[kMaxRank], s2[kMaxRank];
  BroadcastStrides(d1, dout, s1);
  BroadcastStrides(d2, dout, s2);

  // Keep the non-trivial dimensions, merging a dimension into the previous kept one when both
  // inputs step through the pair as through one dimension.
  BroadcastLayout l;
  l.rank = 0;
  l.num_elements = 1;
  for (int d = 0; d < kMaxRank; ++d) {
    l.num_elements *= dout[d];
    if (dout[d] == 1) continue;
    const int p = l.rank - 1;
    if (p >= 0 && l.strides1[p] == s1[d] * dout[d] && l.strides2[p] == s2[d] * dout[d]) {
      l.dims[p] *= dout[d];
      l.strides1[p] = s1[d];
      l.strides2[p] = s2[d];
      continue;
    }
    l.dims[l.rank] = dout[d];
    l.strides1[l.rank] = s1[d];
    l.strides2[l.rank] = s2[d];
    ++l.rank;
  }
  if (l.rank == 0) {  // every dimension is 1: a single element
    l.rank = 1;
    l.dims[0] = 1;
    l.strides1[0] = 1;
    l.strides2[0] = 1;
  }
  *layout = l;
  return Status::Ok();
}

Status CheckQuantizedOperand(const Tensor& t, IntRange zero_points) {
  MOTE_ENSURE(t.q.scale > 0.0f && t.q.scale <= FLT_MAX, kInvalidModel,
              "quantized operand needs a positive finite scale");
  MOTE_ENSURE(!t.q.per_channel(), kUnsupported,
              "per-channel quantization on an elementwise operand");
  MOTE_ENSURE(t.q.zero_point >= zero_points.min && t.q.zero_point <= zero_points.max, kUnsupported,
              "zero point outside the range the kernel supports");
  return Status::Ok();
}

Status QuantizeSmallerThanOne(double real, int32_t* multiplier, int32_t* shift) {
  MOTE_ENSURE(real > 0.0 && real < 1.0, kUnsupported,
              "rescale factor must be in (0, 1): output scale too small for the inputs");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  MOTE_ENSURE(m.shift <= 0, kUnsupported, "rescale factor rounds to 1");
  *multiplier = m.multiplier;
  *shift = m.shift;
  return Status::Ok();
}

Status QuantizeAnyMultiplier(double real, int32_t* multiplier, int32_t* shift) {
  MOTE_ENSURE(real >= 0.0 && real <= 1e9, kUnsupported, "rescale factor out of range");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  *multiplier = m.multiplier;
  *shift = m.shift;
  return Status::Ok();
}

Status CheckActivation(uint8_t code) {
  MOTE_ENSURE(code <= static_cast<uint8_t>(Activation::kSignBit), kInvalidModel,
              "unknown fused activation");
  return Status::Ok();
}

void BinaryFloatActivationRange(uint8_t activation, float* min, float* max) {
  const FloatRange r = FloatActivationRange(activation);
  *min = Max(r.min, -FLT_MAX);
  *max = Min(r.max, FLT_MAX);
}

Status BinaryQuantizedActivationRange(uint8_t activation, const Tensor& output, IntRange type,
                                      int32_t* act_min, int32_t* act_max) {
  MOTE_TRY(CheckActivation(activation));
  MOTE_ENSURE(activation != static_cast<uint8_t>(Activation::kTanh) &&
                  activation != static_cast<uint8_t>(Activation::kSignBit),
              kUnsupported, "fused TANH/SIGN_BIT on a quantized op");
  const ActivationRange r =
      QuantizedActivationRange(activation, output.q.scale, output.q.zero_point, type.min, type.max);
  *act_min = r.min;
  *act_max = r.max;
  return Status::Ok();
}

}  // namespace mote
