// bench_arena: mote's arena against TensorFlow Lite Micro's and against the lower bound, per
// model in ../shared/models and the public whole models in ../shared/ops. Prints a table and
// writes the same rows as JSON. Not a timed test: every number is a byte count from planning.
//
// Columns:
//   tflm       manifest `tflm_arena_used_bytes` (TFLM's whole arena on x86-64: tensor data,
//              scratch and its 64-bit bookkeeping structs)
//   static     what a `mote compile` module holds in its static arena: planned activations and
//              scratch, then each state tensor, 16-byte aligned as the module places them
//   interp     the smallest arena the mote interpreter accepts (Interpreter::arena_used_bytes:
//              activations or planning's temporary memory, plus tensor/op tables and params),
//              on this 64-bit host
//   act        the planned activation and scratch bytes (the part of both arenas the planner sets)
//   bound      the largest sum of activation and scratch bytes alive at one step of the planned
//              order: no placement of these buffers needs less
//   act/bd, 5% act / bound, and whether it is within 5% of the bound (the target wherever
//              reordering cannot help; the summary lists the models above 1.05)
//
// With --flash (or --flash-models a,b) a second table gives, per model, the flash of its
// `mote compile` module (bench/arena/flash.h says exactly what each build counts):
//   host       text (.text), weights (the module's weight arrays) and total (also the per-layer
//              params and tables), of a main calling init() and invoke() minus an empty main, so
//              libc and start-up do not count; -O2, --gc-sections
//   cortex-m4  `mote profile`'s profile.elf for mps2-an386, cross-built and linked, not run:
//              code = all flash but the weights (METHOD.md s.5, harness, libc and start-up
//              included as in TFLM's), weights, total = code + weights
//   TFLM       the TFLM + CMSIS-NN -O2 Cortex-M4 record of ../shared/baselines: flash_code_bytes,
//              flash_model_bytes (the .tflite) and their sum
//   mote/TFLM  M4 total over TFLM's total, and M4 code over TFLM's code (below 1: mote smaller)
// By default the models with a TFLM record are measured. The first Cortex-M4 build compiles the
// runtime into build/profile/mps2-an386/ (about 3 min of CPU); without the cross compiler the
// M4 columns are skipped with one line saying why.
//
// Usage: bench_arena [--shared DIR] [--json FILE] [--flash] [--flash-models ID,...]
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bench/arena/flash.h"
#include "compiler/golden.h"
#include "compiler/host_model.h"

