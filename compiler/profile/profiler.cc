#include "compiler/profile/profiler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/aot/emitter.h"
#include "compiler/aot/module.h"
#include "compiler/graph.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "compiler/profile/shell.h"
#include "platforms/common/lcg_input.h"

namespace mote::profile {
namespace fs = std::filesystem;

namespace {

constexpr size_t kBaselineArenaBytes = 600 * 1024;  // METHOD.md: the baselines' static arena
constexpr int64_t kStackBytes = 64 * 1024;           // the linker scripts' stack
constexpr int kQemuMissing = 77;                     // scripts/qemu_run.sh
constexpr int kTimeout = 124;

// --- small helpers ------------------------------------------------------------------------------

std::optional<double> GetDouble(const KeyValues& kv, const std::string& key) {
  auto it = kv.find(key);
  if (it == kv.end() || it->second.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return v;
}

int HexNibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool FromHex(const std::string& hex, std::vector<uint8_t>* bytes) {
  if (hex.size() % 2 != 0) return false;
  bytes->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexNibble(hex[i]), lo = HexNibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes->push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  return true;
}

// The first line of `log` that mentions an error, for one-line messages.
std::string FirstErrorLine(const std::string& log) {
  for (const char* marker : {"error:", "Error", "error"}) {
    std::istringstream in(log);
    std::string line;
    while (std::getline(in, line))
      if (line.find(marker) != std::string::npos) return line.size() > 240 ? line.substr(0, 240) + "..." : line;
  }
  return "";
}

// Makes `dst` hold exactly the files of `src`, rewriting only those whose bytes changed, so the
// incremental cross build recompiles only what differs from the previous profile.
bool SyncFolder(const fs::path& src, const fs::path& dst, std::string* error) {
  std::error_code ec;
  fs::create_directories(dst, ec);
  for (const auto& e : fs::directory_iterator(dst, ec))
    if (!fs::exists(src / e.path().filename())) fs::remove(e.path(), ec);
  for (const auto& e : fs::directory_iterator(src, ec)) {
    const fs::path to = dst / e.path().filename();
    if (fs::exists(to) && ReadText(to.string()) == ReadText(e.path().string())) continue;
    fs::copy_file(e.path(), to, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      *error = fmt::format("cannot write {}: {}", to.string(), ec.message());
      return false;
    }
  }
  return true;
}

// "m_<file stem>", or "m_<folder>" for the corpus layout <id>/model.tflite.
std::string ModuleName(const std::string& model_path) {
  const fs::path path(model_path);
  const std::string stem = path.stem().string();
  std::string n = "m_" + (stem == "model" && path.has_parent_path() ? path.parent_path().filename().string() : stem);
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

// --- engine choice -------------------------------------------------------------------------------

struct EngineDecision {
  bool aot = false;
  std::string reason;
};

// The first node without a code emitter, as "op 3 (CONV_2D)"; empty when every node has one.
std::string FirstNodeWithoutEmitter(const Interpreter& in) {
  for (int n = 0; n < in.num_nodes(); ++n)
    if (aot::FindEmitter(in.node(n).builtin_code) == nullptr)
      return fmt::format("op {} ({})", n, in.node(n).kernel->name);
  return "";
}

// Compiles the AOT module into `stage` when the options and `mote compile` allow it.
bool DecideEngine(const ProfileOptions& o, const Target& target, const Interpreter& in, const fs::path& stage,
                  EngineDecision* d, std::string* error) {
  if (o.engine == EngineChoice::kInterpreter) {
    d->reason = "interpreter requested (--engine interpreter)";
    return true;
  }
  const std::string missing = FirstNodeWithoutEmitter(in);
  if (!missing.empty()) {
    if (o.engine == EngineChoice::kAot) {
      *error = fmt::format("--engine aot: `mote compile` has no code emitter for {}", missing);
      return false;
    }
    d->reason = fmt::format("`mote compile` has no code emitter for {} yet", missing);
    return true;
  }
  aot::CompileOptions co;
  co.name = ModuleName(o.model_path);
  co.target = target.name;
  co.out_dir = stage.string();
  aot::CompileReport report;
  std::string compile_error;
  if (!aot::CompileModel(o.model_path, co, &report, &compile_error)) {
    if (o.engine == EngineChoice::kAot) {
      *error = "--engine aot: " + compile_error;
      return false;
    }
    d->reason = "mote compile failed: " + compile_error;
    return true;
  }
  d->aot = true;
  d->reason = o.engine == EngineChoice::kAot ? "AOT module requested (--engine aot)"
                                              : "`mote compile` has an emitter for every op";
  return true;
}

// profile_config.h for platforms/common/profile_main.cc.
std::string ConfigHeader(const ProfileOptions& o, const Interpreter& in, bool aot, size_t arena_bytes) {
  std::string h = fmt::format("// Generated by `mote profile` for {}. Do not edit.\n#pragma once\n\n",
                              fs::path(o.model_path).filename().string());
  h += fmt::format("#define MOTE_PROFILE_NUM_LAYERS {}\n", in.num_nodes());
  if (!aot) return h + fmt::format("#define MOTE_PROFILE_ARENA_BYTES {}\n", arena_bytes);
  const std::string name = ModuleName(o.model_path);
  std::string dtypes;
  for (int i = 0; i < in.num_inputs(); ++i)
    dtypes += fmt::format("{}mote::DType({})", i ? ", " : "", static_cast<int>(in.input(i)->type));
  return h + fmt::format("#define MOTE_PROFILE_AOT_HEADER \"{}.h\"\n#define MOTE_PROFILE_AOT_NS {}\n"
                         "#define MOTE_PROFILE_INPUT_DTYPES {}\n",
                         name, name, dtypes);
}

// The interpreter harness's arena: the baselines' 600 KiB, or more when the host plan needs it
// (host pointers are 8 bytes, so the host figure bounds the 32-bit boards' need from above).
size_t InterpreterArenaBytes(const Interpreter& in) {
  const size_t host = in.arena_used_bytes() + 16 * 1024;
  return std::max(kBaselineArenaBytes, (host + 16 * 1024 - 1) / (16 * 1024) * (16 * 1024));
}

// profile_cases.h for profile_cases.elf: the caller's input-0 cases as one const array.
bool CasesHeader(const ProfileOptions& o, const Interpreter& in, std::string* header, std::string* error) {
  const size_t bytes = in.num_inputs() > 0 ? in.input(0)->Bytes() : 0;
  const std::string model = fs::path(o.model_path).filename().string();
  for (size_t k = 0; k < o.input_cases.size(); ++k) {
    if (o.input_cases[k].size() != bytes) {
      *error = fmt::format("input case {} has {} bytes, input 0 of {} takes {}", k, o.input_cases[k].size(), model,
                           bytes);
      return false;
    }
  }
  std::string h = fmt::format("// Generated by `mote profile`: {} input case(s) for input 0 of {}. Do not edit.\n",
                              o.input_cases.size(), model);
  h += fmt::format("#pragma once\n\n#include <stdint.h>\n\n#define MOTE_PROFILE_NUM_CASES {}u\n"
                   "#define MOTE_PROFILE_CASE_BYTES {}u\n\n", o.input_cases.size(), bytes);
  h += "alignas(16) const uint8_t kProfileCases[MOTE_PROFILE_NUM_CASES][MOTE_PROFILE_CASE_BYTES] = {\n";
  for (const auto& c : o.input_cases) {
    h += "    {";
    for (size_t i = 0; i < c.size(); ++i)
      h += fmt::format("{}{}0x{:02x}", i ? "," : "", i % 32 == 0 ? "\n     " : "", c[i]);
    h += "},\n";
  }
  *header = h + "};\n";
  return true;
}

// case<k>_out<j> of profile_cases.elf into p->case_outputs.
bool ReadCaseOutputs(const KeyValues& kv, size_t cases, int outputs, TargetProfile* p, std::string* error) {
  if (GetU64(kv, "cases") != cases) {
    *error = fmt::format("profile_cases.elf ran {} of {} input cases", kv.count("cases") ? kv.at("cases") : "none",
                         cases);
    return false;
  }
  p->case_outputs.assign(cases, std::vector<std::vector<uint8_t>>(outputs));
  for (size_t k = 0; k < cases; ++k) {
    for (int j = 0; j < outputs; ++j) {
      auto it = kv.find(fmt::format("case{}_out{}", k, j));
      if (it == kv.end() || !FromHex(it->second, &p->case_outputs[k][j])) {
        *error = fmt::format("profile_cases.elf printed no readable output {} of case {}", j, k);
        return false;
      }
    }
  }
  return true;
}

// --- the cross build and the run ----------------------------------------------------------------

bool BuildElves(const ProfileOptions& o, const Target& t, const fs::path& board_dir, const fs::path& model_dir,
                std::string* error) {
  const fs::path build = board_dir / "build";
  const std::string log_path = (board_dir / "build.log").string();
  std::string log, out;
  const std::string generator = OnPath("ninja") ? " -G Ninja" : "";
  const std::string configure = fmt::format(
      "cmake -S {} -B {}{} -DCMAKE_BUILD_TYPE=Release -DCMAKE_TOOLCHAIN_FILE={} -DMOTE_BOARD={} -DMOTE_PROFILE_DIR={}",
      ShellQuote(o.source_dir), ShellQuote(build.string()), generator,
      ShellQuote(o.source_dir + "/cmake/" + t.toolchain_file + ".cmake"), t.board, ShellQuote(model_dir.string()));
  int status = RunCommand(configure, &out);
  log += "$ " + configure + "\n" + out;
  if (status == 0) {
    std::string targets = o.per_layer ? "profile profile_layers" : "profile";
    if (!o.input_cases.empty()) targets += " profile_cases";
    const std::string make =
        fmt::format("cmake --build {} --target {} -j {}", ShellQuote(build.string()), targets, o.build_jobs);
    status = RunCommand(make, &out);
    log += "$ " + make + "\n" + out;
  }
  std::string ignored;
  WriteFile(log_path, log.data(), log.size(), &ignored);
  if (status == 0) return true;
  const size_t overflow = log.find("overflowed by");
  if (overflow != std::string::npos) {
    const size_t start = log.rfind('\n', overflow);
    const size_t end = log.find('\n', overflow);
    std::string what = log.substr(start == std::string::npos ? 0 : start + 1,
                                  end == std::string::npos ? std::string::npos : end - start - 1);
    const size_t colon = what.rfind(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    *error = fmt::format("model too big for {} ({}): the linker says {}", t.board, t.name, what);
    return false;
  }
  const std::string first = FirstErrorLine(log);
  *error = fmt::format("cross build for {} failed{}{} (log: {})", t.board, first.empty() ? "" : ": ", first, log_path);
  return false;
}

std::string QemuCommand(const ProfileOptions& o, const Target& t, const std::string& elf) {
  std::string args = ReadText(o.source_dir + "/platforms/" + t.board + "/qemu.args");
  while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
  return args + " -kernel " + elf;
}

bool RunOnBoard(const ProfileOptions& o, const Target& t, const std::string& elf, KeyValues* kv, std::string* error) {
  const std::string cmd = fmt::format("{} {} {} {}", ShellQuote(o.source_dir + "/scripts/qemu_run.sh"), t.board,
                                      ShellQuote(elf), o.qemu_timeout_s);
  std::string out;
  const int status = RunCommand(cmd, &out);
  *kv = ParseKeyValues(out);
  if (status == kQemuMissing) {
    *error = fmt::format("{} is not installed (scripts/bootstrap.sh installs it)", t.qemu);
    return false;
  }
  if (status == kTimeout) {
    *error = fmt::format("{} on {} did not finish within {} s (--timeout)", fs::path(elf).filename().string(), t.board,
                         o.qemu_timeout_s);
    return false;
  }
  if (status != 0 || (*kv)["done"] != "1") {
    std::string why = (*kv)["error"].empty() ? FirstErrorLine(out) : (*kv)["error"] + " failed";
    if (!(*kv)["error_status"].empty()) why += ": " + (*kv)["error_status"];
    if (!(*kv)["error_detail"].empty()) why += " (" + (*kv)["error_detail"] + ")";
    *error = fmt::format("{} on {} exited with status {}{}{}", fs::path(elf).filename().string(), t.board, status,
                         why.empty() ? "" : ": ", why);
    return false;
  }
  return true;
}

// --- the check against the host ------------------------------------------------------------------

struct Tolerance {
  std::string mode = "exact";
  double rtol = 0, atol = 0;
};

// The manifest's compare rule when the model sits in a ../shared model folder; otherwise integer
// outputs exact and float32 outputs within rtol = atol = 1e-4 (the manifests' usual allclose).
Tolerance ToleranceFor(const std::string& model_path, bool has_float_output) {
  Tolerance t;
  if (has_float_output) t = {"allclose", 1e-4, 1e-4};
  const fs::path manifest = fs::path(model_path).parent_path() / "manifest.json";
  if (!fs::exists(manifest)) return t;
  const nlohmann::json j = nlohmann::json::parse(ReadText(manifest.string()), nullptr, false);
  if (j.is_discarded() || !j.contains("compare") || !j["compare"].is_object()) return t;
  const auto& c = j["compare"];
  if (c.value("mode", "") == "exact") return {"exact", 0, 0};
  if (c.value("mode", "") == "allclose") return {"allclose", c.value("rtol", 1e-4), c.value("atol", 1e-4)};
  return t;
}

double ElementAt(DType type, const uint8_t* p, size_t i) {
  switch (type) {
    case DType::kFloat32: { float v; std::memcpy(&v, p + 4 * i, 4); return v; }
    case DType::kInt32: { int32_t v; std::memcpy(&v, p + 4 * i, 4); return v; }
    case DType::kInt16: { int16_t v; std::memcpy(&v, p + 2 * i, 2); return v; }
    case DType::kInt64: { int64_t v; std::memcpy(&v, p + 8 * i, 8); return static_cast<double>(v); }
    case DType::kInt8: return static_cast<int8_t>(p[i]);
    default: return p[i];
  }
}

OutputCheck CompareOutput(int index, const Tensor& host, const std::vector<uint8_t>& device, const Tolerance& tol) {
  OutputCheck c;
  c.index = index;
  c.dtype = DTypeName(host.type);
  c.bytes = host.Bytes();
  if (device.size() != host.Bytes()) return c;
  const uint8_t* h = static_cast<const uint8_t*>(host.data);
  const size_t size = DTypeSize(host.type);
  const size_t n = size ? device.size() / size : 0;
  bool within = true;
  for (size_t i = 0; i < n; ++i) {
    const double want = ElementAt(host.type, h, i), got = ElementAt(host.type, device.data(), i);
    const double diff = std::fabs(got - want);
    if (!(diff <= c.max_abs_diff)) c.max_abs_diff = std::isnan(diff) ? INFINITY : diff;
    if (!(diff <= tol.atol + tol.rtol * std::fabs(want))) within = false;
  }
  const bool same_bytes = std::memcmp(h, device.data(), device.size()) == 0;
  c.passed = same_bytes || (host.type == DType::kFloat32 && tol.mode == "allclose" && within);
  return c;
}

bool CheckAgainstHost(HostModel& host, const KeyValues& kv, TargetProfile* p, std::string* error) {
  Interpreter& in = host.interpreter();
  for (int i = 0; i < in.num_inputs(); ++i) {
    Tensor* t = in.input(i);
    bench::FillLcg(t->type, t->data, t->NumElements());
  }
  if (!host.Invoke(error)) {
    *error = "host run: " + *error;
    return false;
  }
  bool has_float = false;
  for (int j = 0; j < in.num_outputs(); ++j) has_float = has_float || in.output(j)->type == DType::kFloat32;
  const Tolerance tol = ToleranceFor(p->model_path, has_float);
  p->check_mode = tol.mode;
  p->rtol = tol.rtol;
  p->atol = tol.atol;
  p->check_passed = true;
  for (int j = 0; j < in.num_outputs(); ++j) {
    std::vector<uint8_t> device;
    auto it = kv.find(fmt::format("out{}", j));
    if (it == kv.end() || !FromHex(it->second, &device)) {
      *error = fmt::format("the device printed no readable output {}", j);
      return false;
    }
    p->outputs.push_back(CompareOutput(j, *in.output(j), device, tol));
    p->check_passed = p->check_passed && p->outputs.back().passed;
  }
  return true;
}

// --- assembling the result -----------------------------------------------------------------------

// The flash figures of scripts/flash_report.sh's output for profile.elf.
void FillFlash(const KeyValues& flash, TargetProfile* p) {
  p->flash_total = GetBytes(flash, "flash_total_bytes");
  p->flash_code = GetBytes(flash, "flash_text_bytes");
  p->flash_weights_or_model =
      p->engine == "aot" ? GetBytes(flash, "flash_aot_weights_bytes") : GetBytes(flash, "flash_model_bytes");
  p->flash_other = p->flash_total - p->flash_code - p->flash_weights_or_model;
  p->flash_code_method = p->flash_total - p->flash_weights_or_model;
  p->flash_runtime_lib = GetBytes(flash, "flash_runtime_lib_bytes");
  p->flash_libc = GetBytes(flash, "flash_libc_libgcc_bytes");
  p->flash_harness = GetBytes(flash, "flash_harness_bytes");
}

// Instructions and RAM from the run (RAM also takes .data and .bss from profile.elf's figures).
void FillFromRun(const KeyValues& run, const KeyValues& flash, TargetProfile* p) {
  p->instructions = GetU64(run, "instructions_per_inference").value_or(0);
  p->instructions_cold = GetU64(run, "instructions_cold_first_invoke").value_or(0);
  p->instructions_warm_repeat = GetU64(run, "instructions_warm_repeat").value_or(0);
  p->instructions_init = GetU64(run, "instructions_init").value_or(0);
  p->instructions_avg = GetDouble(run, "instructions_avg_over_n");
  p->avg_n = static_cast<int>(GetU64(run, "avg_n").value_or(0));
  const double hz = GetDouble(run, "timer_hz").value_or(0);
  p->timer_resolution = hz > 0 ? 1e9 / hz : 0;
  auto hash = run.find("output_hash");
  p->output_hash = hash == run.end() ? "" : hash->second;

  p->arena_bytes = GetBytes(run, "arena_used_bytes");
  p->arena_capacity_bytes = GetBytes(run, "arena_capacity_bytes");
  p->ram_other_bytes = GetBytes(flash, "ram_data_bytes") + GetBytes(flash, "ram_bss_bytes") - p->arena_capacity_bytes;
  p->stack_bytes = GetBytes(run, "stack_bytes");
  p->stack_total_bytes = GetBytes(run, "stack_total_bytes");
}

void FillLayers(const KeyValues& run, const Interpreter& in, TargetProfile* p) {
  p->layer_passes = static_cast<int>(GetU64(run, "layer_passes").value_or(0));
  for (int n = 0; n < in.num_nodes(); ++n)
    p->layers.push_back({n, in.node(n).kernel->name, GetDouble(run, fmt::format("layer_{}", n)).value_or(0)});
}

int64_t ModelMacs(const HostModel& host) {
  Graph g;
  std::string ignored;
  if (!ImportTflite(host.bytes().data(), host.bytes().size(), &g, &ignored)) return 0;
  int64_t macs = 0;
  for (const OpInfo& op : g.ops) macs += OpMacs(g, op);
  return macs;
}

// One line when the model cannot fit the board's memory regions, checked before anything is
// built: the weights are part of the .tflite, and the host's arena plan bounds the device's from
// above (host pointers are 8 bytes).
bool FitsBoard(const Target& t, int64_t model_bytes, int64_t arena_bytes, std::string* error) {
  if (model_bytes > t.flash_region_bytes) {
    *error = fmt::format("model too big for {} ({}): {} bytes of model, the board's image holds {} bytes", t.board,
                         t.name, model_bytes, t.flash_region_bytes);
    return false;
  }
  if (arena_bytes + kStackBytes > t.ram_region_bytes) {
    *error = fmt::format("model too big for {} ({}): a {}-byte arena and the {}-byte stack exceed its {} bytes of RAM",
                         t.board, t.name, arena_bytes, kStackBytes, t.ram_region_bytes);
    return false;
  }
  return true;
}

void Progress(const ProfileOptions& o, const std::string& line) {
  if (o.progress) o.progress(line);
}

// Everything before the run: the engine chosen and its sources staged for the board's build,
// profile.elf (and the programs the options add) cross-built and linked, and its flash figures
// (scripts/flash_report.sh's output, also returned in `flash` for the RAM figures of the run).
bool BuildOnBoard(const ProfileOptions& o, const Target& t, HostModel& host, TargetProfile* p, KeyValues* flash,
                  std::string* error) {
  if (!fs::exists(o.source_dir + "/platforms/" + t.board + "/qemu.args")) {
    *error = fmt::format("mote's source tree is not at '{}' (platforms/{} missing)", o.source_dir, t.board);
    return false;
  }
  const Interpreter& in = host.interpreter();
  *p = TargetProfile();
  p->target = &t;
  p->model_path = o.model_path;
  p->model_bytes = static_cast<int64_t>(host.bytes().size());
  p->macs = ModelMacs(host);
  if (!FitsBoard(t, p->model_bytes, static_cast<int64_t>(in.arena_used_bytes()), error)) return false;

  const fs::path board_dir = fs::path(o.work_dir) / t.board;
  const fs::path stage = board_dir / "stage";
  std::error_code ec;
  fs::remove_all(stage, ec);
  fs::create_directories(stage, ec);
  if (ec) {
    *error = fmt::format("cannot create {}: {}", stage.string(), ec.message());
    return false;
  }
  EngineDecision engine;
  if (!DecideEngine(o, t, in, stage, &engine, error)) return false;
  p->engine = engine.aot ? "aot" : "interpreter";
  p->engine_reason = engine.reason;

  const size_t arena = engine.aot ? 0 : InterpreterArenaBytes(in);  // the module sizes its own
  if (!engine.aot) {
    fs::remove_all(stage, ec);
    fs::create_directories(stage, ec);
    fs::copy_file(o.model_path, stage / "model.tflite", ec);
  }
  const std::string config = ConfigHeader(o, in, engine.aot, arena);
  if (!WriteFile((stage / "profile_config.h").string(), config.data(), config.size(), error)) return false;
  if (!o.input_cases.empty()) {
    std::string cases;
    if (!CasesHeader(o, in, &cases, error) ||
        !WriteFile((stage / "profile_cases.h").string(), cases.data(), cases.size(), error))
      return false;
  }
  const fs::path model_dir = board_dir / "model";
  if (!SyncFolder(stage, model_dir, error)) return false;

  Progress(o, fmt::format("building for {} ({}, {} engine)", t.board, t.name, p->engine));
  if (!BuildElves(o, t, board_dir, model_dir, error)) return false;

  p->elf_path = (board_dir / "build" / "platforms" / "profile.elf").string();
  *flash = ParseKeyValues(ReadText(p->elf_path + ".flash"));
  if (flash->find("flash_total_bytes") == flash->end()) {
    *error = fmt::format("{}.flash is missing: scripts/flash_report.sh did not run", p->elf_path);
    return false;
  }
  FillFlash(*flash, p);
  return true;
}

}  // namespace

bool ParseEngineChoice(const std::string& name, EngineChoice* out) {
  if (name == "auto") *out = EngineChoice::kAuto;
  else if (name == "aot") *out = EngineChoice::kAot;
  else if (name == "interpreter") *out = EngineChoice::kInterpreter;
  else return false;
  return true;
}

MemoryNeed TargetProfile::memory_need() const {
  MemoryNeed m;
  m.flash_bytes = flash_total;
  m.arena_bytes = arena_bytes;
  m.other_ram_bytes = ram_other_bytes;
  m.stack_bytes = stack_total_bytes;
  return m;
}

bool CheckBuildTools(const Target& t, std::string* error) {
  if (!OnPath(t.compiler)) {
    *error = fmt::format("{} not found on PATH: needed for --target {} ({}); scripts/bootstrap.sh installs it",
                         t.compiler, t.name, t.board);
    return false;
  }
  for (const char* tool : {"cmake", "readelf"}) {
    if (!OnPath(tool)) {
      *error = fmt::format("{} not found on PATH (scripts/bootstrap.sh installs it)", tool);
      return false;
    }
  }
  return true;
}

bool CheckTools(const std::vector<const Target*>& targets, std::string* error) {
  for (const Target* t : targets) {
    if (!CheckBuildTools(*t, error)) return false;
    if (!OnPath(t->qemu)) {
      *error = fmt::format("{} not found on PATH: needed for --target {} ({}); scripts/bootstrap.sh installs it",
                           t->qemu, t->name, t->board);
      return false;
    }
  }
  return true;
}

bool ProfileTarget(const ProfileOptions& o, const Target& t, TargetProfile* p, std::string* error) {
  auto host = HostModel::Load(o.model_path, error);
  if (!host) return false;
  KeyValues flash;
  if (!BuildOnBoard(o, t, *host, p, &flash, error)) return false;
  const Interpreter& in = host->interpreter();
  const fs::path board_dir = fs::path(o.work_dir) / t.board;
  p->qemu_command = QemuCommand(o, t, p->elf_path);
  Progress(o, fmt::format("running on {}", t.board));
  KeyValues run;
  if (!RunOnBoard(o, t, p->elf_path, &run, error)) return false;
  FillFromRun(run, flash, p);
  if (o.per_layer) {
    const std::string layers_elf = (board_dir / "build" / "platforms" / "profile_layers.elf").string();
    KeyValues layer_run;
    Progress(o, fmt::format("timing each layer on {}", t.board));
    if (!RunOnBoard(o, t, layers_elf, &layer_run, error)) return false;
    FillLayers(layer_run, in, p);
    if (layer_run["output_hash"] != p->output_hash) {
      *error = fmt::format("the per-layer build computed a different output (hash {} vs {})", layer_run["output_hash"],
                           p->output_hash);
      return false;
    }
  }
  if (!o.input_cases.empty()) {
    const std::string cases_elf = (board_dir / "build" / "platforms" / "profile_cases.elf").string();
    KeyValues cases_run;
    Progress(o, fmt::format("running {} input case(s) on {}", o.input_cases.size(), t.board));
    if (!RunOnBoard(o, t, cases_elf, &cases_run, error) ||
        !ReadCaseOutputs(cases_run, o.input_cases.size(), in.num_outputs(), p, error))
      return false;
  }
  return CheckAgainstHost(*host, run, p, error);
}

bool BuildTargetFlash(const ProfileOptions& options, const Target& t, TargetProfile* p, std::string* error) {
  ProfileOptions o = options;
  o.per_layer = false;  // profile.elf alone: the other programs only serve runs
  o.input_cases.clear();
  auto host = HostModel::Load(o.model_path, error);
  if (!host) return false;
  KeyValues flash;
  return BuildOnBoard(o, t, *host, p, &flash, error);
}

std::vector<McuReport> ReportMcus(const McuData& data, const std::vector<TargetProfile>& profiles) {
  std::vector<McuReport> reports;
  for (const McuSpec& mcu : data.mcus) {
    McuReport r;
    r.mcu = &mcu;
    r.core = data.FindCore(mcu.core_family);
    if (r.core == nullptr || r.core->profile_target.empty()) {
      r.reason = r.core ? r.core->not_profiled_reason : "no CPI assumption for its core";
      reports.push_back(r);
      continue;
    }
    for (const TargetProfile& p : profiles)
      if (p.target != nullptr && r.core->profile_target == p.target->name) r.measured = &p;
    if (r.measured == nullptr) {
      r.reason = fmt::format("its core's target ({}) was not profiled in this run: use --target {} or all",
                             r.core->profile_target, r.core->profile_target);
      reports.push_back(r);
      continue;
    }
    r.estimate = EstimateInference(mcu, *r.core, static_cast<double>(r.measured->instructions), &r.estimate_reason);
    const MemoryNeed need = r.measured->memory_need();
    r.flash = CheckFlashFit(mcu, need);
    r.ram = CheckRamFit(mcu, need);
    reports.push_back(r);
  }
  return reports;
}

}  // namespace mote::profile
