#include <string.h>

#include "runtime/kernels/pad.h"

namespace mote {
namespace {

uint8_t* Fill(uint8_t* out, const uint8_t* value, int32_t size, int64_t n) {
  if (n <= 0) return out;
  // A constant byte pattern (all-zero float, any int8) is one memset.
  bool same = true;
  for (int32_t i = 1; i < size; ++i) same = same && value[i] == value[0];
  if (same) {
    memset(out, value[0], static_cast<size_t>(n) * size);
    return out + static_cast<size_t>(n) * size;
  }
  for (int64_t i = 0; i < n; ++i, out += size) memcpy(out, value, size);
  return out;
}

struct PadWalk {
  const PadParams& p;
  const uint8_t* value;
  int64_t out_inner[kMaxRank];  // output elements per step of each axis

  // Writes the output block of axis d and beyond; returns the advanced pointers.
  void Run(int32_t d, const uint8_t*& in, uint8_t*& out) const {
    const int32_t size = p.element_size;
    out = Fill(out, value, size, p.before[d] * out_inner[d]);
    if (d == p.rank - 1) {
      const size_t bytes = static_cast<size_t>(p.input_dims[d]) * size;
      memcpy(out, in, bytes);
      out += bytes;
      in += bytes;
    } else {
      for (int32_t i = 0; i < p.input_dims[d]; ++i) Run(d + 1, in, out);
    }
    out = Fill(out, value, size, p.after[d] * out_inner[d]);
  }
};

}  // namespace

void pad_ref(const PadParams& p, const void* input, const void* pad_value, void* output) {
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const uint8_t* value = static_cast<const uint8_t*>(pad_value);
  if (p.rank == 0) {
    memcpy(out, in, p.element_size);
    return;
  }
  PadWalk walk{p, value, {}};
  int64_t out_n = 1;
  for (int32_t d = p.rank - 1; d >= 0; --d) {
    walk.out_inner[d] = out_n;
    out_n *= int64_t{p.before[d]} + p.input_dims[d] + p.after[d];
  }
  walk.Run(0, in, out);
}

}  // namespace mote
