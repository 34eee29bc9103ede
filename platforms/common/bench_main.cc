// The benchmark: loads one embedded model into mote's interpreter and measures it the way
// ../shared/baselines/METHOD.md section 4 measured TFLM, then runs the model's golden input
// cases and prints their outputs for the host to compare bit-exactly (tests/qemu/qemu_check).
//
//  1. timer start; Init() over a 600 KiB arena, more for big models (timed: instructions_init);
//     arena_used_bytes
//  2. fill every input with the LCG s = s*1664525 + 1013904223 seeded with 12345
//  3. cold:   time the first Invoke()                      -> instructions_cold_first_invoke
//  4. refill, paint the stack, time the second Invoke()    -> instructions_per_inference,
//                                                             stack_bytes, stack_total_bytes
//  5. refill, time a third Invoke()                        -> instructions_warm_repeat,
//                                                             output_hash (FNV-1a of output 0)
//  6. short models: time N back-to-back Invoke()s          -> instructions_avg_over_n
//  7. for every embedded case: reset state, copy inputs, Invoke (invokes_per_case times), print
//     case<k>_out<j> as hex
//
// Output: `KEY value` lines over semihosting, then `done 1`; exit status 0, or 1 with an
// `error ...` line.
#include <stdint.h>
#include <string.h>

#include "platforms/common/bench_data.h"
#include "platforms/common/lcg_input.h"
#include "platforms/common/report.h"
#include "platforms/common/stack.h"
#include "platforms/common/timer.h"
#include "runtime/interpreter.h"

namespace {

using namespace mote::platform;

// As the baselines: a 600 KiB static array in .bss; larger for the models that need more
// (platforms/CMakeLists.txt sets MOTE_BENCH_ARENA_BYTES from the manifest's TFLM arena).
#ifndef MOTE_BENCH_ARENA_BYTES
#define MOTE_BENCH_ARENA_BYTES (600 * 1024)
#endif
constexpr size_t kArenaBytes = MOTE_BENCH_ARENA_BYTES;
alignas(16) uint8_t g_arena[kArenaBytes];
mote::Interpreter g_interpreter;

void FillInput(mote::Tensor* t) { mote::bench::FillLcg(t->type, t->data, t->NumElements()); }

void FillInputs() {
  for (int i = 0; i < g_interpreter.num_inputs(); ++i) FillInput(g_interpreter.input(i));
}

int Fail(const char* what, const mote::Status& s) {
  ReportStr("error", what);
  ReportStr("error_status", s.message());
  ReportStr("error_detail", g_interpreter.error());
  return 1;
}

// The timed interval: t0 = ticks(); Invoke(); t1 = ticks(). Kept out of line so that the stack
// measurement sees one call below main's frame, as in the baselines.
__attribute__((noinline)) uint64_t TimedInvoke(mote::Status* status) {
  const uint64_t t0 = TimerTicks();
  *status = g_interpreter.Invoke();
  const uint64_t t1 = TimerTicks();
  return t1 - t0;
}

void ReportInstructions(const char* key, uint64_t ticks) {
  ReportU64(key, TicksToInstructions(ticks));
}

}  // namespace

