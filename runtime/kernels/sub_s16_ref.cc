#include "runtime/kernels/add.h"

namespace mote {

void sub_s16_ref(const AddParams& p, const int16_t* input1, const int16_t* input2,
                 int16_t* output) {
  AddSubQuantized<AddKind::kSub>(p, input1, input2, output);
}

}  // namespace mote
