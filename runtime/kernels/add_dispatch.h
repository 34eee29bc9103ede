// Which ADD / SUB int8 kernel runs a prepared layer: on a Helium target the MVE variant, on a
// DSP-extension target the DSP variant, when the layer needs no broadcasting; else the reference
// (a Helium build does not link the DSP variant, which takes the same layers). Decided from the
// params alone, so the interpreter and the code generators agree.
#pragma once

#include "runtime/kernels/add.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class AddS8Kernel : uint8_t { kRef, kDsp, kMve };

inline AddS8Kernel SelectAddS8(const AddParams& p, KernelIsa isa) {
  if (HasMve(isa) && AddS8MveSupports(p)) return AddS8Kernel::kMve;
  if (isa == KernelIsa::kDsp && AddS8DspSupports(p)) return AddS8Kernel::kDsp;
  return AddS8Kernel::kRef;
}

// The kernel's function name, for generated code (same arguments for all): "add_s8_mve",
// "add_s8_dsp" or "add_s8_ref", and the same with "sub" for SUB.
inline const char* AddS8KernelName(const AddParams& p, AddKind kind, KernelIsa isa) {
  const AddS8Kernel k = SelectAddS8(p, isa);
  if (kind == AddKind::kAdd) return k == AddS8Kernel::kMve ? "add_s8_mve" : k == AddS8Kernel::kDsp ? "add_s8_dsp" : "add_s8_ref";
  return k == AddS8Kernel::kMve ? "sub_s8_mve" : k == AddS8Kernel::kDsp ? "sub_s8_dsp" : "sub_s8_ref";
}

// Runs the ADD kernel this build selects.
inline void RunAddS8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  if constexpr (HasMve(kBuildIsa)) {
    if (SelectAddS8(p, kBuildIsa) == AddS8Kernel::kMve) {
      add_s8_mve(p, input1, input2, output);
      return;
    }
  }
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectAddS8(p, kBuildIsa) == AddS8Kernel::kDsp) {
      add_s8_dsp(p, input1, input2, output);
      return;
    }
  }
  add_s8_ref(p, input1, input2, output);
}

// Runs the SUB kernel this build selects.
inline void RunSubS8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  if constexpr (HasMve(kBuildIsa)) {
    if (SelectAddS8(p, kBuildIsa) == AddS8Kernel::kMve) {
      sub_s8_mve(p, input1, input2, output);
      return;
    }
  }
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectAddS8(p, kBuildIsa) == AddS8Kernel::kDsp) {
      sub_s8_dsp(p, input1, input2, output);
      return;
    }
  }
  sub_s8_ref(p, input1, input2, output);
}

}  // namespace mote
