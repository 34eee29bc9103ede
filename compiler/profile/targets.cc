#include "compiler/profile/targets.h"

namespace mote::profile {

const std::vector<Target>& AllTargets() {
  static const std::vector<Target> kTargets = {
      {"cortex-m4", "mps2-an386", "cortex-m4", "arm-none-eabi-gcc", "qemu-system-arm", "cortex-m4", 4 << 20, 4 << 20},
      {"cortex-m7", "mps2-an500", "cortex-m7", "arm-none-eabi-gcc", "qemu-system-arm", "cortex-m7", 4 << 20, 4 << 20},
      {"cortex-m33", "mps2-an505", "cortex-m33", "arm-none-eabi-gcc", "qemu-system-arm", "cortex-m33", 4 << 20,
       4 << 20},
      {"cortex-m55", "mps3-an547", "cortex-m55", "arm-none-eabi-gcc", "qemu-system-arm", "cortex-m55", 16 << 20,
       16 << 20},
      {"riscv", "riscv-virt", "riscv64-unknown-elf", "riscv64-unknown-elf-gcc", "qemu-system-riscv64", "riscv64",
       16 << 20, 16 << 20},
  };
  return kTargets;
}

const Target* FindTarget(const std::string& name) {
  for (const Target& t : AllTargets())
    if (name == t.name) return &t;
  return nullptr;
}

std::string TargetNames() {
  std::string names;
  for (const Target& t : AllTargets()) names += (names.empty() ? "" : ", ") + std::string(t.name);
  return names;
}

}  // namespace mote::profile
