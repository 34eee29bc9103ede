// RESHAPE, SQUEEZE and EXPAND_DIMS: the bytes stay in order, only the shape changes. The output
// shape is the one the model gives the output tensor (mote has no dynamic shapes); Prepare checks
// that it is what the op's own arguments say it should be.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct ReshapeParams {
  size_t bytes = 0;
};

// Same dtype and element count.
Status PrepareReshape(const Tensor& input, const Tensor& output, ReshapeParams* p);
// The output is the input without the listed size-1 axes (negative axes count from the end), or
// without every size-1 axis when `num_dims` is 0.
Status CheckSqueezeShape(const Shape& input, const int32_t* squeeze_dims, int32_t num_dims,
                         const Shape& output);
// The output is the input with a size-1 axis inserted at `axis` (in [-rank-1, rank]).
Status CheckExpandDimsShape(const Shape& input, int32_t axis, const Shape& output);

// A copy (memmove, so an in-place plan that aliases input and output stays correct).
void reshape_ref(const ReshapeParams& p, const void* input, void* output);

}  // namespace mote
