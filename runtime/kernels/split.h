// SPLIT, SPLIT_V and UNPACK: the inverse walk of concatenation.h, sharing its params.
#pragma once

#include <stdint.h>

#include "runtime/kernels/concatenation.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

// The outputs' own shapes give the piece sizes along `axis` (may be negative); when `sizes` is
// not null it holds the size each output must have there (SPLIT's equal parts, SPLIT_V's
// size_splits). p->piece_bytes must have num_outputs writable entries.
Status PrepareSplit(const Tensor& input, const Tensor* const* outputs, int32_t num_outputs,
                    int32_t axis, const int32_t* sizes, ConcatSplitParams* p);
// One output per index of `axis`, each the input without that axis.
Status PrepareUnpack(const Tensor& input, const Tensor* const* outputs, int32_t num_outputs,
                     int32_t axis, ConcatSplitParams* p);

void split_ref(const ConcatSplitParams& p, const void* input, void* const* outputs);

}  // namespace mote
