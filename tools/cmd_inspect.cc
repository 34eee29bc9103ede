// mote inspect MODEL [--json] [--memory]: per-layer table (op, shapes, dtype, MACs, parameter
// bytes), quantization of the model's inputs and outputs, and totals (parameters, MACs, arena
// bytes and their lower bound). --memory adds the memory timeline: the ops in the order the
// runtime runs them, and at each step the bytes alive and which buffers hold them.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "compiler/graph.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "runtime/schedule.h"
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

// One step of the memory timeline: the op that runs and every buffer alive meanwhile.
struct TimelineBuffer {
  std::vector<int32_t> tensors;  // tensors sharing the buffer (in place or views); empty: scratch
  std::vector<size_t> tensor_offsets;  // each one's offset inside the buffer (a streaming conv's input: its lag)
  size_t bytes = 0;
  size_t offset = 0;
};
struct TimelineStep {
  int node = 0;
  size_t live_bytes = 0;
  std::vector<TimelineBuffer> buffers;
};

// Rebuilds the interpreter's buffers for its planned order (the same inputs gave the plan its
// lifetimes) and reads the offsets back from the tensors' and scratch pointers.
std::vector<TimelineStep> MemoryTimeline(const Interpreter& in, const uint8_t* arena) {
  const GraphView g = in.graph();
  std::vector<int32_t> order(g.num_nodes);
  for (int s = 0; s < g.num_nodes; ++s) order[s] = in.node_at_step(s);
  std::vector<PlanBuffer> buffers(MaxPlanBuffers(g));
  std::vector<int32_t> tensor_buffer(g.num_tensors);
  std::vector<size_t> tensor_offset(g.num_tensors);
  std::vector<uint8_t> work(LifetimeWorkBytes(g));
  int32_t count = 0;
  if (!BuildPlanBuffers(g, order.data(), buffers.data(), &count, tensor_buffer.data(), work.data(), work.size(),
                        tensor_offset.data())
           .ok())
    return {};
  std::vector<TimelineBuffer> info(count);
  for (int32_t t = 0; t < g.num_tensors; ++t) {
    if (tensor_buffer[t] < 0) continue;
    TimelineBuffer& b = info[tensor_buffer[t]];
    b.tensors.push_back(t);
    b.tensor_offsets.push_back(tensor_offset[t]);
    b.offset = static_cast<size_t>(static_cast<const uint8_t*>(in.tensor(t)->data) - arena) - tensor_offset[t];
  }
  int32_t b = count;
  for (int n = 0; n < g.num_nodes; ++n) b -= in.node(n).ctx.num_scratch_;
  for (int n = 0; n < g.num_nodes; ++n)
    for (int s = 0; s < in.node(n).ctx.num_scratch_; ++s, ++b)
      info[b].offset = static_cast<size_t>(static_cast<const uint8_t*>(in.node(n).ctx.scratch(s)) - arena);
  for (int32_t i = 0; i < count; ++i) info[i].bytes = buffers[i].bytes;

  std::vector<TimelineStep> steps(g.num_nodes);
  for (int s = 0; s < g.num_nodes; ++s) {
    steps[s].node = order[s];
    for (int32_t i = 0; i < count; ++i) {
      if (buffers[i].first_step > s || s > buffers[i].last_step) continue;
      steps[s].live_bytes += buffers[i].bytes;
      steps[s].buffers.push_back(info[i]);
    }
  }
  return steps;
}

// "t3 'conv1/Relu'=t5 'add'": converter names often list several fused ops after ';', and only
// the first is kept.
std::string BufferName(const Graph& g, const TimelineBuffer& b) {
  if (b.tensors.empty()) return "scratch";
  std::string s;
  for (size_t i = 0; i < b.tensors.size(); ++i) {
    const int32_t t = b.tensors[i];
    std::string name = g.tensor(t).name.substr(0, g.tensor(t).name.find(';'));
    if (name.size() > 32) name = name.substr(0, 29) + "...";
    const std::string at = b.tensor_offsets[i] ? fmt::format("(+{})", b.tensor_offsets[i]) : "";
    s += fmt::format("{}t{}{}{}", s.empty() ? "" : "=", t, at, name.empty() ? "" : " '" + name + "'");
  }
  return s;
}

json TimelineJson(const std::vector<TimelineStep>& steps) {
  json out = json::array();
  for (size_t s = 0; s < steps.size(); ++s) {
    json buffers = json::array();
    for (const TimelineBuffer& b : steps[s].buffers)
      buffers.push_back({{"tensors", b.tensors}, {"tensor_offsets", b.tensor_offsets}, {"bytes", b.bytes}, {"offset", b.offset}});
    out.push_back({{"step", s}, {"op", steps[s].node}, {"live_bytes", steps[s].live_bytes}, {"buffers", buffers}});
  }
  return out;
}

void PrintTimeline(const Graph& g, const std::vector<TimelineStep>& steps) {
  fmt::print("\nmemory timeline: ops in run order; live = activation and scratch bytes alive during the op\n");
  fmt::print("{:>4}  {:>4}  {:<24} {:>10}  {}\n", "step", "op", "name", "live", "buffers (tensors bytes@offset; t1=t2: one buffer shared; (+n): n bytes into it)");
  for (size_t s = 0; s < steps.size(); ++s) {
    std::string list;
    for (const TimelineBuffer& b : steps[s].buffers)
      list += fmt::format("{}{} {}@{}", list.empty() ? "" : ", ", BufferName(g, b), b.bytes, b.offset);
    fmt::print("{:>4}  {:>4}  {:<24} {:>10}  {}\n", s, steps[s].node, g.ops[steps[s].node].name, steps[s].live_bytes, list);
  }
}

}  // namespace

int Inspect(const std::string& path, bool as_json, bool memory) {
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
    totals["arena_lower_bound"] = in.arena_lower_bound();
    totals["reordered"] = in.reordered();
  }
  const std::vector<TimelineStep> timeline =
      model && memory ? MemoryTimeline(model->interpreter(), model->arena_base()) : std::vector<TimelineStep>();

  if (as_json) {
    json out = {{"model", path}, {"description", g.description}, {"layers", layers}, {"totals", totals},
                {"supported", model != nullptr}};
    out["inputs"] = json::array();
    out["outputs"] = json::array();
    for (int32_t t : g.inputs) out["inputs"].push_back(TensorJson(g, t));
    for (int32_t t : g.outputs) out["outputs"].push_back(TensorJson(g, t));
    if (!model) out["error"] = runtime_error;
    if (model && memory) out["memory_timeline"] = TimelineJson(timeline);
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
    if (model) {
      const Interpreter& in = model->interpreter();
      fmt::print(", arena {} bytes ({} activations + {} persistent); activations lower bound {}{}\n",
                 in.arena_used_bytes(), in.planned_bytes(), in.persistent_bytes(), in.arena_lower_bound(),
                 in.reordered() ? " (ops reordered)" : "");
      if (memory) PrintTimeline(g, timeline);
    } else {
      fmt::print("\n");
    }
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
    bool memory = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show a model's layers, shapes, quantization, MACs and memory");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", a->json, "print JSON");
  cmd->add_flag("--memory", a->memory, "add the memory timeline: live bytes and buffers at each step");
  cmd->callback([a, exit_code] { *exit_code = Inspect(a->model, a->json, a->memory); });
}

}  // namespace mote::cli
