#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/split.h"

namespace mote {

Status PrepareSplit(const Tensor& input, const Tensor* const* outputs, int32_t num_outputs,
                    int32_t axis, const int32_t* sizes, ConcatSplitParams* p) {
  const Shape& in = input.shape;
  MOTE_ENSURE(num_outputs >= 1, kInvalidModel, "no outputs");
  axis = NormalizeAxis(axis, in.rank);
  MOTE_ENSURE(axis >= 0, kInvalidModel, "split axis out of range");
  MOTE_ENSURE(p->piece_bytes, kInternal, "no piece storage");
  int64_t inner = static_cast<int64_t>(DTypeSize(input.type));
  for (int32_t d = axis + 1; d < in.rank; ++d) inner *= in.dims[d];
  int64_t axis_total = 0;
  for (int32_t i = 0; i < num_outputs; ++i) {
    const Tensor& out = *outputs[i];
    MOTE_TRY(CheckMovementTypes(input, out));
    MOTE_ENSURE(out.shape.rank == in.rank, kShapeMismatch, "output rank differs from the input");
    for (int32_t d = 0; d < in.rank; ++d)
      MOTE_ENSURE(d == axis || out.shape.dims[d] == in.dims[d], kShapeMismatch,
                  "outputs differ from the input outside the split axis");
    if (sizes)
      MOTE_ENSURE(out.shape.dims[axis] == sizes[i], kShapeMismatch,
                  "output size along the axis differs from the requested split");
    axis_total += out.shape.dims[axis];
    p->piece_bytes[i] = out.shape.dims[axis] * inner;
  }
  MOTE_ENSURE(axis_total == in.dims[axis], kShapeMismatch,
              "input size along the axis is not the sum of the outputs'");
  p->outer = 1;
  for (int32_t d = 0; d < axis; ++d) p->outer *= in.dims[d];
  p->num_pieces = num_outputs;
  return Status::Ok();
}

Status PrepareUnpack(const Tensor& input, const Tensor* const* outputs, int32_t num_outputs,
                     int32_t axis, ConcatSplitParams* p) {
  const Shape& in = input.shape;
  axis = NormalizeAxis(axis, in.rank);
  MOTE_ENSURE(axis >= 0, kInvalidModel, "UNPACK axis out of range");
  MOTE_ENSURE(in.dims[axis] == num_outputs, kShapeMismatch,
              "UNPACK needs one output per index of the axis");
  MOTE_ENSURE(p->piece_bytes, kInternal, "no piece storage");
  int64_t piece = static_cast<int64_t>(DTypeSize(input.type));
  for (int32_t d = axis + 1; d < in.rank; ++d) piece *= in.dims[d];
  for (int32_t i = 0; i < num_outputs; ++i) {
    const Shape& out = outputs[i]->shape;
    MOTE_TRY(CheckMovementTypes(input, *outputs[i]));
    MOTE_ENSURE(out.rank == in.rank - 1, kShapeMismatch, "output rank must be the input rank - 1");
    for (int32_t d = 0; d < out.rank; ++d)
      MOTE_ENSURE(out.dims[d] == in.dims[d < axis ? d : d + 1], kShapeMismatch,
                  "output shape is not the input without the unpacked axis");
    p->piece_bytes[i] = piece;
  }
  p->outer = 1;
  for (int32_t d = 0; d < axis; ++d) p->outer *= in.dims[d];
  p->num_pieces = num_outputs;
  return Status::Ok();
}

}  // namespace mote
