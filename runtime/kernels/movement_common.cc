#include "runtime/kernels/movement_common.h"

namespace mote {

Status CheckMovementTypes(const Tensor& input, const Tensor& output) {
  MOTE_ENSURE(input.type == output.type, kUnsupported, "input and output dtypes differ");
  MOTE_ENSURE(DTypeSize(input.type) > 0, kUnsupported, "dtype has no fixed element size");
  MOTE_ENSURE(input.NumElements() <= INT32_MAX && output.NumElements() <= INT32_MAX,
              kUnsupported, "tensor too large");
  return Status::Ok();
}

Status ReadIndexValues(const Tensor& t, int32_t count, int32_t* values) {
  MOTE_ENSURE(t.type == DType::kInt32 || t.type == DType::kInt64, kUnsupported,
              "index tensor must be int32 or int64");
  MOTE_ENSURE(t.NumElements() >= count, kShapeMismatch, "index tensor has too few elements");
  MOTE_ENSURE(t.data != nullptr || count == 0, kInvalidModel, "index tensor has no data");
  for (int32_t i = 0; i < count; ++i) {
    if (t.type == DType::kInt32) {
      values[i] = t.Data<int32_t>()[i];
    } else {
      const int64_t v = t.Data<int64_t>()[i];
      MOTE_ENSURE(v >= INT32_MIN && v <= INT32_MAX, kUnsupported, "index value outside int32");
      values[i] = static_cast<int32_t>(v);
    }
  }
  return Status::Ok();
}

void ShapeStrides(const Shape& shape, int64_t* strides) {
  int64_t s = 1;
  for (int d = shape.rank - 1; d >= 0; --d) {
    strides[d] = s;
    s *= shape.dims[d];
  }
}

void SimplifyStridedCopy(StridedCopyParams* p) {
  p->total = 1;
  for (int d = 0; d < p->rank; ++d) p->total *= p->count[d];
  int32_t rank = 0;
  for (int d = 0; d < p->rank; ++d) {
    if (p->count[d] == 1) continue;
    // The previous kept axis steps exactly over this whole axis: one longer axis.
    if (rank > 0 && p->stride[rank - 1] == p->stride[d] * p->count[d]) {
      p->count[rank - 1] *= p->count[d];
      p->stride[rank - 1] = p->stride[d];
      continue;
    }
    p->count[rank] = p->count[d];
    p->stride[rank] = p->stride[d];
    ++rank;
  }
  if (rank == 0) {
    p->count[0] = 1;
    p->stride[0] = 1;
    rank = 1;
  }
  for (int d = rank; d < kMaxRank; ++d) {
    p->count[d] = 0;
    p->stride[d] = 0;
  }
  p->rank = rank;
}

}  // namespace mote
