// Arm semihosting, the only I/O of the emulated boards: QEMU runs with
// -semihosting-config enable=on,target=native and prints SYS_WRITE0 strings on its stdout.
// The trap instruction differs per architecture (bkpt 0xab on Cortex-M, the
// slli/ebreak/srai sequence on RISC-V); SemihostCall is defined once per architecture in
// platforms/cortex-m/semihost_call.cc and platforms/riscv-virt/semihost_call.cc.
// Semihosting calls are slow host round trips: never make one inside a timed region.
#pragma once

#include <stdint.h>

namespace mote::platform {

// Operation numbers of the Arm semihosting specification.
constexpr uintptr_t kSysWrite0 = 0x04;
constexpr uintptr_t kSysExitExtended = 0x20;
// SYS_EXIT_EXTENDED reason code for a normal application exit (ADP_Stopped_ApplicationExit).
constexpr uintptr_t kAdpStoppedApplicationExit = 0x20026;

// Traps to the host with `op` in r0/a0 and `arg` in r1/a1; returns r0/a0.
uintptr_t SemihostCall(uintptr_t op, const void* arg);

// Writes a NUL-terminated string to the host console.
void SemihostWrite0(const char* s);

// Ends the program; QEMU exits with `status` as its own exit code.
[[noreturn]] void SemihostExit(int status);

}  // namespace mote::platform
