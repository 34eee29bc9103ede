#include "runtime/kernels/transpose.h"

namespace mote {

Status PrepareTranspose(const Tensor& input, const Tensor& perm, const Tensor& output,
                        StridedCopyParams* p) {
  MOTE_TRY(CheckMovementTypes(input, output));
  const int32_t rank = input.shape.rank;
  // A scalar input has an empty perm, which a model stores without data (so not "constant").
  MOTE_ENSURE(perm.is_constant || rank == 0, kUnsupported, "non-constant perm tensor");
  MOTE_ENSURE(perm.shape.rank == 1 && perm.shape.dims[0] == rank, kShapeMismatch,
              "perm must hold one entry per input axis");
  MOTE_ENSURE(output.shape.rank == rank, kShapeMismatch, "output rank differs from the input");
  int32_t axes[kMaxRank];
  MOTE_TRY(ReadIndexValues(perm, rank, axes));
  int64_t strides[kMaxRank];
  ShapeStrides(input.shape, strides);
  bool used[kMaxRank] = {};
  *p = StridedCopyParams();
  p->rank = rank;
  p->element_size = static_cast<int32_t>(DTypeSize(input.type));
  for (int32_t i = 0; i < rank; ++i) {
    const int32_t a = axes[i];
    MOTE_ENSURE(a >= 0 && a < rank && !used[a], kInvalidModel, "perm is not a permutation of the input axes");
    used[a] = true;
    MOTE_ENSURE(output.shape.dims[i] == input.shape.dims[a], kShapeMismatch,
                "output shape is not the permuted input shape");
    p->count[i] = input.shape.dims[a];
    p->stride[i] = strides[a];
  }
  SimplifyStridedCopy(p);
  return Status::Ok();
}

}  // namespace mote
