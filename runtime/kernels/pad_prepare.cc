#include <string.h>

#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/pad.h"

namespace mote {
namespace {

void DefaultPadValue(const Tensor& output, PadParams* p) {
  memset(p->default_value, 0, sizeof p->default_value);
  // TFLM pads int8 with the zero point, but int16 (symmetric) with a plain 0.
  if (output.type == DType::kInt8) {
    const int8_t zp = static_cast<int8_t>(output.q.zero_point);
    memcpy(p->default_value, &zp, 1);
  } else if (output.type == DType::kUInt8) {
    const uint8_t zp = static_cast<uint8_t>(output.q.zero_point);
    memcpy(p->default_value, &zp, 1);
  }
}

// An axis without padding is contiguous with its outer neighbour: fold it in so the kernel's
// inner copies are as long as possible.
void MergeUnpaddedAxes(PadParams* p) {
  int32_t rank = 0;
  for (int32_t d = 0; d < p->rank; ++d) {
    const bool unpadded = p->before[d] == 0 && p->after[d] == 0;
    if (rank > 0 && unpadded) {
      const int32_t n = p->input_dims[d];
      p->input_dims[rank - 1] *= n;
      p->before[rank - 1] *= n;
      p->after[rank - 1] *= n;
      continue;
    }
    p->input_dims[rank] = p->input_dims[d];
    p->before[rank] = p->before[d];
    p->after[rank] = p->after[d];
    ++rank;
  }
  p->rank = rank;
}

}  // namespace

Status PreparePad(const Tensor& input, const Tensor& paddings, const Tensor* constant_values,
                  const Tensor& output, PadParams* p) {
  MOTE_TRY(CheckMovementTypes(input, output));
  const int32_t rank = input.shape.rank;
  MOTE_ENSURE(output.shape.rank == rank, kShapeMismatch, "output rank differs from the input");
  // A scalar input has empty paddings, which a model stores without data (so not "constant").
  MOTE_ENSURE(paddings.is_constant || rank == 0, kUnsupported, "non-constant paddings tensor");
  MOTE_ENSURE(paddings.shape.rank == 2 && paddings.shape.dims[0] == rank && paddings.shape.dims[1] == 2,
              kShapeMismatch, "paddings must be [rank, 2]");
  int32_t pads[2 * kMaxRank];
  MOTE_TRY(ReadIndexValues(paddings, 2 * rank, pads));
  for (int32_t d = 0; d < rank; ++d) {
    MOTE_ENSURE(pads[2 * d] >= 0 && pads[2 * d + 1] >= 0, kUnsupported, "negative padding");
    const int64_t expected = int64_t{input.shape.dims[d]} + pads[2 * d] + pads[2 * d + 1];
    MOTE_ENSURE(output.shape.dims[d] == expected, kShapeMismatch,
                "output shape is not the input plus its paddings");
    p->input_dims[d] = input.shape.dims[d];
    p->before[d] = pads[2 * d];
    p->after[d] = pads[2 * d + 1];
  }
  p->rank = rank;
  p->element_size = static_cast<int32_t>(DTypeSize(input.type));
  MOTE_ENSURE(p->element_size <= static_cast<int32_t>(sizeof p->default_value), kUnsupported,
              "element size above 8 bytes");
  if (constant_values) {
    MOTE_ENSURE(constant_values->type == input.type, kUnsupported, "constant_values dtype differs from the input");
    MOTE_ENSURE(constant_values->NumElements() == 1, kShapeMismatch, "constant_values must be a scalar");
    if (input.type == DType::kInt8 || input.type == DType::kUInt8)
      MOTE_ENSURE(constant_values->q.zero_point == output.q.zero_point &&
                      constant_values->q.scale == output.q.scale,
                  kUnsupported, "constant_values must share the output's quantization");
  }
  DefaultPadValue(output, p);
  MergeUnpaddedAxes(p);
  return Status::Ok();
}

}  // namespace mote
