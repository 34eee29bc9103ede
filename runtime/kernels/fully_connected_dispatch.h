// Which FULLY_CONNECTED int8 kernel runs a prepared layer: on a Helium target the MVE variant, on
// a DSP-extension target the DSP variant, elsewhere the blocked plain-C++ one, when the variant
// takes the layer; else the reference.
// The two variants take the same layers, so a Helium build does not link the DSP one. Decided
// from the params alone, so Prepare (scratch request), Eval and the code generators agree.
#pragma once

#include <stddef.h>

#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class FullyConnectedS8Kernel : uint8_t { kRef, kDsp, kMve, kDspRows4, kMveFolded, kBlocked };

inline FullyConnectedS8Kernel SelectFullyConnectedS8(const FullyConnectedParams& p, KernelIsa isa) {
  if (HasMve(isa) && FullyConnectedS8MveSupports(p)) return FullyConnectedS8Kernel::kMve;
  if (isa == KernelIsa::kDsp && FullyConnectedS8DspSupports(p)) return FullyConnectedS8Kernel::kDsp;
  if (isa == KernelIsa::kPortable && FullyConnectedS8BlockedSupports(p)) return FullyConnectedS8Kernel::kBlocked;
  return FullyConnectedS8Kernel::kRef;
}

// The kernel for a layer whose filter is a constant that `mote compile` prepares ahead of time:
// packed for the DSP rows4 variant, or with the input offset folded into the bias for Helium.
inline FullyConnectedS8Kernel SelectFullyConnectedS8Constant(const FullyConnectedParams& p, KernelIsa isa) {
  const FullyConnectedS8Kernel k = SelectFullyConnectedS8(p, isa);
  if (k == FullyConnectedS8Kernel::kMve) return FullyConnectedS8Kernel::kMveFolded;
  if (k == FullyConnectedS8Kernel::kDsp && FullyConnectedS8Rows4DspSupports(p)) return FullyConnectedS8Kernel::kDspRows4;
  return k;
}

// The kernel's function name, for generated code: "fully_connected_s8_mve",
// "fully_connected_s8_dsp" or "fully_connected_s8_ref". The DSP one takes a scratch pointer of
// FullyConnectedS8ScratchBytes bytes after the output.
inline const char* FullyConnectedS8KernelName(FullyConnectedS8Kernel k) {
  switch (k) {
    case FullyConnectedS8Kernel::kMve: return "fully_connected_s8_mve";
    case FullyConnectedS8Kernel::kMveFolded: return "fully_connected_s8_mve_folded";
    case FullyConnectedS8Kernel::kDsp: return "fully_connected_s8_dsp";
    case FullyConnectedS8Kernel::kDspRows4: return "fully_connected_s8_rows4_dsp";
    case FullyConnectedS8Kernel::kBlocked: return "fully_connected_s8_blocked";
    default: return "fully_connected_s8_ref";
  }
}
inline const char* FullyConnectedS8KernelName(const FullyConnectedParams& p, KernelIsa isa) {
  return FullyConnectedS8KernelName(SelectFullyConnectedS8(p, isa));
}

// Scratch bytes the selected kernel needs (0: none). The rows4 variant of a DSP layer needs the
// same widened input as the DSP one it replaces, so Prepare's request covers both.
inline size_t FullyConnectedS8ScratchBytes(const FullyConnectedParams& p, KernelIsa isa) {
  return SelectFullyConnectedS8(p, isa) == FullyConnectedS8Kernel::kDsp ? FullyConnectedS8DspScratchBytes(p) : 0;
}

// Runs the kernel `isa` selects (the one Prepare sized `scratch` for), falling back to the
// reference when this build does not contain that variant.
inline void RunFullyConnectedS8(const FullyConnectedParams& p, KernelIsa isa, const int8_t* input, const int8_t* filter,
                                const int32_t* bias, int8_t* output, void* scratch) {
  if constexpr (HasMve(kBuildIsa)) {
    if (SelectFullyConnectedS8(p, isa) == FullyConnectedS8Kernel::kMve) {
      fully_connected_s8_mve(p, input, filter, bias, output);
      return;
    }
  }
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectFullyConnectedS8(p, isa) == FullyConnectedS8Kernel::kDsp) {
      fully_connected_s8_dsp(p, input, filter, bias, output, scratch);
      return;
    }
  }
  if (SelectFullyConnectedS8(p, isa) == FullyConnectedS8Kernel::kBlocked) {
    fully_connected_s8_blocked(p, input, filter, bias, output);
    return;
  }
  fully_connected_s8_ref(p, input, filter, bias, output);
}

}  // namespace mote
