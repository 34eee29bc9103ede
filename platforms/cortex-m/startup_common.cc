// The board-independent half of the Cortex-M reset handler and the default fault handlers.
#include <stdint.h>
#include <string.h>

#include "platforms/common/semihost.h"
#include "platforms/cortex-m/cortex_m.h"

extern "C" {
// Linker-script symbols (platforms/cortex-m/sections.ld).
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();
}

namespace mote::platform::cm {

void InitMemory() {
  // Plain loops, not memcpy/memset: those could read globals that are not set up yet.
  uint32_t* src = __data_load;
  for (uint32_t* dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start; dst < __bss_end;) *dst++ = 0;
  for (void (**f)() = __init_array_start; f < __init_array_end; ++f) (*f)();
}

void RunMain() {
  InitMemory();
  SemihostExit(main());
}

}  // namespace mote::platform::cm

namespace {
[[noreturn]] void Fault(const char* what) {
  using namespace mote::platform;
  const uint32_t cfsr = cm::Reg(0xE000ED28u);
  char line[64] = "error fault ";
  size_t n = strlen(line);
  for (const char* p = what; *p != '\0' && n < 40; ++p) line[n++] = *p;
  const char* const kHex = "0123456789abcdef";
  line[n++] = ' ';
  line[n++] = 'c';
  line[n++] = 'f';
  line[n++] = 's';
  line[n++] = 'r';
  line[n++] = '=';
  for (int shift = 28; shift >= 0; shift -= 4) line[n++] = kHex[(cfsr >> shift) & 15u];
  line[n++] = '\n';
  line[n] = '\0';
  SemihostWrite0(line);
  SemihostExit(3);
}
}  // namespace

extern "C" {
void NMI_Handler() { Fault("nmi"); }
void HardFault_Handler() { Fault("hardfault"); }
void MemManage_Handler() { Fault("memmanage"); }
void BusFault_Handler() { Fault("busfault"); }
void UsageFault_Handler() { Fault("usagefault"); }
void SecureFault_Handler() { Fault("securefault"); }
void Default_Handler() { Fault("unexpected-exception"); }
}
