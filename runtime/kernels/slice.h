// SLICE and STRIDED_SLICE: both select a box of the input, the strided one with a step (possibly
// negative) per axis and optional removal of single-element axes. Either resolves to a
// StridedCopyParams view that strided_copy_ref executes for any dtype.
#pragma once

#include <stdint.h>

#include "runtime/kernels/movement_common.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// TFLM ignores ellipsis_mask, new_axis_mask and offset (its params builder never copies them),
// so mote does too.
struct StridedSliceOptions {
  int32_t begin_mask = 0;
  int32_t end_mask = 0;
  int32_t shrink_axis_mask = 0;
};

struct SliceParams {
  StridedCopyParams copy;
  StridedSliceOptions options;  // STRIDED_SLICE only
  bool resolve_in_eval = false;  // index tensors are computed, not constant
};

// Static checks that do not need the index values (dtypes, index tensor shapes).
Status CheckSliceTensors(const Tensor& input, const Tensor& begin, const Tensor& size, const Tensor& output);
Status CheckStridedSliceTensors(const Tensor& input, const Tensor& begin, const Tensor& end,
                                const Tensor& strides, const Tensor& output);

// Resolve the index values into a copy view and check the output against it. Called by Prepare
// for constant indices, otherwise by Eval before each copy.
Status ResolveSlice(const Tensor& input, const Tensor& begin, const Tensor& size,
                    const Tensor& output, StridedCopyParams* p);
Status ResolveStridedSlice(const Tensor& input, const Tensor& begin, const Tensor& end,
                           const Tensor& strides, const StridedSliceOptions& options,
                           const Tensor& output, StridedCopyParams* p);

}  // namespace mote
