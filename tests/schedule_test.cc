// Execution order and buffer sharing (runtime/schedule.h) on small graphs built by hand and at
// random: named cases with known sharing, order and peak; on random graphs, a simulated run of
// the planned arena (every cell tagged with the value it holds) finds no value overwritten
// before its last reader, in-place writes only over inputs the op allows, a valid order, and a
// peak that matches the planner's lower bound and is minimal when the search completes.
#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/schedule.h"

namespace mote {
namespace {

const OpKernel kPlain = {"PLAIN", 1, "int8", nullptr, nullptr};
const OpKernel kUnary = {"UNARY", 2, "int8", nullptr, nullptr, kInPlaceInput0};
const OpKernel kBinary = {"BINARY", 3, "int8", nullptr, nullptr, kInPlaceEitherInput};
const OpKernel kView = {"VIEW", 4, "int8", nullptr, nullptr, 0, true};
// A streaming op (OpKernel::stream_lag) whose output may start 32 bytes below its input.
bool Lag32(const OpContext&, size_t* lag) {
  *lag = 32;
  return true;
}
const OpKernel kStream = {"STREAM", 5, "int8", nullptr, nullptr, 0, false, Lag32};

// A graph under construction; View() is valid while the object lives and is not changed.
class TestGraph {
 public:
  int32_t Tensor8(int32_t bytes, bool variable = false, bool constant = false) {
    return AddTensor(DType::kInt8, bytes, variable, constant);
  }
  int32_t Tensor16(int32_t elements) { return AddTensor(DType::kInt16, elements, false, false); }
  int32_t Input(int32_t bytes) {
    const int32_t t = Tensor8(bytes);
    inputs_.push_back(t);
    return t;
  }
  void MarkOutput(int32_t t) { outputs_.push_back(t); }
  // Adds an op; returns its index.
  int32_t Op(const OpKernel& k, std::vector<int32_t> ins, std::vector<int32_t> outs, std::vector<size_t> scratch = {}) {
    ops_.push_back({&k, std::move(ins), std::move(outs), std::move(scratch)});
    return static_cast<int32_t>(ops_.size() - 1);
  }

  GraphView View() {
    nodes_.assign(ops_.size(), Node());
    for (size_t v = 0; v < ops_.size(); ++v) {
      Node& n = nodes_[v];
      n.kernel = ops_[v].kernel;
      n.input_indices = ops_[v].ins.data();
      n.output_indices = ops_[v].outs.data();
      n.ctx.num_inputs_ = static_cast<int>(ops_[v].ins.size());
      n.ctx.num_outputs_ = static_cast<int>(ops_[v].outs.size());
      n.ctx.num_scratch_ = static_cast<int>(ops_[v].scratch.size());
      for (size_t s = 0; s < ops_[v].scratch.size(); ++s) n.ctx.scratch_bytes_[s] = ops_[v].scratch[s];
    }
    GraphView g;
    g.tensors = tensors_.data();
    g.num_tensors = static_cast<int32_t>(tensors_.size());
    g.nodes = nodes_.data();
    g.num_nodes = static_cast<int32_t>(nodes_.size());
    g.inputs = inputs_.data();
    g.num_inputs = static_cast<int32_t>(inputs_.size());
    g.outputs = outputs_.data();
    g.num_outputs = static_cast<int32_t>(outputs_.size());
    return g;
  }

  struct OpSpec {
    const OpKernel* kernel;
    std::vector<int32_t> ins, outs;
    std::vector<size_t> scratch;
  };
  const std::vector<OpSpec>& ops() const { return ops_; }
  const std::vector<int32_t>& outputs() const { return outputs_; }
  const std::vector<int32_t>& inputs() const { return inputs_; }
  const Tensor& tensor(int32_t t) const { return tensors_[t]; }

 private:
  int32_t AddTensor(DType type, int32_t elements, bool variable, bool constant) {
    Tensor t;
    t.type = type;
    t.shape.rank = 1;
    t.shape.dims[0] = elements;
    t.is_variable = variable;
    t.is_constant = constant;
    tensors_.push_back(t);
    return static_cast<int32_t>(tensors_.size() - 1);
  }

