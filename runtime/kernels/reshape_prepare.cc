#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/reshape.h"

namespace mote {

Status PrepareReshape(const Tensor& input, const Tensor& output, ReshapeParams* p) {
  MOTE_TRY(CheckMovementTypes(input, output));
  MOTE_ENSURE(input.NumElements() == output.NumElements(), kShapeMismatch,
              "output element count differs from the input");
  p->bytes = input.Bytes();
  return Status::Ok();
}

Status CheckSqueezeShape(const Shape& input, const int32_t* squeeze_dims, int32_t num_dims,
                         const Shape& output) {
  bool squeezed[kMaxRank] = {};
  for (int32_t i = 0; i < num_dims; ++i) {
    const int32_t axis = NormalizeAxis(squeeze_dims[i], input.rank);
    MOTE_ENSURE(axis >= 0, kInvalidModel, "squeeze_dims entry out of range");
    MOTE_ENSURE(input.dims[axis] == 1, kShapeMismatch, "squeeze_dims names an axis whose size is not 1");
    squeezed[axis] = true;
  }
  int32_t rank = 0;
  for (int32_t d = 0; d < input.rank; ++d) {
    const bool drop = num_dims == 0 ? input.dims[d] == 1 : squeezed[d];
    if (drop) continue;
    MOTE_ENSURE(rank < output.rank && output.dims[rank] == input.dims[d], kShapeMismatch,
                "output shape is not the squeezed input shape");
    ++rank;
  }
  MOTE_ENSURE(rank == output.rank, kShapeMismatch, "output shape is not the squeezed input shape");
  return Status::Ok();
}

Status CheckExpandDimsShape(const Shape& input, int32_t axis, const Shape& output) {
  if (axis < 0) axis += input.rank + 1;
  MOTE_ENSURE(axis >= 0 && axis <= input.rank, kInvalidModel, "EXPAND_DIMS axis out of range");
  MOTE_ENSURE(output.rank == input.rank + 1, kShapeMismatch, "output rank must be the input rank + 1");
  for (int32_t d = 0; d < output.rank; ++d) {
    const int32_t expected = d < axis ? input.dims[d] : (d == axis ? 1 : input.dims[d - 1]);
    MOTE_ENSURE(output.dims[d] == expected, kShapeMismatch,
                "output shape is not the input with a size-1 axis inserted");
  }
  return Status::Ok();
}

}  // namespace mote
