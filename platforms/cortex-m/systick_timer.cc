// SysTick as a 64-bit tick counter: CSR = 7 (processor clock, interrupt, enable), reload
// 0xFFFFFF; the handler counts wraps of the 24-bit down-counter. A wrap costs the handler's few
// instructions once every 2^24 ticks (671 M instructions at 25 MHz), negligible and identical to
// the TFLM baseline harness.
#include "platforms/common/timer.h"
#include "platforms/cortex-m/cortex_m.h"

namespace mote::platform {
namespace {
volatile uint32_t g_systick_wraps = 0;
}  // namespace

void TimerStart() {
  cm::kSysTick->csr = 0;
  cm::kSysTick->rvr = 0x00FFFFFFu;
  cm::kSysTick->cvr = 0;  // any write clears the counter and COUNTFLAG
  g_systick_wraps = 0;
  cm::kSysTick->csr = 7;
}

uint64_t TimerTicks() {
  uint32_t wraps;
  uint32_t value;
  do {
    wraps = g_systick_wraps;
    value = cm::kSysTick->cvr;
  } while (wraps != g_systick_wraps);
  return (static_cast<uint64_t>(wraps) << 24) + (0x00FFFFFFu - value);
}

const char* TimerName() { return "systick"; }

bool RetiredInstructions(uint64_t*) { return false; }

}  // namespace mote::platform

extern "C" void SysTick_Handler() { mote::platform::g_systick_wraps = mote::platform::g_systick_wraps + 1; }