int main() {
  TimerStart();
  ReportStr("model", mote_model_id);
  ReportStr("timer", TimerName());
  ReportU64("timer_hz", kTimerHz);
  {
    const uint64_t a = TimerTicks();
    const uint64_t b = TimerTicks();
    ReportU64("timer_read_overhead_ticks", b - a);
  }

  // 1. Init: verify, prepare, plan.
  uint64_t t0 = TimerTicks();
  mote::Status s = g_interpreter.Init(mote_model_data, mote_model_size, g_arena, kArenaBytes);
  uint64_t t1 = TimerTicks();
  if (!s.ok()) return Fail("init", s);
  ReportInstructions("instructions_init", t1 - t0);
  ReportU64("arena_used_bytes", g_interpreter.arena_used_bytes());
  ReportU64("arena_persistent_bytes", g_interpreter.persistent_bytes());
  ReportU64("arena_planned_bytes", g_interpreter.planned_bytes());
  ReportU64("model_bytes", mote_model_size);

  // 2-3. Cold invoke.
  FillInputs();
  uint64_t ticks = TimedInvoke(&s);
  if (!s.ok()) return Fail("invoke", s);
  ReportU64("ticks_cold_first_invoke", ticks);
  ReportInstructions("instructions_cold_first_invoke", ticks);

  // 4. Warm invoke with the stack painted: the headline number.
  FillInputs();
  const uintptr_t sp = mote_current_sp();
  PaintStack(sp);
  ticks = TimedInvoke(&s);
  const uintptr_t low = StackLowWater();
  if (!s.ok()) return Fail("invoke", s);
  const uint64_t warm_ticks = ticks;
  ReportU64("ticks_per_inference", ticks);
  ReportInstructions("instructions_per_inference", ticks);
  ReportU64("stack_bytes", sp - low);
  ReportU64("stack_total_bytes", StackTop() - low);

  // 5. Warm repeat and the output hash.
  FillInputs();
  uint64_t retired0 = 0;
  const bool has_retired = RetiredInstructions(&retired0);
  ticks = TimedInvoke(&s);
  uint64_t retired1 = 0;
  RetiredInstructions(&retired1);
  if (!s.ok()) return Fail("invoke", s);
  ReportInstructions("instructions_warm_repeat", ticks);
  if (has_retired) ReportU64("minstret_warm_repeat", retired1 - retired0);
  const mote::Tensor* out0 = g_interpreter.output(0);
  ReportHex32("output_hash", mote::bench::Fnv1a32(out0->data, out0->Bytes()));

  // 6. Below 25,000 ticks average 256 invokes, below 250,000 ticks 16 (resolves tiny models).
  const uint32_t n = warm_ticks < 25000 ? 256 : warm_ticks < 250000 ? 16 : 0;
  if (n > 0) {
    t0 = TimerTicks();
    for (uint32_t i = 0; i < n && s.ok(); ++i) s = g_interpreter.Invoke();
    t1 = TimerTicks();
    if (!s.ok()) return Fail("invoke", s);
    ReportU64("avg_n", n);
    ReportCenti("instructions_avg_over_n", TicksToCentiInstructions(t1 - t0) / n);
  }

  // 7. Golden cases.
  ReportU64("cases", mote_num_cases);
  for (uint32_t k = 0; k < mote_num_cases; ++k) {
    const mote::bench::Case& c = mote_cases[k];
    if (static_cast<int>(c.num_inputs) != g_interpreter.num_inputs()) {
      ReportStr("error", "case input count differs from the model's");
      return 1;
    }
    // As the goldens were made (compiler/golden.cc does the same on the host): state tensors
    // from zero (int8: the zero point), not carried over from the LCG runs or the previous case,
    // then the case's inputs and invokes_per_case Invoke()s; the outputs are the last one's.
    g_interpreter.ResetState();
    for (uint32_t r = 0; r < mote_invokes_per_case; ++r) {
      for (uint32_t i = 0; i < c.num_inputs; ++i) {
        mote::Tensor* t = g_interpreter.input(static_cast<int>(i));
        if (t->Bytes() != c.inputs[i].size) {
          ReportStr("error", "case input size differs from the tensor's");
          return 1;
        }
        memcpy(t->data, c.inputs[i].data, c.inputs[i].size);
      }
      s = g_interpreter.Invoke();
      if (!s.ok()) return Fail("invoke", s);
    }
    for (int j = 0; j < g_interpreter.num_outputs(); ++j) {
      char key[32] = "case";
      char* p = key + 4;
      // k < 1000 and j < 1000 in every corpus model.
      if (k >= 100) *p++ = static_cast<char>('0' + k / 100 % 10);
      if (k >= 10) *p++ = static_cast<char>('0' + k / 10 % 10);
      *p++ = static_cast<char>('0' + k % 10);
      memcpy(p, "_out", 4);
      p += 4;
      if (j >= 100) *p++ = static_cast<char>('0' + j / 100 % 10);
      if (j >= 10) *p++ = static_cast<char>('0' + j / 10 % 10);
      *p++ = static_cast<char>('0' + j % 10);
      *p = '\0';
      const mote::Tensor* out = g_interpreter.output(j);
      ReportBytes(key, out->data, out->Bytes());
    }
  }
  ReportU64("done", 1);
  return 0;
}
