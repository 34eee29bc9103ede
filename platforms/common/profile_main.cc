// `mote profile`'s measurement program (compiler/profile/): one model, run either by the
// interpreter from the embedded .tflite or as the AOT module `mote compile` emitted, measured as
// bench_main.cc measures (../shared/baselines/METHOD.md s.4) on the baselines' LCG input:
//
//  1. timer start; init (interpreter: Init() over the arena, AOT: init())  -> instructions_init
//  2. fill every input with the LCG (lcg_input.h)
//  3. cold:   time the first invoke                    -> instructions_cold_first_invoke
//  4. refill, paint the stack, time the second invoke  -> instructions_per_inference,
//                                                         stack_bytes, stack_total_bytes
//  5. refill, time a third invoke                      -> instructions_warm_repeat, output_hash,
//                                                         out<j> (hex) for the host's check
//  6. short models: N back-to-back invokes             -> instructions_avg_over_n
//
// Built with MOTE_PROFILE_LAYERS (profile_layers.elf, with layer_hooks.h force-included) it
// times each layer instead: after a cold invoke, `layer_passes` invokes with the hooks adding
// every layer's ticks, then layer_<i> = mean instructions of layer i (each reading includes part
// of two timer reads, about 20 instructions). Headline figures come from the plain build only.
//
// Built with MOTE_PROFILE_CASES (profile_cases.elf, when the caller gave input cases) it
// measures nothing: it includes profile_cases.h (the cases as const arrays, written by
// `mote profile`) and for each case resets the state, fills the inputs (input 0 from the case,
// any others from the LCG), invokes and prints case<k>_out<j> as hex, after `cases <n>`. The
// cases live in their own program so that profile.elf's flash figures do not include them.
//
// profile_config.h, written by `mote profile` into its work folder, selects the engine: with
// MOTE_PROFILE_AOT_HEADER it includes the module and defines MOTE_PROFILE_AOT_NS and
// MOTE_PROFILE_INPUT_DTYPES; otherwise MOTE_PROFILE_ARENA_BYTES sizes the interpreter's arena.
// Both define MOTE_PROFILE_NUM_LAYERS. Output: `KEY value` lines, then `done 1`; exit status 0,
// or 1 after `error ...` lines.
#include <stdint.h>
#include <string.h>

#include "platforms/common/lcg_input.h"
#include "platforms/common/report.h"
#include "platforms/common/stack.h"
#include "platforms/common/timer.h"
#include "profile_config.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

#if defined(MOTE_PROFILE_LAYERS)
#include "platforms/common/layer_hooks.h"
#endif
#if defined(MOTE_PROFILE_CASES)
#include "profile_cases.h"
#endif

#if defined(MOTE_PROFILE_AOT_HEADER)
#include MOTE_PROFILE_AOT_HEADER
#else
#include "platforms/common/bench_data.h"
#include "runtime/interpreter.h"
#endif

