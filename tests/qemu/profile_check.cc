// Host side of the `mote profile` tests: runs the mote binary and checks what it prints.
//   profile_check --mote M --model F --target T --work-dir D --check schema [--engine E] [--per-layer]
//       `mote profile --json` has every required key with the right type (a fixed table below).
//   profile_check --mote M --model F --target T --work-dir D --check bit-exact
//       the run passed its host check with integer outputs compared bit-exactly.
//   profile_check --mote M --model F --target T --check missing-tools
//       with an empty PATH, mote fails with exactly one line naming the missing program.
// Exit: 0 pass, 1 fail, 77 skipped (model, cross compiler or QEMU absent).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;
constexpr int kSkip = 77;

struct Options {
  std::string mote, model, target, work_dir, check, engine = "auto";
  bool per_layer = false;
};

struct Result {
  int status = -1;
  std::string out, err;
};

// Runs `command` with stdout and stderr captured separately (stderr through a temp file).
Result Run(const std::string& command) {
  Result r;
  const std::string err_path = std::filesystem::temp_directory_path() / ("profile_check_" + std::to_string(getpid()));
  FILE* p = popen((command + " 2>'" + err_path + "'").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  FILE* e = std::fopen(err_path.c_str(), "r");
  while (e != nullptr && (n = fread(buf, 1, sizeof buf, e)) > 0) r.err.append(buf, n);
  if (e != nullptr) std::fclose(e);
  std::filesystem::remove(err_path);
  return r;
}

bool OnPath(const std::string& program) {
  return std::system(("command -v '" + program + "' >/dev/null 2>&1").c_str()) == 0;
}

// --- the schema: (path, type) pairs; "[]" applies the rest of the path to every array element ---

enum class Type { kString, kInteger, kNumber, kBool, kArray, kObject, kNumberOrNull, kStringOrNull, kObjectOrNull,
                  kArrayOrNull, kBoolOrNull };

struct Field {
  const char* path;
  Type type;
};

const Field kSchema[] = {
    {"model", Type::kObject},
    {"model/path", Type::kString},
    {"model/bytes", Type::kInteger},
    {"model/macs", Type::kInteger},
    {"note", Type::kString},
    {"mcu_data", Type::kString},
    {"targets", Type::kArray},
    {"targets/[]/target", Type::kString},
    {"targets/[]/board", Type::kString},
    {"targets/[]/engine", Type::kString},
    {"targets/[]/engine_reason", Type::kString},
    {"targets/[]/qemu_command", Type::kString},
    {"targets/[]/check/mode", Type::kString},
    {"targets/[]/check/passed", Type::kBool},
    {"targets/[]/check/rtol", Type::kNumber},
    {"targets/[]/check/atol", Type::kNumber},
    {"targets/[]/check/output_hash", Type::kString},
    {"targets/[]/check/outputs", Type::kArray},
    {"targets/[]/check/outputs/[]/index", Type::kInteger},
    {"targets/[]/check/outputs/[]/dtype", Type::kString},
    {"targets/[]/check/outputs/[]/bytes", Type::kInteger},
    {"targets/[]/check/outputs/[]/passed", Type::kBool},
    {"targets/[]/check/outputs/[]/max_abs_diff", Type::kNumber},
    {"targets/[]/instructions/per_inference", Type::kInteger},
    {"targets/[]/instructions/cold_first_invoke", Type::kInteger},
    {"targets/[]/instructions/warm_repeat", Type::kInteger},
    {"targets/[]/instructions/init", Type::kInteger},
    {"targets/[]/instructions/avg_over_n", Type::kNumberOrNull},
    {"targets/[]/instructions/avg_n", Type::kInteger},
    {"targets/[]/instructions/timer_resolution", Type::kNumber},
    {"targets/[]/instructions/per_mac", Type::kNumberOrNull},
    {"targets/[]/flash/total_bytes", Type::kInteger},
    {"targets/[]/flash/code_bytes", Type::kInteger},
    {"targets/[]/flash/weights_or_model_bytes", Type::kInteger},
    {"targets/[]/flash/other_bytes", Type::kInteger},
    {"targets/[]/flash/code_bytes_method", Type::kInteger},
    {"targets/[]/ram/arena_bytes", Type::kInteger},
    {"targets/[]/ram/arena_capacity_bytes", Type::kInteger},
    {"targets/[]/ram/other_data_bss_bytes", Type::kInteger},
    {"targets/[]/ram/stack_bytes", Type::kInteger},
    {"targets/[]/ram/stack_total_bytes", Type::kInteger},
    {"targets/[]/ram/total_bytes", Type::kInteger},
    {"targets/[]/layers", Type::kArrayOrNull},
    {"mcus", Type::kArray},
    {"mcus/[]/id", Type::kString},
    {"mcus/[]/name", Type::kString},
    {"mcus/[]/core_family", Type::kString},
    {"mcus/[]/measured_on", Type::kStringOrNull},
    {"mcus/[]/reason", Type::kStringOrNull},
    {"mcus/[]/estimate", Type::kObjectOrNull},
    {"mcus/[]/fit", Type::kObjectOrNull},
};

// Present only when the enclosing value is not null.
const Field kEstimateSchema[] = {
    {"is_estimate", Type::kBool},
    {"latency_ms", Type::kNumber},
    {"latency_ms_range", Type::kArray},
    {"energy_uj", Type::kNumberOrNull},
    {"energy_uj_range", Type::kArrayOrNull},
    {"assumptions/instructions", Type::kInteger},
    {"assumptions/cpi", Type::kNumber},
    {"assumptions/cpi_range", Type::kArray},
    {"assumptions/cpi_basis", Type::kString},
    {"assumptions/clock_hz", Type::kNumber},
    {"assumptions/energy_basis", Type::kString},
    {"assumptions/formula", Type::kString},
};
const Field kFitSchema[] = {
    {"fits", Type::kBoolOrNull},
    {"flash/status", Type::kString},
    {"flash/needed_bytes", Type::kInteger},
    {"flash/margin_bytes", Type::kNumberOrNull},
    {"ram/status", Type::kString},
    {"ram/needed_bytes", Type::kInteger},
    {"ram/margin_bytes", Type::kNumberOrNull},
    {"ram/arena_margin_bytes", Type::kNumberOrNull},
};
const Field kLayerSchema[] = {
    {"index", Type::kInteger},
    {"op", Type::kString},
    {"instructions", Type::kNumber},
    {"share", Type::kNumber},
};

bool HasType(const json& v, Type t) {
  switch (t) {
    case Type::kString: return v.is_string();
    case Type::kInteger: return v.is_number_integer();
    case Type::kNumber: return v.is_number();
    case Type::kBool: return v.is_boolean();
    case Type::kArray: return v.is_array();
    case Type::kObject: return v.is_object();
    case Type::kNumberOrNull: return v.is_null() || v.is_number();
    case Type::kStringOrNull: return v.is_null() || v.is_string();
    case Type::kObjectOrNull: return v.is_null() || v.is_object();
    case Type::kArrayOrNull: return v.is_null() || v.is_array();
    case Type::kBoolOrNull: return v.is_null() || v.is_boolean();
  }
  return false;
}

// Checks `path` (split on '/') below `v`; appends a line per problem to `problems`.
void CheckPath(const json& v, const std::vector<std::string>& parts, size_t i, Type type, const std::string& where,
               std::vector<std::string>* problems) {
  if (i == parts.size()) {
    if (!HasType(v, type)) problems->push_back(where + ": wrong type (" + std::string(v.type_name()) + ")");
    return;
  }
  if (parts[i] == "[]") {
    if (!v.is_array()) return;  // the array's own entry reports it
    for (size_t k = 0; k < v.size(); ++k)
      CheckPath(v[k], parts, i + 1, type, where + "/" + std::to_string(k), problems);
    return;
  }
  if (!v.is_object() || !v.contains(parts[i])) {
    problems->push_back(where + "/" + parts[i] + ": missing");
    return;
  }
  CheckPath(v[parts[i]], parts, i + 1, type, where + "/" + parts[i], problems);
}

template <size_t N>
void CheckAll(const json& v, const Field (&fields)[N], const std::string& where, std::vector<std::string>* problems) {
  for (const Field& f : fields) {
    std::vector<std::string> parts;
    std::stringstream ss(f.path);
    std::string part;
    while (std::getline(ss, part, '/')) parts.push_back(part);
    CheckPath(v, parts, 0, f.type, where, problems);
  }
}

std::string ProfileCommand(const Options& o) {
  return "'" + o.mote + "' profile '" + o.model + "' --target " + o.target + " --json --engine " + o.engine +
         " --work-dir '" + o.work_dir + "'" + (o.per_layer ? " --per-layer" : "");
}

int CheckSchema(const json& doc, const Options& o) {
  std::vector<std::string> problems;
  CheckAll(doc, kSchema, "", &problems);
  int estimates = 0;
  if (doc.contains("mcus") && doc["mcus"].is_array()) {
    for (size_t k = 0; k < doc["mcus"].size(); ++k) {
      const json& m = doc["mcus"][k];
      const std::string where = "/mcus/" + std::to_string(k);
      if (m.contains("estimate") && m["estimate"].is_object()) {
        CheckAll(m["estimate"], kEstimateSchema, where + "/estimate", &problems);
        ++estimates;
      }
      if (m.contains("fit") && m["fit"].is_object()) CheckAll(m["fit"], kFitSchema, where + "/fit", &problems);
    }
  }
  // The run asked for one target whose MCUs are in data/mcus.json: at least one estimate.
  if (estimates == 0) problems.push_back("/mcus: no MCU has an estimate for --target " + o.target);
  if (o.per_layer && doc.contains("targets") && doc["targets"].is_array()) {
    for (size_t k = 0; k < doc["targets"].size(); ++k) {
      const json& layers = doc["targets"][k].value("layers", json());
      if (!layers.is_array() || layers.empty()) {
        problems.push_back("/targets/" + std::to_string(k) + "/layers: empty with --per-layer");
        continue;
      }
      for (size_t l = 0; l < layers.size(); ++l)
        CheckAll(layers[l], kLayerSchema, "/targets/" + std::to_string(k) + "/layers/" + std::to_string(l), &problems);
    }
  }
  for (const std::string& p : problems) std::printf("schema: %s\n", p.c_str());
  std::printf("%s: %zu problem(s) in `mote profile --json`\n", problems.empty() ? "PASS" : "FAIL", problems.size());
  return problems.empty() ? 0 : 1;
}

int CheckBitExact(const json& doc) {
  const json& t = doc["targets"][0];
  const json& check = t["check"];
  bool ok = check["passed"] == true && check["mode"] == "exact" && !check["outputs"].empty();
  for (const json& out : check["outputs"]) {
    std::printf("output %d (%s, %d bytes): %s, max |diff| %g\n", out["index"].get<int>(),
                out["dtype"].get<std::string>().c_str(), out["bytes"].get<int>(),
                out["passed"] == true ? "passed" : "DIFFERENT", out["max_abs_diff"].get<double>());
    ok = ok && out["passed"] == true && out["max_abs_diff"].get<double>() == 0.0;
  }
  std::printf("engine %s (%s), %llu instructions per inference on %s\n", t["engine"].get<std::string>().c_str(),
              t["engine_reason"].get<std::string>().c_str(),
              static_cast<unsigned long long>(t["instructions"]["per_inference"].get<uint64_t>()),
              t["target"].get<std::string>().c_str());
  if (t["instructions"]["per_inference"].get<uint64_t>() == 0) ok = false;
  std::printf("%s: check mode %s\n", ok ? "PASS" : "FAIL", check["mode"].get<std::string>().c_str());
  return ok ? 0 : 1;
}

int CheckMissingTools(const Options& o) {
  const std::string empty = std::filesystem::temp_directory_path() / "profile_check_empty_path";
  std::filesystem::create_directories(empty);
  const Result r = Run("env PATH='" + empty + "' '" + o.mote + "' profile '" + o.model + "' --target " + o.target);
  const size_t lines = static_cast<size_t>(std::count(r.err.begin(), r.err.end(), '\n'));
  std::printf("exit %d, stderr: %s", r.status, r.err.c_str());
  const bool ok = r.status == 1 && lines == 1 && r.err.find("not found on PATH") != std::string::npos && r.out.empty();
  std::printf("%s: one-line error when the toolchain is missing\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--mote") o.mote = next();
    else if (a == "--model") o.model = next();
    else if (a == "--target") o.target = next();
    else if (a == "--work-dir") o.work_dir = next();
    else if (a == "--check") o.check = next();
    else if (a == "--engine") o.engine = next();
    else if (a == "--per-layer") o.per_layer = true;
    else {
      std::fprintf(stderr, "profile_check: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (!std::filesystem::exists(o.model)) {
    std::printf("SKIP: %s not found (../shared absent)\n", o.model.c_str());
    return kSkip;
  }
  if (o.check == "missing-tools") return CheckMissingTools(o);
  for (const char* tool : {o.target == "riscv" ? "riscv64-unknown-elf-gcc" : "arm-none-eabi-gcc",
                           o.target == "riscv" ? "qemu-system-riscv64" : "qemu-system-arm"}) {
    if (!OnPath(tool)) {
      std::printf("SKIP: %s not installed (scripts/bootstrap.sh installs it)\n", tool);
      return kSkip;
    }
  }
  const Result r = Run(ProfileCommand(o));
  const json doc = json::parse(r.out, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    std::printf("FAIL: `mote profile --json` exited %d without a JSON document\nstderr: %s\nstdout: %s\n", r.status,
                r.err.c_str(), r.out.c_str());
    return 1;
  }
  if (o.check == "schema") return CheckSchema(doc, o) != 0 || r.status != 0 ? 1 : 0;
  if (o.check == "bit-exact") return r.status == 0 ? CheckBitExact(doc) : (std::printf("FAIL: exit %d\n", r.status), 1);
  std::fprintf(stderr, "profile_check: --check must be schema, bit-exact or missing-tools\n");
  return 2;
}
