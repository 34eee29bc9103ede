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
//
// Usage: bench_arena [--shared DIR] [--json FILE]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  using namespace mote;
  std::string shared = MOTE_SHARED_DIR;
  std::string json_path = "bench_arena.json";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
    else if (!std::strcmp(argv[i], "--json") && i + 1 < argc) json_path = argv[++i];
    else {
      fmt::print(stderr, "usage: bench_arena [--shared DIR] [--json FILE]\n");
      return 2;
    }
  }
  std::vector<std::string> folders = ListModelFolders(shared + "/models");
  for (const char* id : kPublicOpsModels) folders.push_back(shared + "/ops/" + id);
  if (ListModelFolders(shared + "/models").empty()) {
    fmt::print(stderr, "bench_arena: no models under {}/models\n", shared);
    return 1;
  }

  fmt::print("{:<26} {:>8} {:>8} {:>6} {:>8} {:>6} {:>8} {:>8} {:>8} {:>4}  {}\n", "model", "tflm", "static", "/tflm",
             "interp", "/tflm", "act", "bound", "act/bd", "reo", "placement");
  json rows = json::array();
  int above_tflm = 0, measured = 0;
  for (const std::string& folder : folders) {
    const Row r = Measure(folder);
    if (!r.error.empty()) {
      fmt::print("{:<26} {:>8}  not supported: {}\n", r.id, r.tflm, r.error);
      rows.push_back({{"model", r.id}, {"tflm_arena_used_bytes", r.tflm}, {"error", r.error}});
      continue;
    }
    ++measured;
    if (r.static_arena > r.tflm) ++above_tflm;
    fmt::print("{:<26} {:>8} {:>8} {:>6} {:>8} {:>6} {:>8} {:>8} {:>8} {:>4}  {}\n", r.id, r.tflm, r.static_arena,
               Ratio(r.static_arena, r.tflm), r.interp_arena, Ratio(r.interp_arena, r.tflm), r.planned, r.bound,
               Ratio(r.planned, r.bound), r.reordered ? "yes" : "", r.method);
    rows.push_back({{"model", r.id},
                    {"tflm_arena_used_bytes", r.tflm},
                    {"static_arena_bytes", r.static_arena},
                    {"interpreter_arena_bytes", r.interp_arena},
                    {"activation_bytes", r.planned},
                    {"arena_lower_bound", r.bound},
                    {"model_order_peak", r.model_order_peak},
                    {"reordered", r.reordered},
                    {"placement", r.method}});
  }
  fmt::print("\n{} models measured; static arena above TFLM's on {}\n", measured, above_tflm);
  std::ofstream out(json_path);
  out << json({{"shared", shared}, {"models", rows}}).dump(1) << "\n";
  if (!out) {
    fmt::print(stderr, "bench_arena: cannot write {}\n", json_path);
    return 1;
  }
  fmt::print("wrote {}\n", json_path);
  return 0;
}
