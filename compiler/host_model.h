// A model loaded on the host: the .tflite bytes, an arena and the runtime interpreter over them.
// Used by `mote run`, `mote inspect` and the tests, so the host runs exactly the device code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/io.h"
#include "runtime/interpreter.h"

namespace mote {

class HostModel {
 public:
  // Loads and prepares `path`. On failure returns nullptr and a one-line reason in `error`.
  // `isa`: the kernel variants to prepare for (Interpreter::set_kernel_isa).
  static std::unique_ptr<HostModel> Load(const std::string& path, std::string* error,
                                         size_t arena_bytes = size_t{64} << 20, KernelIsa isa = kBuildIsa);
  static std::unique_ptr<HostModel> FromBytes(AlignedBytes bytes, std::string* error,
                                              size_t arena_bytes = size_t{64} << 20, KernelIsa isa = kBuildIsa);

  Interpreter& interpreter() { return interp_; }
  const AlignedBytes& bytes() const { return bytes_; }
  const uint8_t* arena_base() const { return arena_.data(); }

  // Copies `data` into input i after checking its byte size; false with `error` otherwise.
  bool SetInput(int i, const std::vector<uint8_t>& data, std::string* error);
  // Invoke; false with the interpreter's message in `error`.
  bool Invoke(std::string* error);

 private:
  AlignedBytes bytes_;
  AlignedBytes arena_;
  Interpreter interp_;
};

}  // namespace mote
