#include <string.h>

#include "runtime/kernels/concatenation.h"

namespace mote {

void concatenation_ref(const ConcatSplitParams& p, const void* const* inputs, void* output) {
  uint8_t* out = static_cast<uint8_t*>(output);
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int32_t i = 0; i < p.num_pieces; ++i) {
      const size_t bytes = static_cast<size_t>(p.piece_bytes[i]);
      memcpy(out, static_cast<const uint8_t*>(inputs[i]) + o * p.piece_bytes[i], bytes);
      out += bytes;
    }
  }
}

}  // namespace mote