  std::vector<Tensor> tensors_;
  std::vector<OpSpec> ops_;
  std::vector<Node> nodes_;
  std::vector<int32_t> inputs_, outputs_;
};

struct Planned {
  ScheduleResult schedule;
  std::vector<int32_t> order;
  std::vector<PlanBuffer> buffers;
  std::vector<int32_t> tensor_buffer;
  std::vector<size_t> tensor_offset;
  size_t arena = 0;
  size_t lower_bound = 0;
};

// Chooses the order, builds and places the buffers, as the interpreter does.
Planned PlanGraph(TestGraph& tg, uint32_t budget = kScheduleDefaultBudget) {
  const GraphView g = tg.View();
  Planned p;
  p.order.resize(g.num_nodes);
  std::vector<uint8_t> work(std::max(ScheduleWorkBytes(g), LifetimeWorkBytes(g)) +
                            PlanWorkBytes(MaxPlanBuffers(g)));
  Status s = ChooseSchedule(g, p.order.data(), work.data(), work.size(), &p.schedule, budget);
  EXPECT_TRUE(s.ok()) << s.message();
  p.buffers.resize(MaxPlanBuffers(g));
  p.tensor_buffer.resize(g.num_tensors);
  int32_t count = 0;
  p.tensor_offset.resize(g.num_tensors);
  s = BuildPlanBuffers(g, p.order.data(), p.buffers.data(), &count, p.tensor_buffer.data(), work.data(), work.size(),
                       p.tensor_offset.data());
  EXPECT_TRUE(s.ok()) << s.message();
  p.buffers.resize(count);
  PlanResult r;
  s = PlanOffsets(p.buffers.data(), count, work.data(), work.size(), &r);
  EXPECT_TRUE(s.ok()) << s.message();
  p.arena = r.arena_bytes;
  p.lower_bound = r.lower_bound;
  return p;
}

bool Share(const Planned& p, int32_t a, int32_t b) {
  return p.tensor_buffer[a] >= 0 && p.tensor_buffer[a] == p.tensor_buffer[b];
}

// ---- named cases --------------------------------------------------------------------------------

struct NamedGraph {
  const char* name;
  void (*build)(TestGraph& g);
  std::vector<std::pair<int32_t, int32_t>> shared;    // tensor pairs that must share a buffer
  std::vector<std::pair<int32_t, int32_t>> separate;  // ... that must not
  std::vector<int32_t> order;
  size_t peak;
  size_t model_order_peak;
};

// Tensor indices in the builders below are in creation order.
TEST(Schedule, NamedGraphs) {
  const std::vector<NamedGraph> cases = {
      {"unary chain runs in place, but not over the graph input",
       [](TestGraph& g) {  // t0 (input) -> t1 -> t2 (output)
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(100);
         g.Op(kUnary, {t0}, {t1});
         g.Op(kUnary, {t1}, {t2});
         g.MarkOutput(t2);
       },
       {{1, 2}}, {{0, 1}}, {0, 1}, 200, 200},
      {"an input read later is not overwritten",
       [](TestGraph& g) {  // t1 = p(t0); t2 = u(t1); t3 = b(t1, t2)
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(100);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kUnary, {t1}, {t2});
         g.Op(kBinary, {t1, t2}, {t3});
         g.MarkOutput(t3);
       },
       {{1, 3}}, {{1, 2}, {2, 3}}, {0, 1, 2}, 200, 200},
      {"a graph output is not overwritten",
       [](TestGraph& g) {  // t1 = p(t0); t2 = u(t1) (output); t3 = u(t2) (output)
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(100);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kUnary, {t1}, {t2});
         g.Op(kUnary, {t2}, {t3});
         g.MarkOutput(t2);
         g.MarkOutput(t3);
       },
       {{1, 2}}, {{2, 3}}, {0, 1, 2}, 200, 200},
      {"element sizes must match",
       [](TestGraph& g) {  // int8[200] -> int16[100]: same bytes, other element size
         const int32_t t0 = g.Input(200), t1 = g.Tensor8(200), t2 = g.Tensor16(100);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kUnary, {t1}, {t2});
         g.MarkOutput(t2);
       },
       {}, {{1, 2}}, {0, 1}, 400, 400},
      {"a view shares its input even while the input lives on",
       [](TestGraph& g) {  // t1 = p(t0); t2 = view(t1); t3 = b(t1, t2)
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(100);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kView, {t1}, {t2});
         g.Op(kBinary, {t1, t2}, {t3});
         g.MarkOutput(t3);
       },
       {{1, 2}, {1, 3}}, {{0, 1}}, {0, 1, 2}, 200, 200},
      {"a streaming op's output shares its input's buffer, the input at the lag",
       [](TestGraph& g) {  // t0 (10) -> t1 (100) -> stream -> t2 (100) -> t3 (10): t1, t2 in 132 bytes
         const int32_t t0 = g.Input(10), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(10);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kStream, {t1}, {t2});
         g.Op(kPlain, {t2}, {t3});
         g.MarkOutput(t3);
       },
       {{1, 2}}, {{0, 1}, {2, 3}}, {0, 1, 2}, 142, 142},
      {"no sharing with a streaming op's input that another op reads",
       [](TestGraph& g) {  // t1 is read by the stream op and by the binary op after it
         const int32_t t0 = g.Input(10), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(100);
         g.Op(kPlain, {t0}, {t1});
         g.Op(kStream, {t1}, {t2});
         g.Op(kBinary, {t1, t2}, {t3});
         g.MarkOutput(t3);
       },
       {}, {{1, 2}}, {0, 1, 2}, 200, 200},
      {"no sharing between a streaming op and a graph input",
       [](TestGraph& g) {
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(10);
         g.Op(kStream, {t0}, {t1});
         g.Op(kPlain, {t1}, {t2});
         g.MarkOutput(t2);
       },
       {}, {{0, 1}}, {0, 1}, 200, 200},
      {"scratch counts at its op only",
       [](TestGraph& g) {
         const int32_t t0 = g.Input(100), t1 = g.Tensor8(100), t2 = g.Tensor8(100);
         g.Op(kPlain, {t0}, {t1}, {500});
         g.Op(kPlain, {t1}, {t2});
         g.MarkOutput(t2);
       },
       {}, {{0, 1}, {1, 2}}, {0, 1}, 700, 700},
      {"running the short branch first lowers the peak",
       [](TestGraph& g) {  // x -> A -> a -> B -> b; x -> C -> c; D(b, c) -> y
         const int32_t x = g.Input(1000), a = g.Tensor8(500), b = g.Tensor8(500), c = g.Tensor8(250),
                       y = g.Tensor8(500);
         g.Op(kPlain, {x}, {a});
         g.Op(kPlain, {a}, {b});
         g.Op(kPlain, {x}, {c});
         g.Op(kBinary, {b, c}, {y});
         g.MarkOutput(y);
       },
       {{2, 4}}, {}, {0, 2, 1, 3}, 1750, 2000},
      {"ops that touch state keep their model order",
       [](TestGraph& g) {  // as above, with B and C both reading state s
         const int32_t x = g.Input(1000), a = g.Tensor8(500), b = g.Tensor8(500), c = g.Tensor8(250),
                       y = g.Tensor8(500), s = g.Tensor8(8, /*variable=*/true);
         g.Op(kPlain, {x}, {a});
         g.Op(kPlain, {a, s}, {b});
         g.Op(kPlain, {x, s}, {c});
         g.Op(kBinary, {b, c}, {y});
         g.MarkOutput(y);
       },
       {}, {}, {0, 1, 2, 3}, 2000, 2000},
  };
  for (const NamedGraph& c : cases) {
    TestGraph g;
    c.build(g);
    const Planned p = PlanGraph(g);
    for (auto [a, b] : c.shared) EXPECT_TRUE(Share(p, a, b)) << c.name << ": tensors " << a << ", " << b;
    for (auto [a, b] : c.separate) EXPECT_FALSE(Share(p, a, b)) << c.name << ": tensors " << a << ", " << b;
    EXPECT_EQ(p.order, c.order) << c.name;
    EXPECT_EQ(p.schedule.peak, c.peak) << c.name;
    EXPECT_EQ(p.schedule.model_order_peak, c.model_order_peak) << c.name;
    EXPECT_EQ(p.lower_bound, c.peak) << c.name;
  }
}

