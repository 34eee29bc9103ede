// bench/speed: for every (model, core) of ../shared/baselines/tflm_cmsisnn_qemu.json that mote
// can run, profiles the model with `mote profile`'s library (same boards, same QEMU command
// lines, same LCG input as the baselines) and prints mote's figures beside TFLM's:
// instructions per inference and per MAC, flash code (METHOD.md s.5: total minus the model or
// weights) and arena, each with the ratio mote / TFLM (below 1: mote is smaller or faster).
// The TFLM record per (model, core) is the CMSIS-NN -O2 one; RISC-V has only reference kernels.
// Writes every row, and every (model, core) that did not run with the reason, as JSON.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "compiler/host_model.h"
#include "compiler/profile/profiler.h"
#include "compiler/profile/report_json.h"

namespace {

using nlohmann::json;
using mote::profile::TargetProfile;
namespace fs = std::filesystem;

struct Args {
  std::string baselines = std::string(MOTE_SHARED_DIR) + "/baselines/tflm_cmsisnn_qemu.json";
  std::string models_dir = std::string(MOTE_SHARED_DIR) + "/models";
  std::string out = "speed.json";
  std::string work_dir = MOTE_PROFILE_WORK_DIR;
  std::vector<std::string> models, cores;
  std::string engine = "auto";
  int jobs = 2;
  int timeout = 900;
};

// The TFLM record for each (model, core) mote compares with: CMSIS-NN at -O2, else reference
// kernels at -O2 (the only RISC-V build).
std::vector<json> ComparableRecords(const json& records) {
  std::vector<json> out;
  for (const char* kernels : {"cmsis-nn", "reference"}) {
    for (const json& r : records) {
      if (r.value("kernels", "") != kernels || r.value("opt", "-O2") != "-O2") continue;
      const bool taken = std::any_of(out.begin(), out.end(), [&](const json& o) {
        return o["model"] == r["model"] && o["core"] == r["core"];
      });
      if (!taken) out.push_back(r);
    }
  }
  return out;
}

const mote::profile::Target* TargetForCore(const std::string& core) {
  for (const auto& t : mote::profile::AllTargets())
    if (core == t.baseline_core) return &t;
  return nullptr;
}

bool Selected(const std::vector<std::string>& filter, const std::string& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

double Ratio(double mote, double tflm) { return tflm > 0 ? mote / tflm : 0; }

json Row(const json& r, const TargetProfile& p) {
  const double macs = r.value("macs", 0.0);
  const double tflm_instr = r["instructions_per_inference"].get<double>();
  const double mote_instr = static_cast<double>(p.instructions);
  const double tflm_code = r["flash_code_bytes"].get<double>();
  const double tflm_arena = r["arena_used_bytes"].get<double>();
  json row = {
      {"model", r["model"]},
      {"core", r["core"]},
      {"target", p.target->name},
      {"engine", p.engine},
      {"engine_reason", p.engine_reason},
      {"check_passed", p.check_passed},
      {"macs", macs},
      {"mote",
       {{"instructions_per_inference", p.instructions},
        {"instructions_avg_over_n", p.instructions_avg ? json(*p.instructions_avg) : json(nullptr)},
        {"instructions_per_mac", macs > 0 ? json(mote_instr / macs) : json(nullptr)},
        {"flash_code_bytes", p.flash_code_method},
        {"flash_total_bytes", p.flash_total},
        {"flash_runtime_lib_bytes", p.flash_runtime_lib},
        {"arena_bytes", p.arena_bytes},
        {"stack_bytes", p.stack_bytes},
        {"output_hash", p.output_hash}}},
      {"tflm",
       {{"kernels", r["kernels"]},
        {"instructions_per_inference", tflm_instr},
        {"instructions_per_mac", macs > 0 ? json(tflm_instr / macs) : json(nullptr)},
        {"flash_code_bytes", tflm_code},
        {"arena_bytes", tflm_arena},
        {"stack_bytes", r.value("stack_bytes", 0)},
        {"output_hash", r.value("output_hash", "")}}},
      {"ratio_mote_over_tflm",
       {{"instructions", Ratio(mote_instr, tflm_instr)},
        {"flash_code", Ratio(static_cast<double>(p.flash_code_method), tflm_code)},
        {"arena", Ratio(static_cast<double>(p.arena_bytes), tflm_arena)}}},
      {"output_hash_same_as_tflm", p.output_hash == r.value("output_hash", "")},
  };
  return row;
}

void PrintTable(const std::vector<json>& rows) {
  fmt::print("\n{:<24} {:<10} {:<11} {:>12} {:>12} {:>6} {:>8} {:>8} {:>9} {:>9} {:>6} {:>10} {:>10} {:>6} {:<5}\n",
             "model", "core", "engine", "mote instr", "TFLM instr", "ratio", "mote/MAC", "TFLM/MAC", "mote code",
             "TFLM code", "ratio", "mote arena", "TFLM arena", "ratio", "hash");
  for (const json& row : rows) {
    const json& m = row["mote"];
    const json& t = row["tflm"];
    const json& q = row["ratio_mote_over_tflm"];
    auto per_mac = [](const json& v) { return v.is_null() ? std::string("-") : fmt::format("{:.2f}", v.get<double>()); };
    fmt::print("{:<24} {:<10} {:<11} {:>12} {:>12} {:>6.2f} {:>8} {:>8} {:>9} {:>9} {:>6.2f} {:>10} {:>10} {:>6.2f} {:<5}\n",
               row["model"].get<std::string>(), row["core"].get<std::string>(), row["engine"].get<std::string>(),
               m["instructions_per_inference"].get<uint64_t>(), t["instructions_per_inference"].get<double>(),
               q["instructions"].get<double>(), per_mac(m["instructions_per_mac"]), per_mac(t["instructions_per_mac"]),
               m["flash_code_bytes"].get<int64_t>(), t["flash_code_bytes"].get<double>(), q["flash_code"].get<double>(),
               m["arena_bytes"].get<int64_t>(), t["arena_bytes"].get<double>(), q["arena"].get<double>(),
               row["output_hash_same_as_tflm"].get<bool>() ? "same" : "diff");
  }
  fmt::print("ratio = mote / TFLM (below 1: mote executes fewer instructions or needs fewer bytes). Instructions are "
             "QEMU -icount counts, not cycles.\nflash code = flash total - model or weights (METHOD.md s.5; mote's "
             "includes its measurement harness). hash: output_hash of the LCG input vs the TFLM record.\n");
}

int Main(const Args& a) {
  std::ifstream f(a.baselines);
  const json records = json::parse(f, nullptr, false);
  if (!f || records.is_discarded() || !records.is_array()) {
    fmt::print(stderr, "bench/speed: {}: not a readable baseline JSON array\n", a.baselines);
    return 1;
  }
  mote::profile::ProfileOptions o;
  o.source_dir = MOTE_SOURCE_DIR;
  o.work_dir = fs::absolute(a.work_dir).string();
  o.build_jobs = a.jobs;
  o.qemu_timeout_s = a.timeout;
  if (!mote::profile::ParseEngineChoice(a.engine, &o.engine)) {
    fmt::print(stderr, "bench/speed: unknown engine '{}'\n", a.engine);
    return 2;
  }
  std::vector<json> rows;
  json not_run = json::array();
  for (const json& r : ComparableRecords(records)) {
    const std::string model = r["model"], core = r["core"];
    if (!Selected(a.models, model) || !Selected(a.cores, core)) continue;
    const mote::profile::Target* target = TargetForCore(core);
    std::string error;
    o.model_path = a.models_dir + "/" + model + "/model.tflite";
    if (target == nullptr) error = "no mote target for core " + core;
    else if (!fs::exists(o.model_path)) error = o.model_path + " not found";
    else if (!mote::profile::CheckTools({target}, &error)) {}
    else if (!mote::HostModel::Load(o.model_path, &error)) error = "mote cannot run it: " + error;
    TargetProfile p;
    if (error.empty()) {
      fmt::print(stderr, "bench/speed: {} on {} ...\n", model, core);
      std::fflush(stderr);
      if (mote::profile::ProfileTarget(o, *target, &p, &error)) {
        rows.push_back(Row(r, p));
        fmt::print(stderr, "  {} instructions ({:.2f} x TFLM), engine {}, check {}\n", p.instructions,
                   rows.back()["ratio_mote_over_tflm"]["instructions"].get<double>(), p.engine,
                   p.check_passed ? "passed" : "FAILED");
        continue;
      }
    }
    fmt::print(stderr, "bench/speed: {} on {}: not run: {}\n", model, core, error);
    not_run.push_back({{"model", model}, {"core", core}, {"reason", error}});
  }
  PrintTable(rows);
  for (const json& n : not_run)
    fmt::print("not run: {} on {}: {}\n", n["model"].get<std::string>(), n["core"].get<std::string>(),
               n["reason"].get<std::string>());
  const json doc = {{"baselines", a.baselines},
                    {"note", "instructions measured in QEMU -icount (not cycles), same boards, command lines and LCG "
                             "input as the baselines; ratio = mote / TFLM"},
                    {"rows", rows},
                    {"not_run", not_run}};
  std::ofstream out(a.out);
  out << doc.dump(2) << "\n";
  if (!out) {
    fmt::print(stderr, "bench/speed: cannot write {}\n", a.out);
    return 1;
  }
  fmt::print("wrote {}\n", a.out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  CLI::App app{"bench/speed: mote vs TFLM + CMSIS-NN (../shared/baselines) on the emulated boards"};
  app.add_option("--baselines", a.baselines, "TFLM records (tflm_cmsisnn_qemu.json)")->capture_default_str();
  app.add_option("--models-dir", a.models_dir, "folder of <model>/model.tflite")->capture_default_str();
  app.add_option("--out", a.out, "JSON output file")->capture_default_str();
  app.add_option("--work-dir", a.work_dir, "cross builds (shared with build/mote profile)")->capture_default_str();
  app.add_option("--models", a.models, "only these model ids")->delimiter(',');
  app.add_option("--cores", a.cores, "only these baseline cores (cortex-m4, cortex-m7, cortex-m55, riscv64)")
      ->delimiter(',');
  app.add_option("--engine", a.engine, "auto, aot or interpreter")->capture_default_str();
  app.add_option("-j,--jobs", a.jobs, "parallel compile jobs")->capture_default_str();
  app.add_option("--timeout", a.timeout, "seconds per QEMU run")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return Main(a);
}
