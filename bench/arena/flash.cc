#include "bench/arena/flash.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/aot/module.h"
#include "compiler/io.h"
#include "compiler/profile/profiler.h"
#include "compiler/profile/shell.h"

namespace mote::bench {
namespace {

namespace fs = std::filesystem;
using profile::KeyValues;

// The first line of a tool's output, for one-line errors.
std::string FirstLine(const std::string& log) { return log.substr(0, std::min(log.find('\n'), size_t{240})); }

// Compiles `source` to <source>.o with the runtime's flash flags. The ".cc.o" name is what
// scripts/flash_report.sh looks for to count a module's <name>_weights.cc as weights.
bool CompileHost(const std::string& source, const std::string& include_dir, std::string* object, std::string* error) {
  *object = source + ".o";
  const std::string cmd =
      fmt::format("{} -std=c++17 {} -I{} -I{} -I{} -c {} -o {}", MOTE_HOST_CXX, MOTE_HOST_FLASH_FLAGS,
                  profile::ShellQuote(MOTE_SOURCE_DIR), profile::ShellQuote(MOTE_GEN_DIR),
                  profile::ShellQuote(include_dir), profile::ShellQuote(source), profile::ShellQuote(*object));
  std::string log;
  if (profile::RunCommand(cmd, &log) == 0) return true;
  *error = fmt::format("host compile of {} failed: {}", fs::path(source).filename().string(), FirstLine(log));
  return false;
}

// Compiles `sources`, links them with the runtime (--gc-sections, a link map) and returns
// scripts/flash_report.sh's figures for the program.
bool LinkAndReport(const std::string& dir, const std::vector<std::string>& sources, KeyValues* report,
                   std::string* error) {
  std::string objects;
  for (const std::string& s : sources) {
    std::string object;
    if (!CompileHost(s, dir, &object, error)) return false;
    objects += ' ';
    objects += profile::ShellQuote(object);
  }
  const std::string elf = dir + "/flash.elf", map = dir + "/flash.map";
  const std::string link = fmt::format("{} -no-pie -Wl,--gc-sections -Wl,-Map={}{} {} -o {}", MOTE_HOST_CXX,
                                       profile::ShellQuote(map), objects,
                                       profile::ShellQuote(MOTE_HOST_FLASH_RUNTIME), profile::ShellQuote(elf));
  std::string log;
  if (profile::RunCommand(link, &log) != 0) {
    *error = "host link failed: " + FirstLine(log);
    return false;
  }
  const std::string script = std::string(MOTE_SOURCE_DIR) + "/scripts/flash_report.sh";
  if (profile::RunCommand(fmt::format("{} {} {}", profile::ShellQuote(script), profile::ShellQuote(elf),
                                      profile::ShellQuote(map)),
                          &log) != 0) {
    *error = "flash_report.sh failed: " + FirstLine(log);
    return false;
  }
  *report = profile::ParseKeyValues(log);
  return true;
}

bool WriteText(const std::string& path, const std::string& text, std::string* error) {
  return WriteFile(path, text.data(), text.size(), error);
}

// The empty program every host figure is measured against.
bool EmptyMainReport(const std::string& work_dir, KeyValues* report, std::string* error) {
  const std::string dir = work_dir + "/empty_main";
  fs::create_directories(dir);
  return WriteText(dir + "/main.cc", "int main() { return 0; }\n", error) &&
         LinkAndReport(dir, {dir + "/main.cc"}, report, error);
}

std::string ModuleName(const std::string& id) {
  std::string name = "m_" + id;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

}  // namespace

bool MeasureHostFlash(const std::string& model_path, const std::string& id, const std::string& work_dir,
                      FlashSplit* out, std::string* error) {
  const std::string dir = work_dir + "/" + id;
  fs::create_directories(dir);
  aot::CompileOptions co;
  co.name = ModuleName(id);
  co.target = "host";
  co.out_dir = dir;
  aot::CompileReport module;
  if (!aot::CompileModel(model_path, co, &module, error)) return false;
  const std::string main = fmt::format("#include \"{0}.h\"\nint main() {{\n  {0}::init();\n  return {0}::invoke().ok() ? 0 : 1;\n}}\n",
                                       co.name);
  KeyValues with, without;
  if (!WriteText(dir + "/main.cc", main, error) ||
      !LinkAndReport(dir, {dir + "/main.cc", module.source_path, module.weights_path}, &with, error) ||
      !EmptyMainReport(work_dir, &without, error))
    return false;
  auto get = [](const KeyValues& kv, const char* key) { return profile::GetBytes(kv, key); };
  out->code = get(with, "flash_text_bytes") - get(without, "flash_text_bytes");
  out->weights = get(with, "flash_aot_weights_bytes");
  const int64_t rest = get(with, "flash_total_bytes") - get(with, "flash_text_bytes") - out->weights;
  out->other = rest - (get(without, "flash_total_bytes") - get(without, "flash_text_bytes"));
  return true;
}

bool CanBuildM4(std::string* why) { return profile::CheckBuildTools(*profile::FindTarget("cortex-m4"), why); }

bool MeasureM4Flash(const std::string& model_path, FlashSplit* out, std::string* error) {
  profile::ProfileOptions o;
  o.model_path = model_path;
  o.source_dir = MOTE_SOURCE_DIR;
  o.work_dir = MOTE_PROFILE_WORK_DIR;
  o.engine = profile::EngineChoice::kAot;  // the `mote compile` module, never the interpreter
  profile::TargetProfile p;
  if (!profile::BuildTargetFlash(o, *profile::FindTarget("cortex-m4"), &p, error)) return false;
  out->code = p.flash_code;
  out->weights = p.flash_weights_or_model;
  out->other = p.flash_other;
  return true;
}

std::map<std::string, TflmFlash> LoadTflmM4Flash(const std::string& baselines_json, std::string* error) {
  std::map<std::string, TflmFlash> out;
  std::ifstream f(baselines_json);
  const nlohmann::json records = nlohmann::json::parse(f, nullptr, false);
  if (!f.is_open() || !records.is_array()) {
    *error = baselines_json + ": not a readable baseline JSON array";
    return out;
  }
  for (const nlohmann::json& r : records) {
    if (r.value("core", "") != "cortex-m4" || r.value("kernels", "") != "cmsis-nn" || r.value("opt", "") != "-O2")
      continue;
    out[r.value("model", "")] = {r.value("flash_code_bytes", int64_t{0}), r.value("flash_model_bytes", int64_t{0})};
  }
  return out;
}

}  // namespace mote::bench
