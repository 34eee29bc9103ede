// mote profile MODEL --target cortex-m4|cortex-m7|cortex-m33|cortex-m55|riscv|all [--json] [--per-layer]
// Builds the model for the target's emulated board, runs it in QEMU, checks its output against
// the host and reports instructions, flash and RAM, then estimates latency, energy and fit for
// the MCUs of data/mcus.json (compiler/profile/).
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include <fmt/core.h>

#include "compiler/profile/profiler.h"
#include "compiler/profile/report_json.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

using profile::McuReport;
using profile::TargetProfile;

struct ProfileArgs {
  std::string model;
  std::string target;
  bool json = false;
  bool per_layer = false;
  std::string engine = "auto";
  std::string mcus;
  std::string work_dir;
  int timeout = 600;
  int jobs = 2;
};

// 1234567 -> "1,234,567".
std::string Thousands(int64_t v) {
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Three significant digits, for estimates.
std::string Sig3(double v) { return fmt::format("{:.3g}", v); }

std::string CheckLine(const TargetProfile& p) {
  const std::string how = p.check_mode == "exact" ? "bit-exact"
                                                  : fmt::format("within rtol {} / atol {}", p.rtol, p.atol);
  if (p.check_passed)
    return fmt::format("passed: {} output(s) {} with the host interpreter (LCG input)", p.outputs.size(), how);
  std::string failed;
  for (const auto& o : p.outputs)
    if (!o.passed) failed += fmt::format("{}output {} (max |diff| {})", failed.empty() ? "" : ", ", o.index, o.max_abs_diff);
  return fmt::format("FAILED: {} differ from the host interpreter (expected {})", failed, how);
}

std::string InstructionsLine(const TargetProfile& p) {
  std::string extra;
  if (p.instructions_avg) extra += fmt::format("mean of {}: {:.2f}; ", p.avg_n, *p.instructions_avg);
  if (p.macs > 0) extra += fmt::format("{:.2f} per MAC; ", static_cast<double>(p.instructions) / static_cast<double>(p.macs));
  extra += fmt::format("cold {}; init {}", Thousands(static_cast<int64_t>(p.instructions_cold)),
                       Thousands(static_cast<int64_t>(p.instructions_init)));
  return fmt::format("{}  ({})", Thousands(static_cast<int64_t>(p.instructions)), extra);
}

void PrintLayers(const TargetProfile& p) {
  double sum = 0;
  for (const auto& l : p.layers) sum += l.instructions;
  fmt::print("\nper layer on {} ({} engine; mean of {} pass(es); each figure includes part of two timer reads, "
             "about 20 instructions)\n",
             p.target->name, p.engine, p.layer_passes);
  fmt::print("{:>5}  {:<24} {:>14} {:>7}\n", "layer", "op", "instructions", "share");
  for (const auto& l : p.layers)
    fmt::print("{:>5}  {:<24} {:>14} {:>6.1f}%\n", l.index, l.op, Thousands(std::llround(l.instructions)),
               sum > 0 ? 100.0 * l.instructions / sum : 0.0);
  fmt::print("{:>5}  {:<24} {:>14}\n", "", "sum", Thousands(std::llround(sum)));
}

void PrintTargetsTable(const std::vector<TargetProfile>& profiles) {
  fmt::print("model {} ({} B, {} MACs); instructions counted in QEMU (-icount), not cycles\n\n",
             profiles.front().model_path, Thousands(profiles.front().model_bytes), Thousands(profiles.front().macs));
  fmt::print("{:<11} {:<11} {:<12} {:<7} {:>13} {:>8} {:>10} {:>9} {:>10} {:>8} {:>9} {:>9} {:>7}\n", "target", "board",
             "engine", "check", "instructions", "per MAC", "flash B", "code", "weights*", "other", "arena B",
             "other RAM", "stack");
  for (const auto& p : profiles)
    fmt::print("{:<11} {:<11} {:<12} {:<7} {:>13} {:>8} {:>10} {:>9} {:>10} {:>8} {:>9} {:>9} {:>7}\n", p.target->name,
               p.target->board, p.engine, p.check_passed ? "ok" : "FAILED",
               Thousands(static_cast<int64_t>(p.instructions)),
               p.macs > 0 ? fmt::format("{:.2f}", static_cast<double>(p.instructions) / static_cast<double>(p.macs))
                          : "-",
               Thousands(p.flash_total), Thousands(p.flash_code), Thousands(p.flash_weights_or_model),
               Thousands(p.flash_other), Thousands(p.arena_bytes), Thousands(p.ram_other_bytes),
               Thousands(p.stack_total_bytes));
  fmt::print("* weights for the aot engine, the .tflite for the interpreter\n");
  for (const auto& p : profiles) fmt::print("{}: {}: {}\n", p.target->name, p.engine, p.engine_reason);
}

std::string FitCell(const profile::FitCheck& c) {
  if (c.fit == profile::Fit::kUnknown) return "unknown";
  const std::string pct = c.margin_percent ? fmt::format(" ({:.0f}%)", *c.margin_percent) : "";
  if (c.fit == profile::Fit::kTooBig) {
    if (c.arena_margin_bytes && *c.arena_margin_bytes < 0)
      return fmt::format("NO: arena over by {}", Thousands(-*c.arena_margin_bytes));
    return fmt::format("NO: over by {}", Thousands(-c.margin_bytes.value_or(0)));
  }
  return fmt::format("yes, {} left{}", Thousands(c.margin_bytes.value_or(0)), pct);
}

int Profile(const ProfileArgs& a) {
  std::vector<const profile::Target*> targets;
  if (a.target == "all") {
    for (const auto& t : profile::AllTargets()) targets.push_back(&t);
  } else if (const profile::Target* t = profile::FindTarget(a.target)) {
    targets.push_back(t);
  } else {
    fmt::print(stderr, "mote profile: unknown target '{}' ({} or all)\n", a.target, profile::TargetNames());
    return 2;
  }
  profile::ProfileOptions o;
  o.model_path = std::filesystem::weakly_canonical(std::filesystem::absolute(a.model)).string();
  o.source_dir = MOTE_SOURCE_DIR;
  o.work_dir = a.work_dir.empty() ? BesideMote("profile") : std::filesystem::absolute(a.work_dir).string();
  o.per_layer = a.per_layer;
  o.qemu_timeout_s = a.timeout;
  o.build_jobs = a.jobs;
  if (!profile::ParseEngineChoice(a.engine, &o.engine)) {
    fmt::print(stderr, "mote profile: unknown engine '{}' (auto, aot or interpreter)\n", a.engine);
    return 2;
  }
  if (isatty(STDERR_FILENO)) o.progress = [](const std::string& s) { fmt::print(stderr, "mote profile: {}\n", s); };

  std::string error;
  const std::string mcu_path = a.mcus.empty() ? o.source_dir + "/data/mcus.json" : a.mcus;
  profile::McuData mcu_data;
  if (!profile::CheckTools(targets, &error) || !profile::LoadMcuData(mcu_path, &mcu_data, &error)) {
    fmt::print(stderr, "mote profile: {}\n", error);
    return 1;
  }
  std::vector<TargetProfile> profiles;
  for (const profile::Target* t : targets) {
    TargetProfile p;
    if (!profile::ProfileTarget(o, *t, &p, &error)) {
      fmt::print(stderr, "mote profile: {}\n", error);
      return 1;
    }
    profiles.push_back(std::move(p));
  }
  const std::vector<McuReport> mcus = profile::ReportMcus(mcu_data, profiles);

  if (a.json) {
    fmt::print("{}\n", profile::RunJson(profiles, mcus, mcu_path).dump(2));
  } else {
    if (profiles.size() == 1) PrintTarget(profiles.front());
    else PrintTargetsTable(profiles);
    for (const auto& p : profiles)
      if (!p.layers.empty()) PrintLayers(p);
    PrintMcus(mcus, mcu_path);
  }
  for (const auto& p : profiles) {
    if (!p.check_passed) {
      fmt::print(stderr, "mote profile: {} on {}: {}\n", a.model, p.target->name, CheckLine(p));
      return 1;
    }
  }
  return 0;
}

}  // namespace

