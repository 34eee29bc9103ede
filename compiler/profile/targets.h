// The `mote profile` targets and the emulated boards that run them (platforms/README.md): one
// board per core, with the cross compiler and QEMU binary it needs and the size of the memory
// regions its linker script gives the image (platforms/<board>/board.ld).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mote::profile {

struct Target {
  const char* name;            // `mote profile --target` and `mote compile --target`
  const char* board;           // platforms/<board>
  const char* toolchain_file;  // cmake/<name>.cmake
  const char* compiler;        // the cross compiler the toolchain file uses
  const char* qemu;            // first word of platforms/<board>/qemu.args
  const char* baseline_core;   // "core" of the TFLM records in ../shared/baselines
  int64_t flash_region_bytes;  // board.ld FLASH: code, read-only data, the .data image
  int64_t ram_region_bytes;    // board.ld RAM: .data, .bss (the arena), the 64 KiB stack
};

const std::vector<Target>& AllTargets();
// nullptr when `name` is not a target.
const Target* FindTarget(const std::string& name);
// "cortex-m4, cortex-m7, ..." for messages.
std::string TargetNames();

}  // namespace mote::profile
