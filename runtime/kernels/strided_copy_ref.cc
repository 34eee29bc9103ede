#include <string.h>

#include "runtime/kernels/movement_common.h"

namespace mote {
namespace {

// memcpy of a fixed small size compiles to one load/store and tolerates any alignment (constant
// tensors in the flatbuffer are only byte-aligned).
// Indexing from the row start (rather than stepping a pointer) never forms a pointer before the
// input, which a reversed row would otherwise do after its last element.
template <int kBytes>
uint8_t* CopyRow(uint8_t* out, const uint8_t* in, int32_t n, int64_t step) {
  for (int32_t i = 0; i < n; ++i, out += kBytes) memcpy(out, in + i * step * kBytes, kBytes);
  return out;
}

uint8_t* CopyRowAnySize(uint8_t* out, const uint8_t* in, int32_t n, int64_t step, int32_t size) {
  if (step == 1) {
    memcpy(out, in, static_cast<size_t>(n) * size);
    return out + static_cast<size_t>(n) * size;
  }
  switch (size) {
    case 1: return CopyRow<1>(out, in, n, step);
    case 2: return CopyRow<2>(out, in, n, step);
    case 4: return CopyRow<4>(out, in, n, step);
    case 8: return CopyRow<8>(out, in, n, step);
    default:
      for (int32_t i = 0; i < n; ++i, out += size) memcpy(out, in + i * step * size, size);
      return out;
  }
}

}  // namespace

void strided_copy_ref(const StridedCopyParams& p, const void* input, void* output) {
  if (p.total == 0) return;
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const int last = p.rank - 1;
  int32_t index[kMaxRank] = {};
  int64_t pos = p.offset;
  for (;;) {
    out = CopyRowAnySize(out, in + pos * p.element_size, p.count[last], p.stride[last],
                         p.element_size);
    int d = last - 1;
    for (; d >= 0; --d) {
      pos += p.stride[d];
      if (++index[d] < p.count[d]) break;
      pos -= p.stride[d] * p.count[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace mote
