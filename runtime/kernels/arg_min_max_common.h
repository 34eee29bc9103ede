// The search shared by every ARG_MAX/ARG_MIN dtype.
#pragma once

#include <stdint.h>

#include "runtime/kernels/arg_min_max.h"

namespace mote {

template <typename T, typename Better>
void ArgSearch(const ArgMinMaxParams& p, const T* input, int32_t* output, Better better) {
  for (int32_t o = 0; o < p.outer; ++o) {
    const T* slab = input + static_cast<int64_t>(o) * p.axis_size * p.inner;
    for (int32_t i = 0; i < p.inner; ++i) {
      T best = slab[i];
      int32_t best_index = 0;
      for (int32_t a = 1; a < p.axis_size; ++a) {
        const T v = slab[static_cast<int64_t>(a) * p.inner + i];
        if (better(v, best)) {
          best = v;
          best_index = a;
        }
      }
      output[static_cast<int64_t>(o) * p.inner + i] = best_index;
    }
  }
}

}  // namespace mote
