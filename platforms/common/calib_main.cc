// Timer calibration (METHOD.md section 3): times mote_spin(n), a loop of exactly 2n+2
// instructions (platforms/<arch>/arch.S), with the benchmark's timer code, for n = 1e6 .. 4e8.
// The host checks that ticks x (1e9 / f) is within one tick of 2n+2 on every board.
#include <stdint.h>

#include "platforms/common/report.h"
#include "platforms/common/timer.h"

extern "C" void mote_spin(uint32_t n);
extern "C" int32_t mote_fpu_selftest(int32_t x);

namespace {

using namespace mote::platform;

__attribute__((noinline)) uint64_t TimeSpin(uint32_t n, uint64_t* retired) {
  uint64_t r0 = 0;
  uint64_t r1 = 0;
  RetiredInstructions(&r0);
  const uint64_t t0 = TimerTicks();
  mote_spin(n);
  const uint64_t t1 = TimerTicks();
  RetiredInstructions(&r1);
  *retired = r1 - r0;
  return t1 - t0;
}

}  // namespace

int main() {
  TimerStart();
  ReportStr("timer", TimerName());
  ReportU64("timer_hz", kTimerHz);
  ReportCenti("instructions_per_tick", TicksToCentiInstructions(1));
  const uint64_t a = TimerTicks();
  const uint64_t b = TimerTicks();
  ReportU64("timer_read_overhead_ticks", b - a);
  // The FPU (and Helium on the M55) must be on: a fault here fails the calibration test.
  int32_t expected = 21;
  const char* units = "none";
#if defined(__ARM_FP) || defined(__riscv_flen)
  expected *= 2;
  units = "fpu";
#endif  // defined(__ARM_FP) || defined(__riscv_flen)
#if defined(__ARM_FEATURE_MVE)
  expected *= 4;
  units = "fpu+mve";
#endif  // defined(__ARM_FEATURE_MVE)
  ReportStr("fpu_units", units);
  ReportStr("fpu_selftest", mote_fpu_selftest(21) == expected ? "ok" : "wrong");
  uint64_t unused = 0;
  const bool has_retired = RetiredInstructions(&unused);
  static const uint32_t kN[] = {1000000u, 10000000u, 100000000u, 400000000u};
  for (uint32_t n : kN) {
    uint64_t retired = 0;
    const uint64_t ticks = TimeSpin(n, &retired);
    ReportU64("calib_n", n);
    ReportU64("calib_ticks", ticks);
    ReportCenti("calib_instructions", TicksToCentiInstructions(ticks));
    ReportU64("calib_expected", 2ull * n + 2);
    if (has_retired) ReportU64("calib_minstret", retired);
  }
  ReportU64("done", 1);
  return 0;
}
