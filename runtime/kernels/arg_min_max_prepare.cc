#include "runtime/kernels/arg_min_max.h"

namespace mote {

Status ResolveArgMinMaxAxis(const Tensor& input, const Tensor& axis, const Tensor& output,
                            ArgMinMaxParams* p) {
  MOTE_ENSURE(axis.data, kInvalidModel, "axis tensor has no data");
  const int32_t rank = input.shape.rank;
  int64_t a = axis.type == DType::kInt64 ? axis.Data<int64_t>()[0] : axis.Data<int32_t>()[0];
  if (a < 0) a += rank;
  MOTE_ENSURE(a >= 0 && a < rank, kInvalidModel, "axis out of range");
  Shape expected;
  int64_t outer = 1, inner = 1;
  for (int32_t d = 0; d < rank; ++d) {
    if (d == a) continue;
    expected.dims[expected.rank++] = input.shape.dims[d];
    (d < a ? outer : inner) *= input.shape.dims[d];
  }
  MOTE_ENSURE(output.shape == expected, kShapeMismatch,
              "output shape must be the input shape without the axis");
  // Only a 0-sized axis lets these exceed the element count.
  MOTE_ENSURE(outer <= INT32_MAX && inner <= INT32_MAX, kUnsupported, "input too large");
  p->outer = static_cast<int32_t>(outer);
  p->axis_size = input.shape.dims[a];
  p->inner = static_cast<int32_t>(inner);
  return Status::Ok();
}

Status PrepareArgMinMax(const Tensor& input, const Tensor& axis, const Tensor& output,
                        ArgMinMaxParams* p, bool* resolved) {
  MOTE_ENSURE(input.type == DType::kFloat32 || input.type == DType::kInt8, kUnsupported,
              "ARG_MAX/ARG_MIN support float32 and int8 inputs");
  MOTE_ENSURE(output.type == DType::kInt32, kUnsupported, "ARG_MAX/ARG_MIN output must be int32");
  MOTE_ENSURE(axis.type == DType::kInt32 || axis.type == DType::kInt64, kUnsupported,
              "axis must be int32 or int64");
  MOTE_ENSURE(axis.NumElements() >= 1, kInvalidModel, "axis tensor is empty");
  MOTE_ENSURE(input.shape.rank >= 1, kShapeMismatch, "input must have rank 1 or more");
  *resolved = axis.is_constant;
  if (axis.is_constant) MOTE_TRY(ResolveArgMinMaxAxis(input, axis, output, p));
  return Status::Ok();
}

}  // namespace mote
