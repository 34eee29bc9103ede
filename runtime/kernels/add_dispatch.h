// Which ADD / SUB int8 kernel runs a prepared layer: the DSP variant when the target has the DSP
// extension and the layer needs no broadcasting, else the reference. Decided from the params
// alone, so the interpreter and the code generators agree.
#pragma once

#include "runtime/kernels/add.h"
#include "runtime/kernels/kernel_isa.h"

namespace mote {

enum class AddS8Kernel : uint8_t { kRef, kDsp };

inline AddS8Kernel SelectAddS8(const AddParams& p, KernelIsa isa) {
  if (isa == KernelIsa::kDsp && AddS8DspSupports(p)) return AddS8Kernel::kDsp;
  return AddS8Kernel::kRef;
}

// The kernel's function name, for generated code (same arguments for all): "add_s8_dsp" or
// "add_s8_ref", and for SUB "sub_s8_dsp" or "sub_s8_ref".
inline const char* AddS8KernelName(const AddParams& p, AddKind kind, KernelIsa isa) {
  const bool dsp = SelectAddS8(p, isa) == AddS8Kernel::kDsp;
  if (kind == AddKind::kAdd) return dsp ? "add_s8_dsp" : "add_s8_ref";
  return dsp ? "sub_s8_dsp" : "sub_s8_ref";
}

// Runs the ADD kernel this build selects.
inline void RunAddS8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
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
  if constexpr (kBuildIsa == KernelIsa::kDsp) {
    if (SelectAddS8(p, kBuildIsa) == AddS8Kernel::kDsp) {
      sub_s8_dsp(p, input1, input2, output);
      return;
    }
  }
  sub_s8_ref(p, input1, input2, output);
}

}  // namespace mote
