#include "runtime/kernels/unary_common.h"

namespace mote {

void elu_s8_ref(const UnaryParams& p, const int8_t* input, int8_t* output) {
  const int8_t* table = p.table;
  MapElements(input, output, p.size, [table](int8_t x) { return table[static_cast<uint8_t>(x)]; });
}

}  // namespace mote