TEST(Schedule, LaggedInputSitsAtTheLagInsideItsOutputsBuffer) {
  TestGraph g;
  const int32_t t0 = g.Input(10), t1 = g.Tensor8(100), t2 = g.Tensor8(100), t3 = g.Tensor8(10);
  g.Op(kPlain, {t0}, {t1});
  g.Op(kStream, {t1}, {t2});
  g.Op(kPlain, {t2}, {t3});
  g.MarkOutput(t3);
  const Planned p = PlanGraph(g);
  ASSERT_TRUE(Share(p, t1, t2));
  EXPECT_EQ(p.tensor_offset[t1], 32u);
  EXPECT_EQ(p.tensor_offset[t2], 0u);
  EXPECT_EQ(p.buffers[p.tensor_buffer[t1]].bytes, 132u);
  // Off, the two are planned apart as before.
  TestGraph off = g;
  GraphView view = off.View();
  view.stream_lags = false;
  std::vector<uint8_t> work(LifetimeWorkBytes(view));
  std::vector<PlanBuffer> buffers(MaxPlanBuffers(view));
  std::vector<int32_t> tensor_buffer(view.num_tensors);
  int32_t count = 0;
  ASSERT_TRUE(BuildPlanBuffers(view, nullptr, buffers.data(), &count, tensor_buffer.data(), work.data(), work.size()).ok());
  EXPECT_NE(tensor_buffer[t1], tensor_buffer[t2]);
}

