#include "platforms/common/stack.h"

namespace mote::platform {

// Both functions are leaves with no locals in memory, so their own frames stay above sp - 64.
void PaintStack(uintptr_t sp) {
  volatile uint32_t* p = reinterpret_cast<volatile uint32_t*>(StackLimit());
  volatile uint32_t* const end = reinterpret_cast<volatile uint32_t*>((sp - 64) & ~uintptr_t{3});
  while (p < end) *p++ = kStackPaint;
}

uintptr_t StackLowWater() {
  const volatile uint32_t* p = reinterpret_cast<const volatile uint32_t*>(StackLimit());
  const volatile uint32_t* const top = reinterpret_cast<const volatile uint32_t*>(StackTop());
  while (p < top && *p == kStackPaint) ++p;
  return reinterpret_cast<uintptr_t>(p);
}

}  // namespace mote::platform
