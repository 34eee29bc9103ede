// Semihosting trap for RISC-V: the uncompressed three-instruction sequence
// `slli x0,x0,0x1f; ebreak; srai x0,x0,7` (the debugger recognises the ebreak by its
// neighbours, so all three must be 32-bit encodings in one page), a0 = operation, a1 = argument.
#include "platforms/common/semihost.h"

namespace mote::platform {

uintptr_t SemihostCall(uintptr_t op, const void* arg) {
  register uintptr_t a0 __asm__("a0") = op;
  register const void* a1 __asm__("a1") = arg;
  __asm__ volatile(
      ".option push\n"
      ".option norvc\n"
      ".balign 16\n"
      "slli x0, x0, 0x1f\n"
      "ebreak\n"
      "srai x0, x0, 7\n"
      ".option pop\n"
      : "+r"(a0)
      : "r"(a1)
      : "memory");
  return a0;
}

}  // namespace mote::platform