TEST(Schedule, ChainsHaveOneOrder) {
  TestGraph chain;
  const int32_t t0 = chain.Input(16), t1 = chain.Tensor8(16), t2 = chain.Tensor8(16);
  chain.Op(kPlain, {t0}, {t1});
  chain.Op(kPlain, {t1}, {t2});
  chain.MarkOutput(t2);
  EXPECT_TRUE(ScheduleIsFixed(chain.View()));

  TestGraph fork;
  const int32_t x = fork.Input(16), a = fork.Tensor8(16), b = fork.Tensor8(16);
  fork.Op(kPlain, {x}, {a});
  fork.Op(kPlain, {x}, {b});
  fork.MarkOutput(a);
  fork.MarkOutput(b);
  EXPECT_FALSE(ScheduleIsFixed(fork.View()));
}

// ---- random graphs ------------------------------------------------------------------------------

// A random DAG of up to `max_ops` ops over small int8 tensors (some int16), with in-place, view
// and state ops, scratch, constants and several graph outputs.
void BuildRandomGraph(std::mt19937& rng, int max_ops, TestGraph& g) {
  static const int32_t kSizes[] = {16, 24, 32, 48, 64};
  std::vector<int32_t> values;  // tensors an op may read
  const int num_inputs = 1 + rng() % 2;
  for (int i = 0; i < num_inputs; ++i) values.push_back(g.Input(kSizes[rng() % 5]));
  const int32_t state = g.Tensor8(8, /*variable=*/true);
  const int32_t constant = g.Tensor8(16, false, /*constant=*/true);
  const int num_ops = 1 + rng() % max_ops;
  for (int v = 0; v < num_ops; ++v) {
    const int32_t a = values[rng() % values.size()];
    const int32_t b = values[rng() % values.size()];
    const int32_t bytes = static_cast<int32_t>(g.tensor(a).Bytes());
    std::vector<size_t> scratch;
    if (rng() % 4 == 0) scratch.push_back(kSizes[rng() % 5]);
    switch (rng() % 6) {
      case 0: {  // in-place unary, sometimes changing size or element type
        const int32_t out = rng() % 4 == 0 ? g.Tensor16(bytes / 2) : g.Tensor8(rng() % 4 == 0 ? kSizes[rng() % 5] : bytes);
        g.Op(kUnary, {a}, {out}, scratch);
        values.push_back(out);
        break;
      }
      case 1: {  // binary, either input may be overwritten
        const int32_t out = g.Tensor8(rng() % 2 ? bytes : static_cast<int32_t>(g.tensor(b).Bytes()));
        g.Op(kBinary, {a, rng() % 5 == 0 ? constant : b}, {out}, scratch);
        values.push_back(out);
        break;
      }
      case 2: {  // view
        const int32_t out = g.Tensor8(bytes);
        g.Op(kView, {a}, {out});
        values.push_back(out);
        break;
      }
      case 3: {  // two outputs
        const int32_t o1 = g.Tensor8(kSizes[rng() % 5]), o2 = g.Tensor8(kSizes[rng() % 5]);
        g.Op(kPlain, {a, b}, {o1, o2}, scratch);
        values.push_back(o1);
        values.push_back(o2);
        break;
      }
      case 4: {  // reads state
        const int32_t out = g.Tensor8(kSizes[rng() % 5]);
        g.Op(kPlain, {a, state}, {out}, scratch);
        values.push_back(out);
        break;
      }
      default: {
        const int32_t out = g.Tensor8(kSizes[rng() % 5]);
        g.Op(kPlain, {a}, {out}, scratch);
        values.push_back(out);
      }
    }
  }
  g.MarkOutput(values.back());
  for (size_t i = num_inputs; i + 1 < values.size(); ++i)
    if (rng() % 5 == 0) g.MarkOutput(values[i]);
}

