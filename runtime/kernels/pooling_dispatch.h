// Which AVERAGE_POOL_2D int8 kernel runs a prepared layer: the Helium variant on a Helium target
// (it takes every shape), else the reference. Used by the op's Eval and by `mote compile`.
#pragma once

#include "runtime/kernels/kernel_isa.h"
#include "runtime/kernels/pooling.h"

namespace mote {

// The kernel's function name, for generated code.
inline const char* AveragePoolS8KernelName(KernelIsa isa) {
  return HasMve(isa) ? "average_pool_s8_mve" : "average_pool_s8_ref";
}

// Runs the kernel this build contains for `isa`.
inline void RunAveragePoolS8(const PoolParams& p, KernelIsa isa, const int8_t* input, int8_t* output) {
  if constexpr (HasMve(kBuildIsa)) {
    if (HasMve(isa)) {
      average_pool_s8_mve(p, input, output);
      return;
    }
  }
  average_pool_s8_ref(p, input, output);
}

}  // namespace mote
