// `mote compile`: turns a .tflite into a freestanding C++17 module. The model is loaded and
// prepared on the host by the runtime interpreter (so every shape check, multiplier and shift is
// computed once, here), then each layer is emitted as one direct kernel call with its params in
// flash, its tensors at fixed offsets of one static arena, and its weights as const arrays.
// Nothing is parsed on the device and only the kernels the model calls are linked.
#pragma once

#include <string>

#include "runtime/kernels/kernel_isa.h"

namespace mote::aot {

struct CompileOptions {
  std::string name = "model";       // C++ namespace and file stem
  std::string target = "host";      // host, cortex-m4, cortex-m7, cortex-m33, cortex-m55, riscv
  std::string out_dir = ".";
};

struct CompileReport {
  std::string header_path, source_path, weights_path;
  size_t arena_bytes = 0;           // the static arena (activations + scratch + state)
  size_t weight_bytes = 0;          // const data in flash: weights and per-layer tables
  int layers = 0;
};

bool CompileModel(const std::string& model_path, const CompileOptions& options, CompileReport* report,
                  std::string* error);

bool IsKnownTarget(const std::string& target);
// The kernel variants a target's module calls: `_mve` on the M55, `_dsp` on M4/M7/M33 (each
// falling back to `_ref` for shapes it declines), `_ref` on host and RISC-V.
KernelIsa TargetKernelIsa(const std::string& target);

}  // namespace mote::aot
