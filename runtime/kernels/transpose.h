// TRANSPOSE: output axis i is input axis perm[i]. Resolved to a StridedCopyParams view (the
// output walks the input with permuted strides) that strided_copy_ref executes for any dtype.
#pragma once

#include "runtime/kernels/movement_common.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// `perm` is a constant int32/int64 vector holding a permutation of [0, rank).
Status PrepareTranspose(const Tensor& input, const Tensor& perm, const Tensor& output,
                        StridedCopyParams* p);

}  // namespace mote
