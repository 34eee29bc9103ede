// The 64-bit instruction timer. Under QEMU's -icount shift=0 the virtual clock advances exactly
// 1 ns per executed guest instruction, so a timer clocked at f Hz from the virtual clock ticks
// once every 1e9/f instructions, independent of host speed and load:
//   Cortex-M: SysTick on the processor clock (25 MHz on mps2, 32 MHz on mps3-an547: 40 and
//             31.25 instructions per tick), extended to 64 bits by counting wraps in its handler;
//   RISC-V:   the CLINT mtime register (10 MHz: 100 instructions per tick), read directly.
// The board sets MOTE_TIMER_HZ. See platforms/README.md and ../shared/baselines/METHOD.md s.3.
#pragma once

#include <stdint.h>

#if !defined(MOTE_TIMER_HZ)
#error "MOTE_TIMER_HZ must be set by the board (platforms/<board>/board.cmake)"
#endif  // !defined(MOTE_TIMER_HZ)

namespace mote::platform {

constexpr uint64_t kTimerHz = MOTE_TIMER_HZ;

// Starts (or restarts) the timer. Call once before the first TimerTicks().
void TimerStart();
// Ticks since TimerStart (Cortex-M) or since reset (RISC-V mtime); only differences matter.
uint64_t TimerTicks();
// Short name of the timer, for the report ("systick", "mtime").
const char* TimerName();

// A second, architectural count of retired instructions where the core has one readable from
// the benchmark (RISC-V minstret); returns false and leaves *count alone elsewhere.
bool RetiredInstructions(uint64_t* count);

// Instructions for a tick count: ticks * 1e9 / f, rounded down.
constexpr uint64_t TicksToInstructions(uint64_t ticks) {
  return ticks / kTimerHz * 1000000000ull + ticks % kTimerHz * 1000000000ull / kTimerHz;
}
// Hundredths of instructions (31.25 instructions per tick on mps3-an547 is not an integer).
constexpr uint64_t TicksToCentiInstructions(uint64_t ticks) {
  return ticks / kTimerHz * 100000000000ull + ticks % kTimerHz * 100000000000ull / kTimerHz;
}
static_assert(TicksToInstructions(1) * kTimerHz <= 1000000000ull, "conversion rounds down");

}  // namespace mote::platform
