#include "platforms/common/semihost.h"

namespace mote::platform {

void SemihostWrite0(const char* s) { SemihostCall(kSysWrite0, s); }

void SemihostExit(int status) {
  // The parameter block holds two words of the native width (32-bit on Arm, 64-bit on RV64).
  const uintptr_t block[2] = {kAdpStoppedApplicationExit, static_cast<uintptr_t>(status)};
  SemihostCall(kSysExitExtended, block);
  for (;;) {
  }
}

}  // namespace mote::platform
