#include "runtime/kernels/slice.h"
#include "runtime/quant.h"

namespace mote {
namespace {

Status CheckIndexVector(const Tensor& t, int32_t rank) {
  MOTE_ENSURE(t.type == DType::kInt32 || t.type == DType::kInt64, kUnsupported,
              "index tensor must be int32 or int64");
  MOTE_ENSURE(t.shape.rank == 1 && t.shape.dims[0] >= rank, kShapeMismatch,
              "index tensor must be 1-D with one value per input axis");
  return Status::Ok();
}

// TFLite's StartForAxis: masked or negative starts resolve against the axis size, then clamp to
// the range iteration may start from in that direction.
int64_t StartForAxis(int32_t begin, int32_t stride, int32_t size, bool masked) {
  int64_t start = masked ? (stride > 0 ? INT32_MIN : INT32_MAX) : begin;
  if (start < 0) start += size;
  return stride > 0 ? Clamp<int64_t>(start, 0, size) : Clamp<int64_t>(start, -1, size - 1);
}

// TFLite's StopForAxis for an axis that is not shrunk.
int64_t StopForAxis(int32_t end, int32_t stride, int32_t size, bool masked) {
  int64_t stop = masked ? (stride > 0 ? INT32_MAX : INT32_MIN) : end;
  if (stop < 0) stop += size;
  return stride > 0 ? Clamp<int64_t>(stop, 0, size) : Clamp<int64_t>(stop, -1, size - 1);
}

// Elements visited from start towards stop (exclusive), i.e. max(0, ceil((stop - start) / stride)).
int64_t StepCount(int64_t start, int64_t stop, int64_t stride) {
  if (stride > 0) return stop > start ? (stop - start + stride - 1) / stride : 0;
  return start > stop ? (start - stop - stride - 1) / -stride : 0;
}

}  // namespace

Status CheckSliceTensors(const Tensor& input, const Tensor& begin, const Tensor& size,
                         const Tensor& output) {
  MOTE_TRY(CheckMovementTypes(input, output));
  MOTE_TRY(CheckIndexVector(begin, input.shape.rank));
  MOTE_TRY(CheckIndexVector(size, input.shape.rank));
  MOTE_ENSURE(begin.type == size.type, kUnsupported, "begin and size dtypes differ");
  MOTE_ENSURE(begin.shape.dims[0] == input.shape.rank && size.shape.dims[0] == input.shape.rank,
              kShapeMismatch, "begin and size need one value per input axis");
  return Status::Ok();
}

Status CheckStridedSliceTensors(const Tensor& input, const Tensor& begin, const Tensor& end,
                                const Tensor& strides, const Tensor& output) {
  MOTE_TRY(CheckMovementTypes(input, output));
  MOTE_TRY(CheckIndexVector(begin, input.shape.rank));
  MOTE_TRY(CheckIndexVector(end, input.shape.rank));
  MOTE_TRY(CheckIndexVector(strides, input.shape.rank));
  return Status::Ok();
}

Status ResolveSlice(const Tensor& input, const Tensor& begin, const Tensor& size,
                    const Tensor& output, StridedCopyParams* p) {
  const Shape& in = input.shape;
  int32_t begins[kMaxRank], sizes[kMaxRank];
  MOTE_TRY(ReadIndexValues(begin, in.rank, begins));
  MOTE_TRY(ReadIndexValues(size, in.rank, sizes));
  int64_t strides[kMaxRank];
  ShapeStrides(in, strides);
  *p = StridedCopyParams();
  p->rank = in.rank;
  p->element_size = static_cast<int32_t>(DTypeSize(input.type));
  for (int32_t d = 0; d < in.rank; ++d) {
    MOTE_ENSURE(begins[d] >= 0 && begins[d] <= in.dims[d], kInvalidModel, "SLICE begin out of range");
    const int32_t remaining = in.dims[d] - begins[d];
    const int32_t n = sizes[d] == -1 ? remaining : sizes[d];
    MOTE_ENSURE(n >= 0 && n <= remaining, kInvalidModel, "SLICE size out of range");
    p->count[d] = n;
    p->stride[d] = strides[d];
    p->offset += begins[d] * strides[d];
  }
  SimplifyStridedCopy(p);
  // TFLM checks only the element count: the output is written flat.
  MOTE_ENSURE(p->total == output.NumElements(), kShapeMismatch,
              "output element count differs from the slice size");
  return Status::Ok();
}

Status ResolveStridedSlice(const Tensor& input, const Tensor& begin, const Tensor& end,
                           const Tensor& strides, const StridedSliceOptions& options,
                           const Tensor& output, StridedCopyParams* p) {
  const Shape& in = input.shape;
  int32_t begins[kMaxRank], ends[kMaxRank], steps[kMaxRank];
  MOTE_TRY(ReadIndexValues(begin, in.rank, begins));
  MOTE_TRY(ReadIndexValues(end, in.rank, ends));
  MOTE_TRY(ReadIndexValues(strides, in.rank, steps));
  int64_t in_strides[kMaxRank];
  ShapeStrides(in, in_strides);
  *p = StridedCopyParams();
  p->rank = in.rank;
  p->element_size = static_cast<int32_t>(DTypeSize(input.type));
  int32_t out_axis = 0;
  for (int32_t d = 0; d < in.rank; ++d) {
    const int32_t size = in.dims[d];
    const int32_t step = steps[d];
    MOTE_ENSURE(step != 0, kInvalidModel, "STRIDED_SLICE stride is 0");
    const bool shrink = (options.shrink_axis_mask >> d) & 1;
    // TFLite resolves an empty axis to the empty range before looking at any mask.
    const int64_t start = size == 0 ? 0 : StartForAxis(begins[d], step, size, (options.begin_mask >> d) & 1);
    int64_t count;
    if (shrink) {
      MOTE_ENSURE(start >= 0 && start < size, kInvalidModel, "shrink_axis_mask index out of range");
      count = 1;
    } else {
      const int64_t stop = size == 0 ? 0 : StopForAxis(ends[d], step, size, (options.end_mask >> d) & 1);
      count = StepCount(start, stop, step);
      MOTE_ENSURE(out_axis < output.shape.rank && output.shape.dims[out_axis] == count, kShapeMismatch,
                  "output shape differs from the strided slice");
      ++out_axis;
    }
    p->count[d] = static_cast<int32_t>(count);
    p->stride[d] = step * in_strides[d];
    if (count > 0) p->offset += start * in_strides[d];
  }
  MOTE_ENSURE(out_axis == output.shape.rank, kShapeMismatch, "output rank differs from the strided slice");
  SimplifyStridedCopy(p);
  return Status::Ok();
}

}  // namespace mote
