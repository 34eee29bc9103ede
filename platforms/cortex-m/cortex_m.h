// System registers and start-up steps shared by the Cortex-M boards (Armv7-M and Armv8-M).
// Written for mote from the Armv7-M / Armv8-M Architecture Reference Manuals; no vendor headers.
#pragma once

#include <stdint.h>

namespace mote::platform::cm {

struct SysTickRegs {
  volatile uint32_t csr;    // control and status
  volatile uint32_t rvr;    // reload value
  volatile uint32_t cvr;    // current value
  volatile uint32_t calib;  // calibration (TENMS, SKEW, NOREF)
};
inline SysTickRegs* const kSysTick = reinterpret_cast<SysTickRegs*>(0xE000E010u);

inline volatile uint32_t& Reg(uintptr_t address) {
  return *reinterpret_cast<volatile uint32_t*>(address);
}
constexpr uintptr_t kVtor = 0xE000ED08u;
constexpr uintptr_t kCcr = 0xE000ED14u;
constexpr uintptr_t kShcsr = 0xE000ED24u;
constexpr uintptr_t kCpacr = 0xE000ED88u;

inline void Dsb() { __asm__ volatile("dsb" ::: "memory"); }
inline void Isb() { __asm__ volatile("isb" ::: "memory"); }

// Grants full access to CP10/CP11: the FPU, and on Armv8.1-M also the MVE (Helium) unit.
inline void EnableFpuAndMve() {
  Reg(kCpacr) |= (3u << 20) | (3u << 22);
  Dsb();
  Isb();
}

// Reports MemManage, BusFault and UsageFault separately instead of escalating to HardFault,
// and traps integer division by zero (a kernel bug on the device, never a valid result).
inline void EnableFaults() {
  Reg(kShcsr) |= (1u << 16) | (1u << 17) | (1u << 18);
  Reg(kCcr) |= (1u << 4);  // DIV_0_TRP
  Dsb();
  Isb();
}

// Copies .data from its load address in flash, zeroes .bss, runs C++ constructors. Symbols come
// from platforms/cortex-m/sections.ld.
void InitMemory();

// Reset sequence shared by every Cortex-M board after its board-specific set-up: memory, main(),
// then a semihosting exit with main's status.
[[noreturn]] void RunMain();

}  // namespace mote::platform::cm