namespace mote {
namespace {

using nlohmann::json;

// The whole models among ../shared/ops (the rest are single-op tests).
const char* const kPublicOpsModels[] = {"mlperf_ic_float32", "mobilenet_v2_int8", "tflm_mnist_lstm_float",
                                        "tflm_mnist_lstm_int8"};

struct Row {
  std::string id;
  size_t tflm = 0;
  size_t static_arena = 0;
  size_t interp_arena = 0;
  size_t planned = 0;
  size_t bound = 0;
  size_t model_order_peak = 0;
  bool reordered = false;
  std::string method;
  std::string error;
  std::string folder;
};

size_t Align16(size_t v) { return (v + 15) / 16 * 16; }

// The module's static arena: activations first, then the state tensors (compiler/aot/module.cc).
size_t StaticArenaBytes(const Interpreter& in) {
  size_t bytes = Align16(in.planned_bytes());
  for (int t = 0; t < in.num_tensors(); ++t)
    if (in.tensor(t)->is_variable) bytes += Align16(in.tensor(t)->Bytes());
  return bytes < 16 ? 16 : bytes;
}

Row Measure(const std::string& folder) {
  Row r;
  r.folder = folder;
  r.id = folder.substr(folder.find_last_of('/') + 1);
  std::ifstream f(folder + "/manifest.json");
  const json manifest = json::parse(f, nullptr, false);
  if (manifest.is_object() && manifest.contains("tflm_arena_used_bytes"))
    r.tflm = manifest["tflm_arena_used_bytes"].get<size_t>();
  auto model = HostModel::Load(folder + "/model.tflite", &r.error);
  if (!model) return r;
  const Interpreter& in = model->interpreter();
  r.static_arena = StaticArenaBytes(in);
  r.interp_arena = in.arena_used_bytes();
  r.planned = in.planned_bytes();
  r.bound = in.arena_lower_bound();
  r.model_order_peak = in.model_order_peak();
  r.reordered = in.reordered();
  r.method = PlanMethodName(in.plan_result().method);
  return r;
}

std::string Ratio(size_t a, size_t b) { return b ? fmt::format("{:.3f}", static_cast<double>(a) / b) : "-"; }

// The target: activations within 5% of the lower bound.
bool NearBound(const Row& r) { return r.planned * 100 <= r.bound * 105; }

json ArenaJson(const Row& r) {
  if (!r.error.empty()) return {{"model", r.id}, {"tflm_arena_used_bytes", r.tflm}, {"error", r.error}};
  return {{"model", r.id},
          {"tflm_arena_used_bytes", r.tflm},
          {"static_arena_bytes", r.static_arena},
          {"interpreter_arena_bytes", r.interp_arena},
          {"activation_bytes", r.planned},
          {"arena_lower_bound", r.bound},
          {"activation_over_bound", r.bound ? static_cast<double>(r.planned) / r.bound : 0.0},
          {"within_5pct_of_bound", NearBound(r)},
          {"model_order_peak", r.model_order_peak},
          {"reordered", r.reordered},
          {"placement", r.method}};
}

void PrintArenaTable(const std::vector<Row>& rows) {
  fmt::print("{:<26} {:>8} {:>8} {:>6} {:>8} {:>6} {:>8} {:>8} {:>8} {:>4} {:>4}  {}\n", "model", "tflm", "static",
             "/tflm", "interp", "/tflm", "act", "bound", "act/bd", "5%", "reo", "placement");
  int above_tflm = 0, measured = 0;
  std::vector<std::string> above_bound;
  for (const Row& r : rows) {
    if (!r.error.empty()) {
      fmt::print("{:<26} {:>8}  not supported: {}\n", r.id, r.tflm, r.error);
      continue;
    }
    ++measured;
    if (r.static_arena > r.tflm) ++above_tflm;
    if (!NearBound(r)) above_bound.push_back(fmt::format("{} {}", r.id, Ratio(r.planned, r.bound)));
    fmt::print("{:<26} {:>8} {:>8} {:>6} {:>8} {:>6} {:>8} {:>8} {:>8} {:>4} {:>4}  {}\n", r.id, r.tflm,
               r.static_arena, Ratio(r.static_arena, r.tflm), r.interp_arena, Ratio(r.interp_arena, r.tflm), r.planned,
               r.bound, Ratio(r.planned, r.bound), NearBound(r) ? "ok" : "over", r.reordered ? "yes" : "", r.method);
  }
  fmt::print("\n{} models measured; static arena above TFLM's on {}\n", measured, above_tflm);
  fmt::print("act/bound above 1.05 on {} of {}{}", above_bound.size(), measured, above_bound.empty() ? "" : ":");
  for (size_t i = 0; i < above_bound.size(); ++i) fmt::print("{}{}", i ? ", " : " ", above_bound[i]);
  fmt::print("\n");
}

// --- flash -----------------------------------------------------------------------------------

struct FlashRow {
  std::string id;
  bench::FlashSplit host, m4;
  std::string host_error, m4_error;  // empty: measured
  std::optional<bench::TflmFlash> tflm;  // the TFLM record, when there is one
};

double Over(int64_t a, int64_t b) { return b ? static_cast<double>(a) / b : 0; }

// The models to measure: the ones asked for, else those with a TFLM Cortex-M4 record.
std::vector<const Row*> FlashModels(const std::vector<Row>& rows, const std::vector<std::string>& asked,
                                    const std::map<std::string, bench::TflmFlash>& tflm) {
  std::vector<const Row*> out;
  for (const Row& r : rows) {
    const bool wanted = asked.empty() ? tflm.count(r.id) > 0
                                      : std::find(asked.begin(), asked.end(), r.id) != asked.end();
    if (wanted && r.error.empty()) out.push_back(&r);
  }
  return out;
}

FlashRow MeasureFlash(const Row& r, const std::map<std::string, bench::TflmFlash>& tflm, const std::string& m4_skip) {
  FlashRow f;
  f.id = r.id;
  auto it = tflm.find(r.id);
  if (it != tflm.end()) f.tflm = it->second;
  fmt::print(stderr, "bench_arena: flash of {} ...\n", r.id);
  std::fflush(stderr);
  const std::string model = r.folder + "/model.tflite";
  bench::MeasureHostFlash(model, r.id, MOTE_HOST_FLASH_DIR, &f.host, &f.host_error);  // false: error set
  if (!m4_skip.empty()) f.m4_error = "skipped: " + m4_skip;
  else bench::MeasureM4Flash(model, &f.m4, &f.m4_error);
  return f;
}

json SplitJson(const bench::FlashSplit& s, const std::string& error) {
  if (!error.empty()) return {{"error", error}};
  return {{"code_bytes", s.code}, {"weights_bytes", s.weights}, {"other_bytes", s.other}, {"total_bytes", s.total()}};
}

json FlashJson(const FlashRow& f) {
  json j = {{"host", SplitJson(f.host, f.host_error)}, {"cortex_m4", SplitJson(f.m4, f.m4_error)}};
  if (f.m4_error.empty()) j["cortex_m4"]["code_method_bytes"] = f.m4.total() - f.m4.weights;
  if (!f.tflm) return j;
  j["tflm_cortex_m4"] = {{"flash_code_bytes", f.tflm->code},
                         {"flash_model_bytes", f.tflm->model},
                         {"total_bytes", f.tflm->code + f.tflm->model}};
  if (f.m4_error.empty()) {
    j["m4_total_over_tflm"] = Over(f.m4.total(), f.tflm->code + f.tflm->model);
    j["m4_code_over_tflm_code"] = Over(f.m4.total() - f.m4.weights, f.tflm->code);
  }
  return j;
}

std::string Cell(bool ok, int64_t v) { return ok ? fmt::format("{}", v) : "-"; }

void PrintFlashTable(const std::vector<FlashRow>& rows) {
  fmt::print("\nflash bytes        {:>26}   {:>26}   {:>26}   {:>13}\n", "host (minus an empty main)",
             "cortex-m4 (METHOD.md s.5)", "TFLM+CMSIS-NN cortex-m4", "mote/TFLM");
  fmt::print("{:<22} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}   {:>6} {:>6}\n", "model", "text",
             "weights", "total", "code", "weights", "total", "code", "model", "total", "total", "code");
  int compared = 0, smaller = 0, code_smaller = 0;
  for (const FlashRow& f : rows) {
    const bool h = f.host_error.empty(), m = f.m4_error.empty(), t = f.tflm.has_value();
    const int64_t m4_code = f.m4.total() - f.m4.weights;
    std::string ratios = fmt::format("{:>6} {:>6}", "-", "-");
    if (m && t) {
      const int64_t tflm_total = f.tflm->code + f.tflm->model;
      ratios = fmt::format("{:>6.3f} {:>6.3f}", Over(f.m4.total(), tflm_total), Over(m4_code, f.tflm->code));
      ++compared;
      smaller += f.m4.total() < tflm_total;
      code_smaller += m4_code < f.tflm->code;
    }
    fmt::print("{:<22} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}   {}\n", f.id, Cell(h, f.host.code),
               Cell(h, f.host.weights), Cell(h, f.host.total()), Cell(m, m4_code), Cell(m, f.m4.weights),
               Cell(m, f.m4.total()), Cell(t, t ? f.tflm->code : 0), Cell(t, t ? f.tflm->model : 0),
               Cell(t, t ? f.tflm->code + f.tflm->model : 0), ratios);
  }
  fmt::print("Cortex-M4 flash (code + weights) below TFLM's (code + model) on {} of {} models with a TFLM record; "
             "code alone below TFLM's flash_code_bytes on {}\n",
             smaller, compared, code_smaller);
  for (const FlashRow& f : rows) {
    if (!f.host_error.empty()) fmt::print("{}: host flash not measured: {}\n", f.id, f.host_error);
    if (!f.m4_error.empty() && f.m4_error.rfind("skipped", 0) != 0)
      fmt::print("{}: cortex-m4 flash not measured: {}\n", f.id, f.m4_error);
  }
}

std::vector<FlashRow> MeasureAllFlash(const std::vector<Row>& rows, const std::vector<std::string>& asked,
                                      const std::string& shared, const std::map<std::string, bench::TflmFlash>& tflm) {
  for (const std::string& id : asked)
    if (std::none_of(rows.begin(), rows.end(), [&](const Row& r) { return r.id == id; }))
      fmt::print("--flash-models: no model {} under {}/models or the whole models of {}/ops\n", id, shared, shared);
  std::string m4_skip;
  if (!bench::CanBuildM4(&m4_skip)) fmt::print("\nflash for the Cortex-M4 skipped: {}\n", m4_skip);
  std::vector<FlashRow> out;
  for (const Row* r : FlashModels(rows, asked, tflm)) out.push_back(MeasureFlash(*r, tflm, m4_skip));
  return out;
}

struct Args {
  std::string shared = MOTE_SHARED_DIR;
  std::string json_path = "bench_arena.json";
  bool flash = false;
  std::vector<std::string> flash_models;
};

int Main(const Args& a) {
  std::vector<std::string> folders = ListModelFolders(a.shared + "/models");
  if (folders.empty()) {
    fmt::print(stderr, "bench_arena: no models under {}/models\n", a.shared);
    return 1;
  }
  for (const char* id : kPublicOpsModels) folders.push_back(a.shared + "/ops/" + id);
  std::vector<Row> rows;
  for (const std::string& folder : folders) rows.push_back(Measure(folder));
  PrintArenaTable(rows);

  std::map<std::string, FlashRow> flash;
  if (a.flash || !a.flash_models.empty()) {
    std::string error;
    const auto tflm = bench::LoadTflmM4Flash(a.shared + "/baselines/tflm_cmsisnn_qemu.json", &error);
    if (!error.empty()) fmt::print("no TFLM flash to compare with: {}\n", error);
    const std::vector<FlashRow> measured = MeasureAllFlash(rows, a.flash_models, a.shared, tflm);
    PrintFlashTable(measured);
    for (const FlashRow& f : measured) flash[f.id] = f;
  }

  json out_rows = json::array();
  for (const Row& r : rows) {
    json j = ArenaJson(r);
    auto f = flash.find(r.id);
    if (f != flash.end()) j["flash"] = FlashJson(f->second);
    out_rows.push_back(j);
  }
  std::ofstream out(a.json_path);
  json doc = {{"shared", a.shared}, {"models", out_rows}};
  if (!flash.empty())
    doc["flash_note"] =
        "bytes; host: the module and the kernels it calls, -O2 --gc-sections, minus an empty main (code = .text, "
        "other = params and tables); cortex_m4: profile.elf of `mote profile` on mps2-an386, linked not run "
        "(code = .vectors/.text/unwind, other = read-only data and .data image, harness and libc included; "
        "code_method_bytes = total - weights as METHOD.md s.5, the figure compared with TFLM's flash_code_bytes); "
        "tflm_cortex_m4: the CMSIS-NN -O2 record of baselines/tflm_cmsisnn_qemu.json";
  out << doc.dump(1) << "\n";
  if (!out) {
    fmt::print(stderr, "bench_arena: cannot write {}\n", a.json_path);
    return 1;
  }
  fmt::print("wrote {}\n", a.json_path);
  return 0;
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  mote::Args a;
  CLI::App app{"bench_arena: mote's arena vs TFLite Micro's and the lower bound; with --flash, flash per model"};
  app.add_option("--shared", a.shared, "folder with models/, ops/ and baselines/")->capture_default_str();
  app.add_option("--json", a.json_path, "JSON output file")->capture_default_str();
  app.add_flag("--flash", a.flash, "also measure flash (host and Cortex-M4) of the models with a TFLM record");
  app.add_option("--flash-models", a.flash_models, "measure flash of these model ids instead (implies --flash)")
      ->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  return mote::Main(a);
}