namespace {

using namespace mote::platform;

constexpr int kNumLayers = MOTE_PROFILE_NUM_LAYERS;

// --- the engine: the same few calls over the AOT module or the interpreter -------------------
// (each program uses some of them: [[maybe_unused]] marks the ones a variant may leave out)
#if defined(MOTE_PROFILE_AOT_HEADER)
namespace model = MOTE_PROFILE_AOT_NS;
constexpr mote::DType kInputTypes[] = {MOTE_PROFILE_INPUT_DTYPES};
static_assert(sizeof(kInputTypes) / sizeof(kInputTypes[0]) == model::kNumInputs,
              "profile_config.h lists one dtype per module input");

const char* EngineName() { return "aot"; }
mote::Status EngineInit() {
  model::init();
  return mote::Status::Ok();
}
mote::Status EngineInvoke() { return model::invoke(); }
int NumInputs() { return model::kNumInputs; }
[[maybe_unused]] void* InputData(int i) { return model::input_data(i); }
[[maybe_unused]] size_t InputBytes(int i) { return model::input_bytes(i); }
[[maybe_unused]] void EngineResetState() { model::init(); }
void FillInput(int i) {
  const int64_t count = static_cast<int64_t>(model::input_bytes(i) / mote::DTypeSize(kInputTypes[i]));
  mote::bench::FillLcg(kInputTypes[i], model::input_data(i), count);
}
int NumOutputs() { return model::kNumOutputs; }
const void* OutputData(int j) { return model::output_data(j); }
size_t OutputBytes(int j) { return model::output_bytes(j); }
size_t ArenaUsedBytes() { return model::kArenaBytes; }
size_t ArenaCapacityBytes() { return model::kArenaBytes; }
const char* EngineError() { return ""; }
#if defined(MOTE_PROFILE_LAYERS)
// The module's invoke() calls the layer hooks itself (MOTE_AOT_LAYER_BEGIN/END).
mote::Status InvokeTimingLayers() { return model::invoke(); }
#endif

#else  // the interpreter over the embedded .tflite

alignas(16) uint8_t g_arena[MOTE_PROFILE_ARENA_BYTES];
mote::Interpreter g_interpreter;

const char* EngineName() { return "interpreter"; }
mote::Status EngineInit() { return g_interpreter.Init(mote_model_data, mote_model_size, g_arena, sizeof(g_arena)); }
mote::Status EngineInvoke() { return g_interpreter.Invoke(); }
int NumInputs() { return g_interpreter.num_inputs(); }
[[maybe_unused]] void* InputData(int i) { return g_interpreter.input(i)->data; }
[[maybe_unused]] size_t InputBytes(int i) { return g_interpreter.input(i)->Bytes(); }
[[maybe_unused]] void EngineResetState() { g_interpreter.ResetState(); }
void FillInput(int i) {
  mote::Tensor* t = g_interpreter.input(i);
  mote::bench::FillLcg(t->type, t->data, t->NumElements());
}
int NumOutputs() { return g_interpreter.num_outputs(); }
const void* OutputData(int j) { return g_interpreter.output(j)->data; }
size_t OutputBytes(int j) { return g_interpreter.output(j)->Bytes(); }
size_t ArenaUsedBytes() { return g_interpreter.arena_used_bytes(); }
size_t ArenaCapacityBytes() { return sizeof(g_arena); }
const char* EngineError() { return g_interpreter.error(); }
#if defined(MOTE_PROFILE_LAYERS)
mote::Status InvokeTimingLayers() {
  for (int n = 0; n < g_interpreter.num_nodes(); ++n) {
    mote_profile_layer_begin(n);
    const mote::Status s = g_interpreter.InvokeNode(n);
    mote_profile_layer_end(n);
    if (!s.ok()) return s;
  }
  return mote::Status::Ok();
}
#endif
#endif

// --- measurement ----------------------------------------------------------------------------

void FillInputs() {
  for (int i = 0; i < NumInputs(); ++i) FillInput(i);
}

int Fail(const char* what, const mote::Status& s) {
  ReportStr("error", what);
  ReportStr("error_status", s.message());
  ReportStr("error_detail", EngineError());
  return 1;
}

// "<prefix><index>" into `key` (index < 100000).
const char* IndexedKey(char (&key)[24], const char* prefix, uint32_t index) {
  size_t n = strlen(prefix);
  memcpy(key, prefix, n);
  char digits[6];
  int d = 0;
  do {
    digits[d++] = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0 && d < 5);
  while (d > 0) key[n++] = digits[--d];
  key[n] = '\0';
  return key;
}

// The timed interval t0 = ticks(); invoke(); t1 = ticks(), out of line so that the stack
// measurement sees one call below main's frame, as in the baselines.
[[maybe_unused]] __attribute__((noinline)) uint64_t TimedInvoke(mote::Status* status) {
  const uint64_t t0 = TimerTicks();
  *status = EngineInvoke();
  const uint64_t t1 = TimerTicks();
  return t1 - t0;
}

// Back-to-back invokes that resolve models shorter than a few ticks: below 25,000 ticks 256,
// below 250,000 ticks 16 (METHOD.md s.4 step 6), else a single one.
[[maybe_unused]] uint32_t RepeatsFor(uint64_t ticks) { return ticks < 25000 ? 256 : ticks < 250000 ? 16 : 1; }

#if defined(MOTE_PROFILE_CASES)
int RunCases() {
  if (NumInputs() < 1 || InputBytes(0) != MOTE_PROFILE_CASE_BYTES) {
    ReportStr("error", "the cases' size differs from input 0's");
    return 1;
  }
  ReportU64("cases", MOTE_PROFILE_NUM_CASES);
  for (uint32_t k = 0; k < MOTE_PROFILE_NUM_CASES; ++k) {
    EngineResetState();
    FillInputs();
    memcpy(InputData(0), kProfileCases[k], MOTE_PROFILE_CASE_BYTES);
    const mote::Status s = EngineInvoke();
    if (!s.ok()) return Fail("invoke", s);
    char prefix[24], key[24];
    IndexedKey(prefix, "case", k);
    memcpy(prefix + strlen(prefix), "_out", 5);
    for (int j = 0; j < NumOutputs(); ++j)
      ReportBytes(IndexedKey(key, prefix, static_cast<uint32_t>(j)), OutputData(j), OutputBytes(j));
  }
  ReportU64("done", 1);
  return 0;
}
#elif defined(MOTE_PROFILE_LAYERS)
uint64_t g_layer_ticks[kNumLayers > 0 ? kNumLayers : 1];
uint64_t g_layer_start;

int MeasureLayers() {
  mote::Status s;
  FillInputs();
  const uint64_t ticks = TimedInvoke(&s);  // cold invoke, and the length that sets the passes
  if (!s.ok()) return Fail("invoke", s);
  const uint32_t passes = RepeatsFor(ticks);
  for (uint64_t& t : g_layer_ticks) t = 0;
  for (uint32_t p = 0; p < passes; ++p) {
    s = InvokeTimingLayers();
    if (!s.ok()) return Fail("invoke", s);
  }
  ReportU64("layers", kNumLayers);
  ReportU64("layer_passes", passes);
  char key[24];
  for (int i = 0; i < kNumLayers; ++i)
    ReportCenti(IndexedKey(key, "layer_", static_cast<uint32_t>(i)),
                TicksToCentiInstructions(g_layer_ticks[i]) / passes);
  // One more invoke on a fresh input (the passes may have overwritten it: activations share the
  // arena): its hash must equal the plain build's, so the hooks changed no result.
  FillInputs();
  s = EngineInvoke();
  if (!s.ok()) return Fail("invoke", s);
  ReportHex32("output_hash", mote::bench::Fnv1a32(OutputData(0), OutputBytes(0)));
  ReportU64("outputs", static_cast<uint64_t>(NumOutputs()));
  ReportU64("done", 1);
  return 0;
}
#else
int MeasureInference() {
  // 2-3. Cold invoke.
  FillInputs();
  mote::Status s;
  uint64_t ticks = TimedInvoke(&s);
  if (!s.ok()) return Fail("invoke", s);
  ReportU64("ticks_cold_first_invoke", ticks);
  ReportU64("instructions_cold_first_invoke", TicksToInstructions(ticks));

  // 4. Warm invoke with the stack painted: the headline number.
  FillInputs();
  const uintptr_t sp = mote_current_sp();
  PaintStack(sp);
  const uint64_t warm_ticks = TimedInvoke(&s);
  const uintptr_t low = StackLowWater();
  if (!s.ok()) return Fail("invoke", s);
  ReportU64("ticks_per_inference", warm_ticks);
  ReportU64("instructions_per_inference", TicksToInstructions(warm_ticks));
  ReportU64("stack_bytes", sp - low);
  ReportU64("stack_total_bytes", StackTop() - low);

  // 5. Warm repeat; the outputs for the host check.
  FillInputs();
  ticks = TimedInvoke(&s);
  if (!s.ok()) return Fail("invoke", s);
  ReportU64("instructions_warm_repeat", TicksToInstructions(ticks));
  ReportHex32("output_hash", mote::bench::Fnv1a32(OutputData(0), OutputBytes(0)));
  ReportU64("outputs", static_cast<uint64_t>(NumOutputs()));
  char key[24];
  for (int j = 0; j < NumOutputs(); ++j)
    ReportBytes(IndexedKey(key, "out", static_cast<uint32_t>(j)), OutputData(j), OutputBytes(j));

  // 6. Short models: the mean of back-to-back invokes.
  const uint32_t n = RepeatsFor(warm_ticks);
  if (n > 1) {
    const uint64_t t0 = TimerTicks();
    for (uint32_t i = 0; i < n && s.ok(); ++i) s = EngineInvoke();
    const uint64_t t1 = TimerTicks();
    if (!s.ok()) return Fail("invoke", s);
    ReportU64("avg_n", n);
    ReportCenti("instructions_avg_over_n", TicksToCentiInstructions(t1 - t0) / n);
  }
  ReportU64("done", 1);
  return 0;
}
#endif

}  // namespace

#if defined(MOTE_PROFILE_LAYERS)
extern "C" void mote_profile_layer_begin(int) { g_layer_start = TimerTicks(); }
extern "C" void mote_profile_layer_end(int layer) {
  const uint64_t now = TimerTicks();
  if (layer >= 0 && layer < kNumLayers) g_layer_ticks[layer] += now - g_layer_start;
}
#endif

int main() {
  TimerStart();
  ReportStr("engine", EngineName());
  ReportStr("timer", TimerName());
  ReportU64("timer_hz", kTimerHz);

  // 1. Init.
  const uint64_t t0 = TimerTicks();
  const mote::Status s = EngineInit();
  const uint64_t t1 = TimerTicks();
  if (!s.ok()) return Fail("init", s);
  ReportU64("instructions_init", TicksToInstructions(t1 - t0));
  ReportU64("arena_used_bytes", ArenaUsedBytes());
  ReportU64("arena_capacity_bytes", ArenaCapacityBytes());
#if defined(MOTE_PROFILE_CASES)
  return RunCases();
#elif defined(MOTE_PROFILE_LAYERS)
  return MeasureLayers();
#else
  return MeasureInference();
#endif
}
