#include "runtime/kernels/unary_common.h"

namespace mote {

void abs_s16_ref(const UnaryParams& p, const int16_t* input, int16_t* output) {
  if (p.raw) {
    // Unquantized int16: |INT16_MIN| wraps back to INT16_MIN, as std::abs stored in int16 does.
    MapElements(input, output, p.size, [](int16_t x) {
      return static_cast<int16_t>(x < 0 ? -static_cast<int32_t>(x) : x);
    });
    return;
  }
  MapElements(input, output, p.size,
              [&p](int16_t x) { return static_cast<int16_t>(AbsElement(p, x)); });
}

}  // namespace mote
