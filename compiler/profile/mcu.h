// The MCU side of `mote profile`: datasheet figures of real MCUs (data/mcus.json, copied with its
// sources from ../shared/mcus.md) and the pure functions that turn one measured build of a model
// into estimates for them: latency and energy per inference from the instruction count, and
// whether the image fits the part's flash and RAM, with the margin left.
//
// Every latency and energy figure is an ESTIMATE: QEMU counts instructions, not cycles, so the
// estimate multiplies by a cycles-per-instruction assumption per core (data/mcus.json "cores",
// each with its basis) and uses the datasheet's typical run current.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mote::profile {

// How instructions measured for one emulated target become cycles on one core family.
struct CoreAssumption {
  std::string family;           // "cortex-m4", "rv64gc", ...
  std::string profile_target;   // the `mote profile` target whose counts apply; "" if none
  double cpi = 0;               // point estimate used for the headline figures
  double cpi_low = 0, cpi_high = 0;
  std::string cpi_basis;
  std::string not_profiled_reason;  // why no target applies (profile_target empty)
};

struct McuSpec {
  std::string id, name, core, core_family;
  std::optional<double> clock_hz;
  std::optional<int64_t> flash_bytes;      // 0: no on-chip flash
  std::string flash_note;
  std::optional<int64_t> ram_bytes;        // all on-chip SRAM
  std::optional<int64_t> arena_ram_bytes;  // largest contiguous SRAM block for a static arena
  std::optional<double> run_current_a;     // typ, at run_current_clock_hz
  std::optional<double> run_current_clock_hz;
  std::string run_current_basis;
  std::optional<double> supply_v;
  std::optional<double> active_power_w;
  std::string active_power_basis;
  std::vector<std::string> sources;
};

struct McuData {
  std::vector<CoreAssumption> cores;
  std::vector<McuSpec> mcus;
  const CoreAssumption* FindCore(const std::string& family) const;
};

// Parses data/mcus.json; false with a one-line reason in `error` (missing key, wrong type).
bool ParseMcuData(const std::string& json_text, McuData* out, std::string* error);
bool LoadMcuData(const std::string& path, McuData* out, std::string* error);

// What one build of a model needs on a device (measured from the ELF and the run).
struct MemoryNeed {
  int64_t flash_bytes = 0;      // the whole image: code, weights or model, other read-only data
  int64_t arena_bytes = 0;      // the tensor arena the model uses
  int64_t other_ram_bytes = 0;  // .data and .bss besides the arena
  int64_t stack_bytes = 0;      // stack high-water mark
  int64_t ram_bytes() const { return arena_bytes + other_ram_bytes + stack_bytes; }
};

enum class Fit { kFits, kTooBig, kUnknown };
const char* FitName(Fit fit);  // "fits", "too_big", "unknown"

struct FitCheck {
  Fit fit = Fit::kUnknown;
  int64_t needed_bytes = 0;
  std::optional<int64_t> available_bytes;
  std::optional<int64_t> margin_bytes;     // available - needed (negative when too big)
  std::optional<double> margin_percent;    // of available
  // RAM only: the arena must also fit the largest contiguous SRAM block.
  std::optional<int64_t> arena_block_bytes;
  std::optional<int64_t> arena_margin_bytes;
  std::string note;
};

FitCheck CheckFlashFit(const McuSpec& mcu, const MemoryNeed& need);
FitCheck CheckRamFit(const McuSpec& mcu, const MemoryNeed& need);

struct InferenceEstimate {
  double cpi = 0, cpi_low = 0, cpi_high = 0;
  double latency_ms = 0, latency_ms_low = 0, latency_ms_high = 0;
  std::optional<double> energy_uj, energy_uj_low, energy_uj_high;
  std::string energy_basis;  // how energy was computed, or why it was not
};

// Latency at the MCU's clock and energy per inference for `instructions` at the core's CPI
// assumption. nullopt with `why_not` when the MCU's clock is not sourced.
std::optional<InferenceEstimate> EstimateInference(const McuSpec& mcu, const CoreAssumption& core,
                                                   double instructions, std::string* why_not);

}  // namespace mote::profile
