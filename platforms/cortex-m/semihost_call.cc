// Semihosting trap for Cortex-M: BKPT 0xAB with the operation in r0 and its argument in r1.
#include "platforms/common/semihost.h"

namespace mote::platform {

uintptr_t SemihostCall(uintptr_t op, const void* arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

}  // namespace mote::platform
