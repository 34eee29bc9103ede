#include "runtime/kernels/concatenation.h"
#include "runtime/kernels/movement_common.h"

namespace mote {

Status PrepareConcatenation(const Tensor* const* inputs, int32_t num_inputs, int32_t axis,
                            const Tensor& output, ConcatSplitParams* p) {
  const Shape& out = output.shape;
  MOTE_ENSURE(num_inputs >= 1, kInvalidModel, "no inputs");
  axis = NormalizeAxis(axis, out.rank);
  MOTE_ENSURE(axis >= 0, kInvalidModel, "concatenation axis out of range");
  MOTE_ENSURE(p->piece_bytes, kInternal, "no piece storage");
  int64_t inner = static_cast<int64_t>(DTypeSize(output.type));
  for (int32_t d = axis + 1; d < out.rank; ++d) inner *= out.dims[d];
  int64_t axis_total = 0;
  for (int32_t i = 0; i < num_inputs; ++i) {
    const Tensor& in = *inputs[i];
    MOTE_TRY(CheckMovementTypes(in, output));
    MOTE_ENSURE(in.shape.rank == out.rank, kShapeMismatch, "input rank differs from the output");
    for (int32_t d = 0; d < out.rank; ++d)
      MOTE_ENSURE(d == axis || in.shape.dims[d] == out.dims[d], kShapeMismatch,
                  "inputs differ from the output outside the concatenation axis");
    axis_total += in.shape.dims[axis];
    p->piece_bytes[i] = in.shape.dims[axis] * inner;
  }
  MOTE_ENSURE(axis_total == out.dims[axis], kShapeMismatch,
              "output size along the axis is not the sum of the inputs'");
  p->outer = 1;
  for (int32_t d = 0; d < axis; ++d) p->outer *= out.dims[d];
  p->num_pieces = num_inputs;
  return Status::Ok();
}

Status PreparePack(const Tensor* const* inputs, int32_t num_inputs, int32_t axis,
                   const Tensor& output, ConcatSplitParams* p) {
  MOTE_ENSURE(num_inputs >= 1, kInvalidModel, "no inputs");
  const Shape& in = inputs[0]->shape;
  const Shape& out = output.shape;
  MOTE_ENSURE(out.rank == in.rank + 1, kShapeMismatch, "output rank must be the input rank + 1");
  axis = NormalizeAxis(axis, out.rank);
  MOTE_ENSURE(axis >= 0, kInvalidModel, "PACK axis out of range");
  MOTE_ENSURE(p->piece_bytes, kInternal, "no piece storage");
  for (int32_t d = 0; d < out.rank; ++d) {
    const int32_t expected = d < axis ? in.dims[d] : (d == axis ? num_inputs : in.dims[d - 1]);
    MOTE_ENSURE(out.dims[d] == expected, kShapeMismatch, "output shape is not the stacked input shape");
  }
  int64_t piece = static_cast<int64_t>(DTypeSize(output.type));
  for (int32_t d = axis; d < in.rank; ++d) piece *= in.dims[d];
  for (int32_t i = 0; i < num_inputs; ++i) {
    MOTE_TRY(CheckMovementTypes(*inputs[i], output));
    MOTE_ENSURE(inputs[i]->shape == in, kShapeMismatch, "PACK inputs differ in shape");
    p->piece_bytes[i] = piece;
  }
  p->outer = 1;
  for (int32_t d = 0; d < axis; ++d) p->outer *= in.dims[d];
  p->num_pieces = num_inputs;
  return Status::Ok();
}

}  // namespace mote
