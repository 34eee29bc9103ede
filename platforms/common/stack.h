// Stack high-water mark by painting, as the TFLM baselines measure it: before the measured call
// the free stack from its limit up to SP - 64 is filled with 0xA5A5A5A5; afterwards the lowest
// overwritten word gives the peak. The stack is the linker script's 64 KiB .stack section.
#pragma once

#include <stdint.h>

extern "C" {
// The caller's stack pointer (platforms/<arch>/arch.S; a leaf function, so exact).
uintptr_t mote_current_sp();
extern uint8_t __stack_limit[];
extern uint8_t __stack_top[];
}

namespace mote::platform {

constexpr uint32_t kStackPaint = 0xA5A5A5A5u;

// Paints [stack limit, sp - 64) with kStackPaint. Call it with the SP the measured call will see.
void PaintStack(uintptr_t sp);
// The lowest address whose word no longer holds the paint: SP(call) - StackLowWater() is the
// peak stack of the call.
uintptr_t StackLowWater();

inline uintptr_t StackTop() { return reinterpret_cast<uintptr_t>(__stack_top); }
inline uintptr_t StackLimit() { return reinterpret_cast<uintptr_t>(__stack_limit); }

}  // namespace mote::platform
