// CONCATENATION and PACK join tensors along one axis; SPLIT, SPLIT_V and UNPACK (split.h) cut one
// apart. All five are the same walk over bytes: for each of `outer` steps (the axes before the
// joined one), one contiguous piece per part tensor, in order. PACK and UNPACK are the variants
// where every part has size 1 along a new or removed axis.
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct ConcatSplitParams {
  int64_t outer = 0;
  int32_t num_pieces = 0;
  int64_t* piece_bytes = nullptr;  // num_pieces entries, supplied by the caller (persistent)
};

// `axis` may be negative. p->piece_bytes must have num_inputs writable entries.
Status PrepareConcatenation(const Tensor* const* inputs, int32_t num_inputs, int32_t axis,
                            const Tensor& output, ConcatSplitParams* p);
// Stacks equally shaped inputs along a new output axis (`axis` in [-rank-1, rank]).
Status PreparePack(const Tensor* const* inputs, int32_t num_inputs, int32_t axis,
                   const Tensor& output, ConcatSplitParams* p);

void concatenation_ref(const ConcatSplitParams& p, const void* const* inputs, void* output);

}  // namespace mote
