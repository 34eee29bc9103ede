#include "runtime/kernels/add.h"

namespace mote {

void add_s8_ref(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  AddSubQuantized<AddKind::kAdd>(p, input1, input2, output);
}

}  // namespace mote
