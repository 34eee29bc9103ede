#include "runtime/kernels/add.h"

namespace mote {

void add_f32_ref(const AddParams& p, const float* input1, const float* input2, float* output) {
  AddSubFloat<AddKind::kAdd>(p, input1, input2, output);
}

}  // namespace mote
