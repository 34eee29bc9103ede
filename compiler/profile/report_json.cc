#include "compiler/profile/report_json.h"

namespace mote::profile {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json FitJson(const FitCheck& c, bool ram) {
  json j = {{"status", FitName(c.fit)},
            {"needed_bytes", c.needed_bytes},
            {"available_bytes", OrNull(c.available_bytes)},
            {"margin_bytes", OrNull(c.margin_bytes)},
            {"margin_percent", OrNull(c.margin_percent)},
            {"note", c.note}};
  if (ram) {
    j["arena_block_bytes"] = OrNull(c.arena_block_bytes);
    j["arena_margin_bytes"] = OrNull(c.arena_margin_bytes);
  }
  return j;
}

json LayersJson(const TargetProfile& p) {
  json layers = json::array();
  double sum = 0;
  for (const LayerTime& l : p.layers) sum += l.instructions;
  for (const LayerTime& l : p.layers)
    layers.push_back({{"index", l.index},
                      {"op", l.op},
                      {"instructions", l.instructions},
                      {"share", sum > 0 ? l.instructions / sum : 0.0}});
  return layers;
}

}  // namespace

json TargetJson(const TargetProfile& p) {
  json outputs = json::array();
  for (const OutputCheck& c : p.outputs)
    outputs.push_back({{"index", c.index},
                       {"dtype", c.dtype},
                       {"bytes", c.bytes},
                       {"passed", c.passed},
                       {"max_abs_diff", c.max_abs_diff}});
  json j = {
      {"target", p.target->name},
      {"board", p.target->board},
      {"engine", p.engine},
      {"engine_reason", p.engine_reason},
      {"qemu_command", p.qemu_command},
      {"check",
       {{"reference", "host interpreter on the same LCG input (METHOD.md s.4)"},
        {"mode", p.check_mode},
        {"rtol", p.rtol},
        {"atol", p.atol},
        {"passed", p.check_passed},
        {"outputs", outputs},
        {"output_hash", p.output_hash}}},
      {"instructions",
       {{"per_inference", p.instructions},
        {"cold_first_invoke", p.instructions_cold},
        {"warm_repeat", p.instructions_warm_repeat},
        {"init", p.instructions_init},
        {"avg_over_n", OrNull(p.instructions_avg)},
        {"avg_n", p.avg_n},
        {"timer_resolution", p.timer_resolution},
        {"per_mac", p.macs > 0 ? json(static_cast<double>(p.instructions) / static_cast<double>(p.macs)) : json(nullptr)},
        {"note", "guest instructions counted by QEMU -icount shift=0, not cycles"}}},
      {"flash",
       {{"total_bytes", p.flash_total},
        {"code_bytes", p.flash_code},
        {"weights_or_model_bytes", p.flash_weights_or_model},
        {"weights_or_model", p.engine == "aot" ? "AOT weight arrays" : "the .tflite flatbuffer"},
        {"other_bytes", p.flash_other},
        {"code_bytes_method", p.flash_code_method},
        {"runtime_lib_bytes", p.flash_runtime_lib},
        {"libc_libgcc_bytes", p.flash_libc},
        {"harness_bytes", p.flash_harness},
        {"note",
         "code = .vectors/.text/unwind; other = remaining read-only data and the .data image; code_bytes_method = "
         "total - weights_or_model as METHOD.md s.5 counts flash_code_bytes; the total includes the measurement "
         "harness (a few KB)"}}},
      {"ram",
       {{"arena_bytes", p.arena_bytes},
        {"arena_capacity_bytes", p.arena_capacity_bytes},
        {"other_data_bss_bytes", p.ram_other_bytes},
        {"stack_bytes", p.stack_bytes},
        {"stack_total_bytes", p.stack_total_bytes},
        {"total_bytes", p.memory_need().ram_bytes()},
        {"note", "total = arena + other .data/.bss + stack_total (painted-stack high-water from the stack top)"}}},
      {"layers", p.layers.empty() ? json(nullptr) : LayersJson(p)},
      {"layer_passes", p.layers.empty() ? json(nullptr) : json(p.layer_passes)},
  };
  if (!p.layers.empty())
    j["layers_note"] = p.engine == "aot" ? "timing hooks around each layer call of the AOT module, separate build"
                                         : "each interpreter node timed alone (InvokeNode), separate build";
  return j;
}

json McuJson(const McuReport& r) {
  const McuSpec& m = *r.mcu;
  json j = {{"id", m.id},
            {"name", m.name},
            {"core", m.core},
            {"core_family", m.core_family},
            {"measured_on", r.measured ? json(r.measured->target->name) : json(nullptr)},
            {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
            {"estimate", nullptr},
            {"fit", nullptr}};
  if (r.measured == nullptr) return j;
  if (r.estimate) {
    const InferenceEstimate& e = *r.estimate;
    j["estimate"] = {
        {"is_estimate", true},
        {"latency_ms", e.latency_ms},
        {"latency_ms_range", {e.latency_ms_low, e.latency_ms_high}},
        {"energy_uj", OrNull(e.energy_uj)},
        {"energy_uj_range", e.energy_uj ? json({*e.energy_uj_low, *e.energy_uj_high}) : json(nullptr)},
        {"assumptions",
         {{"instructions", r.measured->instructions},
          {"instructions_from", std::string(r.measured->target->name) + " in QEMU (" + r.measured->target->board + ")"},
          {"cpi", e.cpi},
          {"cpi_range", {e.cpi_low, e.cpi_high}},
          {"cpi_basis", r.core->cpi_basis},
          {"clock_hz", OrNull(m.clock_hz)},
          {"supply_v", OrNull(m.supply_v)},
          {"run_current_a", OrNull(m.run_current_a)},
          {"run_current_clock_hz", OrNull(m.run_current_clock_hz)},
          {"run_current_basis", m.run_current_basis},
          {"energy_basis", e.energy_basis},
          {"formula", "latency = instructions x cpi / clock_hz; energy = supply_v x run_current_a x instructions x "
                      "cpi / run_current_clock_hz"},
          {"sources", m.sources}}}};
  } else {
    j["reason"] = r.estimate_reason;
  }
  const bool any_too_big = r.flash.fit == Fit::kTooBig || r.ram.fit == Fit::kTooBig;
  const bool both_fit = r.flash.fit == Fit::kFits && r.ram.fit == Fit::kFits;
  j["fit"] = {{"fits", any_too_big ? json(false) : both_fit ? json(true) : json(nullptr)},
              {"flash", FitJson(r.flash, false)},
              {"ram", FitJson(r.ram, true)}};
  return j;
}

json RunJson(const std::vector<TargetProfile>& profiles, const std::vector<McuReport>& mcus,
             const std::string& mcu_data_path) {
  json targets = json::array();
  for (const TargetProfile& p : profiles) targets.push_back(TargetJson(p));
  json mcu_list = json::array();
  for (const McuReport& r : mcus) mcu_list.push_back(McuJson(r));
  const TargetProfile* first = profiles.empty() ? nullptr : &profiles.front();
  return {{"model",
           {{"path", first ? first->model_path : ""},
            {"bytes", first ? first->model_bytes : 0},
            {"macs", first ? first->macs : 0}}},
          {"note", "instructions are measured in QEMU (not cycles); every MCU latency and energy is an estimate from "
                   "them, with its assumptions"},
          {"targets", targets},
          {"mcu_data", mcu_data_path},
          {"mcus", mcu_list}};
}

}  // namespace mote::profile
