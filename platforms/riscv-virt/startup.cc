// The C++ half of the RISC-V start-up: .data/.bss set-up, constructors, main, exit; the trap
// handler; the CLINT mtime timer; and the few C++ runtime symbols that no libstdc++ provides
// for riscv64-unknown-elf.
#include <stdint.h>
#include <string.h>

#include "platforms/common/semihost.h"
#include "platforms/common/timer.h"

extern "C" {
extern uint64_t __data_load[], __data_start[], __data_end[];
extern uint64_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();
[[noreturn]] void mote_riscv_start();
[[noreturn]] void mote_riscv_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval);
}

void mote_riscv_start() {
  uint64_t* src = __data_load;
  for (uint64_t* dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (uint64_t* dst = __bss_start; dst < __bss_end;) *dst++ = 0;
  for (void (**f)() = __init_array_start; f < __init_array_end; ++f) (*f)();
  mote::platform::SemihostExit(main());
}

namespace {
char* AppendHex(char* p, uint64_t v) {
  const char* const kHex = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) *p++ = kHex[(v >> shift) & 15u];
  return p;
}
}  // namespace

void mote_riscv_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval) {
  char line[96] = "error trap mcause=";
  char* p = AppendHex(line + strlen(line), mcause);
  memcpy(p, " mepc=", 6);
  p = AppendHex(p + 6, mepc);
  memcpy(p, " mtval=", 7);
  p = AppendHex(p + 7, mtval);
  *p++ = '\n';
  *p = '\0';
  mote::platform::SemihostWrite0(line);
  mote::platform::SemihostExit(3);
}

namespace mote::platform {

// CLINT mtime of the virt board: 64-bit, 10 MHz, free-running from reset. Run QEMU with
// -icount shift=0,sleep=off so that its phase does not depend on host timing.
constexpr uintptr_t kClintMtime = 0x0200BFF8u;

void TimerStart() {}

uint64_t TimerTicks() { return *reinterpret_cast<volatile uint64_t*>(kClintMtime); }

const char* TimerName() { return "mtime"; }

bool RetiredInstructions(uint64_t* count) {
  uint64_t v;
  __asm__ volatile("csrr %0, minstret" : "=r"(v));
  *count = v;
  return true;
}

}  // namespace mote::platform

// C++ runtime pieces normally in libsupc++. Nothing here allocates, so delete is never reached.
extern "C" void __cxa_pure_virtual() { mote_riscv_trap(0xFFu, 0, 0); }
extern "C" int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
void operator delete(void*) noexcept {}
void operator delete(void*, unsigned long) noexcept {}
