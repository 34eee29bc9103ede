#include <string.h>

#include "runtime/kernels/split.h"

namespace mote {

void split_ref(const ConcatSplitParams& p, const void* input, void* const* outputs) {
  const uint8_t* in = static_cast<const uint8_t*>(input);
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int32_t i = 0; i < p.num_pieces; ++i) {
      const size_t bytes = static_cast<size_t>(p.piece_bytes[i]);
      memcpy(static_cast<uint8_t*>(outputs[i]) + o * p.piece_bytes[i], in, bytes);
      in += bytes;
    }
  }
}

}  // namespace mote