// "" when `order` runs every op once, after the producers of its inputs, with ops touching
// state in model order.
std::string CheckOrder(const TestGraph& g, const std::vector<int32_t>& order) {
  std::vector<int> step(g.ops().size(), -1);
  for (size_t s = 0; s < order.size(); ++s) {
    if (order[s] < 0 || order[s] >= static_cast<int32_t>(step.size()) || step[order[s]] >= 0) return "not a permutation";
    step[order[s]] = static_cast<int>(s);
  }
  std::map<int32_t, int32_t> producer;
  for (size_t v = 0; v < g.ops().size(); ++v)
    for (int32_t t : g.ops()[v].outs) producer[t] = static_cast<int32_t>(v);
  for (int32_t v : order)
    for (int32_t t : g.ops()[v].ins)
      if (producer.count(t) && step[producer[t]] > step[v]) return "op " + std::to_string(v) + " runs before its input";
  auto reads_state = [&](size_t v) {
    for (int32_t t : g.ops()[v].ins)
      if (g.tensor(t).is_variable) return true;
    return false;
  };
  for (size_t a = 0; a < g.ops().size(); ++a)
    for (size_t b = a + 1; b < g.ops().size(); ++b)
      if (reads_state(a) && reads_state(b) && step[a] > step[b]) return "state ops out of model order";
  return "";
}