std::string BesideMote(const std::string& name) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "mote-" + name : (exe.parent_path() / name).string();
}

void PrintTarget(const TargetProfile& p) {
  fmt::print("model         {} ({} B, {} MACs)\n", p.model_path, Thousands(p.model_bytes), Thousands(p.macs));
  fmt::print("target        {} on {} in QEMU (-icount: instructions, not cycles)\n", p.target->name, p.target->board);
  fmt::print("engine        {}: {}\n", p.engine, p.engine_reason);
  fmt::print("check         {}\n", CheckLine(p));
  fmt::print("instructions  {} per inference\n", InstructionsLine(p));
  fmt::print("flash         {} B = code {} + {} {} + other {}\n", Thousands(p.flash_total), Thousands(p.flash_code),
             p.engine == "aot" ? "weights" : "model", Thousands(p.flash_weights_or_model), Thousands(p.flash_other));
  fmt::print("RAM           {} B = arena {} + other .data/.bss {} + stack {} (high-water; {} below invoke)\n",
             Thousands(p.memory_need().ram_bytes()), Thousands(p.arena_bytes), Thousands(p.ram_other_bytes),
             Thousands(p.stack_total_bytes), Thousands(p.stack_bytes));
}

void PrintMcus(const std::vector<McuReport>& mcus, const std::string& data_path) {
  fmt::print("\nMCU estimates (ESTIMATES: latency = instructions x CPI / clock; energy = supply V x run current x "
             "time at the current's clock;\nCPI per core and every figure's source in {})\n",
             data_path);
  fmt::print("{:<18} {:<11} {:>8} {:<17} {:<26} {:<22} {:<28} {:<28}\n", "mcu", "counts from", "clock", "CPI",
             "latency ms", "energy uJ", "flash fit", "RAM fit");
  std::string others;
  for (const auto& r : mcus) {
    if (r.measured == nullptr) {
      others += fmt::format("\n  {}: {}", r.mcu->id, r.reason);
      continue;
    }
    std::string clock = r.mcu->clock_hz ? fmt::format("{:.0f} MHz", *r.mcu->clock_hz / 1e6) : "-";
    std::string cpi = "-", latency = r.estimate_reason, energy = "-";
    if (r.estimate) {
      const auto& e = *r.estimate;
      cpi = fmt::format("{} ({}-{})", e.cpi, e.cpi_low, e.cpi_high);
      latency = fmt::format("{} ({}-{})", Sig3(e.latency_ms), Sig3(e.latency_ms_low), Sig3(e.latency_ms_high));
      energy = e.energy_uj ? fmt::format("{} ({}-{})", Sig3(*e.energy_uj), Sig3(*e.energy_uj_low), Sig3(*e.energy_uj_high))
                           : "not sourced";
    }
    fmt::print("{:<18} {:<11} {:>8} {:<17} {:<26} {:<22} {:<28} {:<28}\n", r.mcu->id, r.measured->target->name, clock,
               cpi, latency, energy, FitCell(r.flash), FitCell(r.ram));
  }
  if (!others.empty()) fmt::print("not estimated:{}\n", others);
}

void RegisterProfile(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ProfileArgs>();
  CLI::App* cmd = app.add_subcommand(
      "profile", "Run a model on an emulated MCU core (QEMU): instructions, flash, RAM, and MCU estimates");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_option("--target", a->target, profile::TargetNames() + " or all")->required();
  cmd->add_flag("--json", a->json, "print one JSON document");
  cmd->add_flag("--per-layer", a->per_layer, "also time each layer (a second build with timing hooks)");
  cmd->add_option("--engine", a->engine, "auto (AOT when `mote compile` supports every op), aot or interpreter")
      ->capture_default_str();
  cmd->add_option("--mcus", a->mcus, "MCU data file (default: data/mcus.json in mote's source tree)");
  cmd->add_option("--work-dir", a->work_dir, "where the cross builds go (default: profile/ beside the mote binary)");
  cmd->add_option("--timeout", a->timeout, "seconds per QEMU run")->capture_default_str();
  cmd->add_option("-j,--jobs", a->jobs, "parallel compile jobs of the cross build")->capture_default_str();
  cmd->callback([a, exit_code] { *exit_code = Profile(*a); });
}

}  // namespace mote::cli
