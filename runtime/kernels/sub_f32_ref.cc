#include "runtime/kernels/add.h"

namespace mote {

void sub_f32_ref(const AddParams& p, const float* input1, const float* input2, float* output) {
  AddSubFloat<AddKind::kSub>(p, input1, input2, output);
}

}  // namespace mote
