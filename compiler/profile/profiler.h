// `mote profile`: builds one model for an emulated board, runs it in QEMU with the command line
// of ../shared/baselines/METHOD.md and reports what it measured:
//   - the engine: the AOT module when `mote compile` has an emitter for every op, else the
//     runtime interpreter over the embedded .tflite (which one, and why, is part of the result);
//   - the output of the LCG input, checked against the host interpreter on the same input
//     (integer outputs bit-exact, float32 within the manifest's tolerance);
//   - instructions per inference (QEMU -icount: instructions, not cycles), and per layer from a
//     second build with timing hooks (--per-layer);
//   - flash (code, weights or model, other read-only data) and RAM (arena, other .data/.bss,
//     stack high-water) from the ELF and the run;
//   - optionally, the outputs of caller-given inputs (ProfileOptions::input_cases), from a third
//     program (profile_cases.elf) so that the measured image and its figures stay as they are.
// The device programs live in platforms/ (profile.cmake, common/profile_main.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/profile/mcu.h"
#include "compiler/profile/targets.h"

namespace mote::profile {

enum class EngineChoice { kAuto, kAot, kInterpreter };
// "auto", "aot", "interpreter"; false for anything else.
bool ParseEngineChoice(const std::string& name, EngineChoice* out);

struct ProfileOptions {
  std::string model_path;
  std::string source_dir;  // mote's source tree: platforms/, runtime/, scripts/, cmake/
  std::string work_dir;    // per board: <work_dir>/<board>/{build,model,stage}
  EngineChoice engine = EngineChoice::kAuto;
  bool per_layer = false;
  int qemu_timeout_s = 600;
  int build_jobs = 2;
  std::function<void(const std::string&)> progress;  // optional status lines ("building ...")
  // Inputs to run on the board besides the LCG measurement: the raw bytes of input 0 per case
  // (exactly the tensor's size; other inputs get the LCG fill). Embedded as const arrays in
  // profile_cases.elf, run one after another; their outputs land in TargetProfile::case_outputs.
  std::vector<std::vector<uint8_t>> input_cases;
};

struct LayerTime {
  int index = 0;
  std::string op;
  double instructions = 0;  // mean over the passes; includes part of two timer reads
};

struct OutputCheck {
  int index = 0;
  std::string dtype;
  size_t bytes = 0;
  bool passed = false;
  double max_abs_diff = 0;  // over elements, in the output's own units
};

struct TargetProfile {
  const Target* target = nullptr;
  std::string model_path;
  int64_t model_bytes = 0;
  int64_t macs = 0;                  // conv/depthwise/FC/... multiply-accumulates (0: none)
  std::string engine;                // "aot" or "interpreter"
  std::string engine_reason;
  std::string qemu_command;          // METHOD.md's command line, with -kernel
  std::string elf_path;

  // The check against the host interpreter on the same LCG input.
  std::string check_mode;            // "exact" or "allclose"
  double rtol = 0, atol = 0;
  bool check_passed = false;
  std::vector<OutputCheck> outputs;
  std::string output_hash;           // FNV-1a of output 0, comparable with the TFLM records

  // Instructions (QEMU -icount shift=0).
  uint64_t instructions = 0;         // warm invoke: the headline
  uint64_t instructions_cold = 0;
  uint64_t instructions_warm_repeat = 0;
  uint64_t instructions_init = 0;
  std::optional<double> instructions_avg;  // mean of avg_n back-to-back invokes (short models)
  int avg_n = 0;
  double timer_resolution = 0;       // instructions per timer tick
  std::vector<LayerTime> layers;     // --per-layer only
  int layer_passes = 0;

  // Flash: total = code + weights_or_model + other.
  int64_t flash_total = 0;
  int64_t flash_code = 0;            // .vectors, .text, unwind tables
  int64_t flash_weights_or_model = 0;  // AOT weight arrays, or the .tflite
  int64_t flash_other = 0;           // other read-only data (params, tables, libc) and .data init
  int64_t flash_code_method = 0;     // METHOD.md's flash_code_bytes: total minus weights/model
  int64_t flash_runtime_lib = 0, flash_libc = 0, flash_harness = 0;

  // RAM.
  int64_t arena_bytes = 0;           // used by the model
  int64_t arena_capacity_bytes = 0;  // the static array in this build
  int64_t ram_other_bytes = 0;       // .data + .bss besides the arena array
  int64_t stack_bytes = 0;           // peak below invoke()'s caller
  int64_t stack_total_bytes = 0;     // from the stack top (harness frames included)

  // The device's outputs for ProfileOptions::input_cases: [case][output] raw bytes.
  std::vector<std::vector<std::vector<uint8_t>>> case_outputs;

  MemoryNeed memory_need() const;
};

// Checks that the cross compiler and QEMU of every target are on PATH; one line otherwise.
bool CheckTools(const std::vector<const Target*>& targets, std::string* error);
// The same for a build without a run (BuildTargetFlash): the cross compiler, cmake and readelf.
bool CheckBuildTools(const Target& target, std::string* error);

// Builds, runs and checks the model on `target`'s board. false with a one-line `error` when
// something is missing or fails (tools, model too big for the board, build, run). A run whose
// outputs differ from the host's returns true with check_passed false.
bool ProfileTarget(const ProfileOptions& options, const Target& target, TargetProfile* out, std::string* error);

// The build half of ProfileTarget, for flash figures without QEMU: cross-builds and links
// profile.elf alone (per_layer and input_cases are ignored) and fills the model, engine and flash
// fields of `out`; instructions, RAM and the check stay empty.
bool BuildTargetFlash(const ProfileOptions& options, const Target& target, TargetProfile* out, std::string* error);

// One MCU's estimates from the profiles of this run (the one whose target runs its core).
struct McuReport {
  const McuSpec* mcu = nullptr;
  const CoreAssumption* core = nullptr;
  const TargetProfile* measured = nullptr;  // nullptr: no estimate, see reason
  std::string reason;
  std::optional<InferenceEstimate> estimate;
  std::string estimate_reason;              // why estimate is empty although measured
  FitCheck flash, ram;
};
std::vector<McuReport> ReportMcus(const McuData& data, const std::vector<TargetProfile>& profiles);

}  // namespace mote::profile