// Runs the plan on an arena of tagged cells: each op checks its inputs still hold their values,
// writes scratch and outputs, and checks nothing it needs was overwritten except an input it
// may write in place. Returns "" or the first violation.
std::string SimulateArena(const TestGraph& g, const Planned& p) {
  const int32_t num_tensors = static_cast<int32_t>(p.tensor_buffer.size());
  // A view's value is its input's value.
  std::vector<int32_t> value(num_tensors);
  std::iota(value.begin(), value.end(), 0);
  for (const auto& op : g.ops())
    if (op.kernel->output_views_input) value[op.outs[0]] = value[op.ins[0]];
  std::vector<int32_t> cells(p.arena + 1, -1);
  auto offset = [&](int32_t t) { return p.buffers[p.tensor_buffer[t]].offset; };
  auto planned = [&](int32_t t) { return t >= 0 && p.tensor_buffer[t] >= 0 && g.tensor(t).Bytes() > 0; };
  auto write = [&](size_t at, size_t bytes, int32_t tag) { std::fill(cells.begin() + at, cells.begin() + at + bytes, tag); };
  auto holds = [&](size_t at, size_t bytes, int32_t tag) {
    return std::all_of(cells.begin() + at, cells.begin() + at + bytes, [tag](int32_t c) { return c == tag; });
  };
  auto intact = [&](int32_t t) { return holds(offset(t), g.tensor(t).Bytes(), value[t]); };
  for (int32_t t : g.inputs())
    if (planned(t)) write(offset(t), g.tensor(t).Bytes(), value[t]);
  for (int32_t t : g.inputs())
    if (planned(t) && !intact(t)) return "graph inputs overlap";
  // Scratch buffers follow the tensor buffers, ops in model order.
  std::vector<size_t> scratch_at;
  int32_t b = static_cast<int32_t>(p.buffers.size());
  for (const auto& op : g.ops()) b -= static_cast<int32_t>(op.scratch.size());
  for (const auto& op : g.ops())
    for (size_t s = 0; s < op.scratch.size(); ++s) scratch_at.push_back(p.buffers[b++].offset);
  std::vector<size_t> first_scratch(g.ops().size() + 1, 0);
  for (size_t v = 0; v < g.ops().size(); ++v) first_scratch[v + 1] = first_scratch[v] + g.ops()[v].scratch.size();

  for (int32_t v : p.order) {
    const auto& op = g.ops()[v];
    const std::string where = "op " + std::to_string(v) + ": ";
    for (int32_t t : op.ins)
      if (planned(t) && !intact(t)) return where + "input " + std::to_string(t) + " was overwritten";
    for (size_t s = 0; s < op.scratch.size(); ++s)
      write(scratch_at[first_scratch[v] + s], op.scratch[s], -2 - static_cast<int32_t>(s));
    for (int32_t t : op.ins)
      if (planned(t) && !intact(t)) return where + "scratch overwrites input " + std::to_string(t);
    // A view that shares its input's memory writes nothing; anything else writes its outputs.
    const bool shared_view = op.kernel->output_views_input && offset(op.outs[0]) == offset(op.ins[0]);
    if (!shared_view)
      for (int32_t t : op.outs)
        if (planned(t)) write(offset(t), g.tensor(t).Bytes(), value[t]);
    for (int32_t t : op.outs)
      if (planned(t) && !intact(t)) return where + "outputs overlap";
    for (size_t s = 0; s < op.scratch.size(); ++s)
      if (!holds(scratch_at[first_scratch[v] + s], op.scratch[s], -2 - static_cast<int32_t>(s)))
        return where + "an output overwrites scratch";
    for (size_t k = 0; k < op.ins.size(); ++k) {
      const int32_t t = op.ins[k];
      if (!planned(t) || intact(t)) continue;
      const int32_t out = op.outs[0];
      const bool graph_input = std::count(g.inputs().begin(), g.inputs().end(), value[t]) > 0;
      const bool allowed = (op.kernel->in_place_inputs >> k & 1) && !graph_input && offset(t) == offset(out) &&
                           g.tensor(t).Bytes() == g.tensor(out).Bytes() &&
                           DTypeSize(g.tensor(t).type) == DTypeSize(g.tensor(out).type);
      if (!allowed) return where + "output overwrites input " + std::to_string(t) + " without in-place permission";
    }
  }
  for (int32_t t : g.outputs())
    if (planned(t) && !intact(t)) return "graph output " + std::to_string(t) + " was overwritten";
  return "";
}

