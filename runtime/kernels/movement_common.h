// Pieces shared by the data-movement ops (RESHAPE and friends, PAD, SLICE, STRIDED_SLICE,
// TRANSPOSE, CONCATENATION/PACK/SPLIT/UNPACK, RESIZE_*). These ops never look at values, only at
// bytes, so their kernels work for every sized dtype at once: a float32 and an int32 tensor move
// the same way.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// TFLite's axis convention: negative counts from the end. Returns -1 when outside [-rank, rank).
constexpr int32_t NormalizeAxis(int32_t axis, int32_t rank) {
  if (axis < 0) axis += rank;
  return axis >= 0 && axis < rank ? axis : -1;
}

// Input and output share a sized dtype (any but string), and the output fits int32 indexing.
Status CheckMovementTypes(const Tensor& input, const Tensor& output);

// Reads the first `count` values of an int32 or int64 index tensor (begin, size, paddings, perm,
// axis...) into `values`. Fails on other dtypes, on fewer than `count` elements, on a missing
// data pointer and on values outside int32.
Status ReadIndexValues(const Tensor& t, int32_t count, int32_t* values);

// Row-major element strides of `shape` (stride of the last axis = 1).
void ShapeStrides(const Shape& shape, int64_t* strides);

// Output element k (row-major over `count`) is input element offset + sum_d index_d * stride[d].
// One view describes a slice, a strided slice (strides may be negative) or a transpose.
struct StridedCopyParams {
  int32_t rank = 0;
  int32_t count[kMaxRank] = {};
  int64_t stride[kMaxRank] = {};  // in elements
  int64_t offset = 0;
  int32_t element_size = 0;
  int64_t total = 0;              // elements written; 0 = nothing to do
};

// Drops unit axes and merges axes that are contiguous in the input, so that the kernel copies
// the longest possible runs. Call once the view is complete.
void SimplifyStridedCopy(StridedCopyParams* p);

void strided_copy_ref(const StridedCopyParams& p, const void* input, void* output);

}  // namespace mote
