// mote inspect MODEL [--json]: per-layer table (op, shapes, dtype, MACs, parameter bytes),
// quantization of the model's inputs and outputs, and totals (parameters, MACs, arena bytes).
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "compiler/graph.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

using nlohmann::json;

json QuantJson(const TensorInfo& t) {
  if (t.scales.empty()) return nullptr;
  json q = {{"scale", t.scales.size() == 1 ? json(t.scales[0]) : json(t.scales)},
            {"zero_point", t.zero_points.size() == 1 ? json(t.zero_points[0]) : json(t.zero_points)}};
  if (t.scales.size() > 1) q["axis"] = t.quant_axis;
  return q;
}

std::string QuantString(const TensorInfo& t) {
  if (t.scales.empty()) return "-";
  if (t.scales.size() > 1) return fmt::format("per-channel x{} (axis {})", t.scales.size(), t.quant_axis);
  return fmt::format("s={:.6g} zp={}", t.scales[0], t.zero_points.empty() ? 0 : t.zero_points[0]);
}

json TensorJson(const Graph& g, int32_t i) {
  const TensorInfo& t = g.tensor(i);
  return {{"index", i}, {"name", t.name}, {"dtype", DTypeName(t.type)}, {"shape", t.shape},
          {"constant", t.is_constant()}, {"quantization", QuantJson(t)}};
}

// The non-constant inputs' shapes, joined with ", ".
std::string DataInputShapes(const Graph& g, const OpInfo& op) {
  std::string s;
  for (int32_t t : op.inputs)
    if (t >= 0 && !g.tensor(t).is_constant()) s += (s.empty() ? "" : ", ") + ShapeString(g.tensor(t).shape);
  return s.empty() ? "-" : s;
}

}  // namespace

int Inspect(const std::string& path, bool as_json) {
  std::string error;
  AlignedBytes bytes;
  if (!ReadFileAligned(path, &bytes, &error)) {
    fmt::print(stderr, "mote inspect: {}\n", error);
    return 1;
  }
  Graph g;
  if (!ImportTflite(bytes.data(), bytes.size(), &g, &error)) {
    fmt::print(stderr, "mote inspect: {}: {}\n", path, error);
    return 1;
  }
  // The runtime's own plan gives the arena size; an unsupported op is reported, not fatal here.
  std::string runtime_error;
  auto model = HostModel::FromBytes(std::move(bytes), &runtime_error);
  int64_t total_macs = 0;
  size_t total_params = 0;
  json layers = json::array();
  for (size_t n = 0; n < g.ops.size(); ++n) {
    const OpInfo& op = g.ops[n];
    const int64_t macs = OpMacs(g, op);
    const size_t params = OpParamBytes(g, op);
    total_macs += macs;
    total_params += params;
    json ins = json::array(), outs = json::array();
    for (int32_t t : op.inputs) ins.push_back(t < 0 ? json(nullptr) : TensorJson(g, t));
    for (int32_t t : op.outputs) outs.push_back(TensorJson(g, t));
    layers.push_back({{"index", n}, {"op", op.name}, {"key", OpKey(g, op)}, {"version", op.version},
                      {"macs", macs}, {"param_bytes", params}, {"inputs", ins}, {"outputs", outs}});
  }
  json totals = {{"ops", g.ops.size()}, {"param_bytes", total_params}, {"macs", total_macs}};
  if (model) {
    const Interpreter& in = model->interpreter();
    totals["arena_bytes"] = in.arena_used_bytes();
    totals["activation_bytes"] = in.planned_bytes();
    totals["persistent_bytes"] = in.persistent_bytes();
  }

  if (as_json) {
    json out = {{"model", path}, {"description", g.description}, {"layers", layers}, {"totals", totals},
                {"supported", model != nullptr}};
    out["inputs"] = json::array();
    out["outputs"] = json::array();
    for (int32_t t : g.inputs) out["inputs"].push_back(TensorJson(g, t));
    for (int32_t t : g.outputs) out["outputs"].push_back(TensorJson(g, t));
    if (!model) out["error"] = runtime_error;
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("model: {}\n", path);
    for (int32_t t : g.inputs)
      fmt::print("input   {:<24} {:<8} {:<14} {}\n", g.tensor(t).name, DTypeName(g.tensor(t).type),
                 ShapeString(g.tensor(t).shape), QuantString(g.tensor(t)));
    for (int32_t t : g.outputs)
      fmt::print("output  {:<24} {:<8} {:<14} {}\n", g.tensor(t).name, DTypeName(g.tensor(t).type),
                 ShapeString(g.tensor(t).shape), QuantString(g.tensor(t)));
    fmt::print("\n{:>4}  {:<28} {:<28} {:<16} {:>12} {:>10}  {}\n", "#", "op:dtype", "input", "output", "MACs",
               "params", "output quantization");
    for (size_t n = 0; n < g.ops.size(); ++n) {
      const OpInfo& op = g.ops[n];
      const TensorInfo& out = g.tensor(op.outputs[0]);
      fmt::print("{:>4}  {:<28} {:<28} {:<16} {:>12} {:>10}  {}\n", n, OpKey(g, op), DataInputShapes(g, op),
                 ShapeString(out.shape), OpMacs(g, op), OpParamBytes(g, op), QuantString(out));
    }
    fmt::print("\ntotal: {} ops, {} parameter bytes, {} MACs", g.ops.size(), total_params, total_macs);
    if (model)
      fmt::print(", arena {} bytes ({} activations + {} persistent)\n", model->interpreter().arena_used_bytes(),
                 model->interpreter().planned_bytes(), model->interpreter().persistent_bytes());
    else
      fmt::print("\n");
  }
  if (!model) {
    fmt::print(stderr, "mote inspect: {}: {}\n", path, runtime_error);
    return 1;
  }
  return 0;
}

void RegisterInspect(CLI::App& app, int* exit_code) {
  struct Args {
    std::string model;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show a model's layers, shapes, quantization, MACs and memory");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", a->json, "print JSON");
  cmd->callback([a, exit_code] { *exit_code = Inspect(a->model, a->json); });
}

}  // namespace mote::cli