// Smallest peak over every valid order, each planned by BuildPlanBuffers (brute force).
size_t BestPeakOverAllOrders(TestGraph& tg) {
  const GraphView g = tg.View();
  std::vector<int32_t> order(g.num_nodes);
  std::iota(order.begin(), order.end(), 0);
  std::vector<uint8_t> work(LifetimeWorkBytes(g));
  std::vector<PlanBuffer> buffers(MaxPlanBuffers(g));
  std::vector<int32_t> tensor_buffer(g.num_tensors);
  std::vector<uint8_t> model_work(ScheduleWorkBytes(g));
  size_t best = SIZE_MAX;
  do {
    if (!CheckOrder(tg, order).empty()) continue;
    int32_t count = 0;
    EXPECT_TRUE(BuildPlanBuffers(g, order.data(), buffers.data(), &count, tensor_buffer.data(), work.data(), work.size()).ok());
    const size_t lower_bound = PlanLowerBound(buffers.data(), count);
    size_t modelled = 0;
    EXPECT_TRUE(OrderPeak(g, order.data(), model_work.data(), model_work.size(), &modelled).ok());
    EXPECT_EQ(modelled, lower_bound) << "the search's live-bytes model disagrees with the buffers";
    best = std::min(best, lower_bound);
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

TEST(Schedule, RandomGraphsRunSafelyInAValidOrder) {
  std::mt19937 rng(7);
  int reordered = 0, shared_in_place = 0;
  for (int trial = 0; trial < 600; ++trial) {
    TestGraph g;
    BuildRandomGraph(rng, trial % 3 == 0 ? 7 : 14, g);
    const Planned p = PlanGraph(g);
    const std::string at = "trial " + std::to_string(trial);
    ASSERT_EQ(CheckOrder(g, p.order), "") << at;
    ASSERT_EQ(SimulateArena(g, p), "") << at;
    ASSERT_LE(p.schedule.peak, p.schedule.model_order_peak) << at;
    ASSERT_EQ(p.lower_bound, p.schedule.peak) << at << ": the search's live-bytes model disagrees with the buffers";
    ASSERT_GE(p.arena, p.lower_bound) << at;
    // Model order's buffers give the model-order peak the search started from.
    {
      const GraphView view = g.View();
      std::vector<uint8_t> work(LifetimeWorkBytes(view));
      std::vector<PlanBuffer> buffers(MaxPlanBuffers(view));
      std::vector<int32_t> tensor_buffer(view.num_tensors);
      int32_t count = 0;
      ASSERT_TRUE(BuildPlanBuffers(view, nullptr, buffers.data(), &count, tensor_buffer.data(), work.data(), work.size()).ok());
      ASSERT_EQ(PlanLowerBound(buffers.data(), count), p.schedule.model_order_peak) << at;
    }
    if (g.ops().size() <= 7 && p.schedule.search_complete) {
      ASSERT_EQ(p.schedule.peak, BestPeakOverAllOrders(g)) << at;
    }
    reordered += p.schedule.reordered;
    for (size_t v = 0; v < g.ops().size(); ++v)
      if (g.ops()[v].kernel->in_place_inputs && Share(p, g.ops()[v].ins[0], g.ops()[v].outs[0])) ++shared_in_place;
  }
  // Both features must have been exercised, or the checks above prove little.
  EXPECT_GT(reordered, 20);
  EXPECT_GT(shared_in_place, 50);
}

TEST(Schedule, RefusesTooLittleWorkMemory) {
  TestGraph tg;
  const int32_t t0 = tg.Input(16), t1 = tg.Tensor8(16);
  tg.Op(kPlain, {t0}, {t1});
  tg.MarkOutput(t1);
  const GraphView g = tg.View();
  std::vector<uint8_t> work(LifetimeWorkBytes(g) - 1);
  std::vector<PlanBuffer> buffers(MaxPlanBuffers(g));
  std::vector<int32_t> tensor_buffer(g.num_tensors), order(g.num_nodes);
  int32_t count = 0;
  EXPECT_EQ(BuildPlanBuffers(g, nullptr, buffers.data(), &count, tensor_buffer.data(), work.data(), work.size()).code(),
            StatusCode::kArenaTooSmall);
  ScheduleResult r;
  std::vector<uint8_t> small(ScheduleWorkBytes(g) - 1);
  EXPECT_EQ(ChooseSchedule(g, order.data(), small.data(), small.size(), &r).code(), StatusCode::kArenaTooSmall);
}

}  // namespace
}  // namespace mote
