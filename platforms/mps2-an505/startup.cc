// Reset and vector table of mps2-an505 (Cortex-M33, Secure). Written for mote; no vendor code.
#include <stdint.h>

#include "platforms/cortex-m/cortex_m.h"

extern "C" {
extern uint32_t __stack_top[];
extern uint32_t __stack_limit[];
[[noreturn]] void Reset_Handler();
void NMI_Handler();
void HardFault_Handler();
void MemManage_Handler();
void BusFault_Handler();
void UsageFault_Handler();
void SecureFault_Handler();
void Default_Handler();
void SysTick_Handler();
}

namespace {
using Vector = void (*)();
// The 16 system exception vectors; no external interrupt is enabled, so none follows.
__attribute__((section(".vectors"), used)) const Vector g_vectors[16] = {
    reinterpret_cast<Vector>(__stack_top),  // initial main stack pointer
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    nullptr,
    nullptr,
    nullptr,
    Default_Handler,  // SVCall
    Default_Handler,  // DebugMonitor
    nullptr,
    Default_Handler,  // PendSV
    SysTick_Handler,
};
}  // namespace

extern "C" void Reset_Handler() {
  using namespace mote::platform::cm;
  Reg(kVtor) = reinterpret_cast<uintptr_t>(g_vectors);
  // Armv8-M stack limit: overflowing the 64 KiB stack raises a UsageFault instead of silently
  // corrupting .bss.
  __asm__ volatile("msr msplim, %0" ::"r"(__stack_limit));
  EnableFpuAndMve();  // FPv5 single-precision FPU
  EnableFaults();
  RunMain();
}
