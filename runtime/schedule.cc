#include "runtime/schedule.h"

namespace mote {
namespace {

constexpr uint8_t kTouched = 1;     // some op or the graph reads or writes it
constexpr uint8_t kPinned = 2;      // a graph output: lives to the end
constexpr uint8_t kGraphInput = 4;  // the caller's input: no op writes over it in place
constexpr uint8_t kLagInput = 8;    // a streaming op's input, at its lag inside the pair's buffer
constexpr uint8_t kLagOutput = 16;  // that op's output, at the start of the pair's buffer
constexpr uint8_t kLagged = kLagInput | kLagOutput;
// Group flags that keep an elementwise op from writing over the group (a lagged pair's buffer
// is not one tensor's layout).
constexpr uint8_t kNoInPlace = kPinned | kGraphInput | kLagged;

bool IsActivation(const Tensor& t) { return !t.is_constant && !t.is_variable; }

// Typed arrays carved one after another from caller memory; with a null base it only counts.
class Carver {
 public:
  explicit Carver(void* base) : base_(static_cast<uint8_t*>(base)) {}
  template <typename T>
  T* Take(int32_t n) {
    used_ = (used_ + alignof(T) - 1) / alignof(T) * alignof(T);
    T* p = base_ ? reinterpret_cast<T*>(base_ + used_) : nullptr;
    used_ += sizeof(T) * static_cast<size_t>(n > 0 ? n : 0);
    return p;
  }
  size_t used() const { return used_; }

 private:
  uint8_t* base_;
  size_t used_ = 0;
};

// Caller work memory aligned for any array the carvers take; counts the alignment slack.
constexpr size_t kWorkAlign = alignof(size_t) > alignof(int32_t) ? alignof(size_t) : alignof(int32_t);
void* AlignWork(void* work) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(work);
  return reinterpret_cast<void*>((p + kWorkAlign - 1) / kWorkAlign * kWorkAlign);
}

int32_t Find(int32_t* parent, int32_t t) {
  while (parent[t] != t) {
    parent[t] = parent[parent[t]];
    t = parent[t];
  }
  return t;
}

// Joins two groups under the lower root, so the result does not depend on the order of joins.
int32_t Join(int32_t* parent, int32_t a, int32_t b) {
  a = Find(parent, a);
  b = Find(parent, b);
  if (b < a) {
    const int32_t t = a;
    a = b;
    b = t;
  }
  parent[b] = a;
  return a;
}

int32_t Input(const Node& n, int k) { return n.input_indices[k]; }
int32_t Output(const Node& n, int k) { return n.output_indices[k]; }

// Which tensors get memory and which must survive to the end.
void MarkTensors(const GraphView& g, uint8_t* flags) {
  for (int32_t t = 0; t < g.num_tensors; ++t) flags[t] = 0;
  auto mark = [&](int32_t t, uint8_t f) {
    if (t >= 0 && IsActivation(g.tensors[t])) flags[t] |= f;
  };
  for (int32_t i = 0; i < g.num_inputs; ++i) mark(g.inputs[i], kTouched | kGraphInput);
  for (int32_t i = 0; i < g.num_outputs; ++i) mark(g.outputs[i], kTouched | kPinned);
  for (int32_t v = 0; v < g.num_nodes; ++v) {
    const Node& n = g.nodes[v];
    for (int k = 0; k < n.ctx.num_inputs_; ++k) mark(Input(n, k), kTouched);
    for (int k = 0; k < n.ctx.num_outputs_; ++k) mark(Output(n, k), kTouched);
  }
}

// The view op `n` joins its output to its input's group (both planned, same bytes).
bool JoinsView(const GraphView& g, const Node& n, const uint8_t* flags) {
  if (!n.kernel->output_views_input || n.ctx.num_inputs_ < 1 || n.ctx.num_outputs_ < 1) return false;
  const int32_t in = Input(n, 0);
  const int32_t out = Output(n, 0);
  return in >= 0 && (flags[in] & kTouched) && (flags[out] & kTouched) &&
         g.tensors[in].Bytes() == g.tensors[out].Bytes();
}

void JoinViews(const GraphView& g, const uint8_t* flags, int32_t* parent) {
  for (int32_t t = 0; t < g.num_tensors; ++t) parent[t] = t;
  for (int32_t v = 0; v < g.num_nodes; ++v)
    if (JoinsView(g, g.nodes[v], flags)) Join(parent, Input(g.nodes[v], 0), Output(g.nodes[v], 0));
}

bool TouchesView(const GraphView& g, int32_t t, const uint8_t* flags) {
  for (int32_t v = 0; v < g.num_nodes; ++v)
    if (JoinsView(g, g.nodes[v], flags) && (Input(g.nodes[v], 0) == t || Output(g.nodes[v], 0) == t)) return true;
  return false;
}

int32_t ReaderCount(const GraphView& g, int32_t t) {
  int32_t count = 0;
  for (int32_t v = 0; v < g.num_nodes; ++v)
    for (int k = 0; k < g.nodes[v].ctx.num_inputs_; ++k) count += Input(g.nodes[v], k) == t;
  return count;
}

// Streaming ops (OpKernel::stream_lag) whose input has no other reader share one buffer with
// their output: output at offset 0, input at the lag. Each tensor joins at most one pair, and
// none that is a view, a graph input or output, so the pairs do not depend on the op order.
// `offset[t]`: tensor t's offset inside its group's buffer (0 unless a lagged input).
void JoinLags(const GraphView& g, uint8_t* flags, int32_t* parent, size_t* offset) {
  for (int32_t t = 0; t < g.num_tensors; ++t) offset[t] = 0;
  if (!g.stream_lags) return;
  for (int32_t v = 0; v < g.num_nodes; ++v) {
    const Node& n = g.nodes[v];
    if (!n.kernel->stream_lag || n.ctx.num_inputs_ < 1 || n.ctx.num_outputs_ < 1) continue;
    const int32_t in = Input(n, 0);
    const int32_t out = Output(n, 0);
    if (in < 0 || !(flags[in] & kTouched) || !(flags[out] & kTouched)) continue;
    if ((flags[in] | flags[out]) & (kPinned | kGraphInput | kLagged)) continue;
    if (ReaderCount(g, in) != 1 || TouchesView(g, in, flags) || TouchesView(g, out, flags)) continue;
    size_t lag = 0;
    if (!n.kernel->stream_lag(n.ctx, &lag)) continue;
    // Only worth it when the pair is smaller than the two apart.
    if (lag >= g.tensors[out].Bytes()) continue;
    Join(parent, in, out);
    flags[in] |= kLagInput;
    flags[out] |= kLagOutput;
    offset[in] = lag;
  }
}

// Bytes of each group's buffer, at its root: the furthest member end.
void GroupBytes(const GraphView& g, const uint8_t* flags, int32_t* parent, const size_t* offset, size_t* bytes) {
  for (int32_t t = 0; t < g.num_tensors; ++t) bytes[t] = 0;
  for (int32_t t = 0; t < g.num_tensors; ++t) {
    if (!(flags[t] & kTouched)) continue;
    const int32_t root = Find(parent, t);
    const size_t end = offset[t] + g.tensors[t].Bytes();
    if (end > bytes[root]) bytes[root] = end;
  }
}

// Input `in` may hold output `out` element for element: same bytes and element size.
bool SameLayout(const Tensor& in, const Tensor& out) {
  return in.Bytes() == out.Bytes() && DTypeSize(in.type) == DTypeSize(out.type);
}

bool TouchesState(const GraphView& g, const Node& n) {
  for (int k = 0; k < n.ctx.num_inputs_; ++k)
    if (Input(n, k) >= 0 && g.tensors[Input(n, k)].is_variable) return true;
  for (int k = 0; k < n.ctx.num_outputs_; ++k)
    if (g.tensors[Output(n, k)].is_variable) return true;
  return false;
}

bool Reads(const Node& reader, int32_t tensor) {
  for (int k = 0; k < reader.ctx.num_inputs_; ++k)
    if (Input(reader, k) == tensor) return true;
  return false;
}

size_t ScratchBytes(const Node& n) {
  size_t total = 0;
  for (int s = 0; s < n.ctx.num_scratch_; ++s) total += n.ctx.scratch_bytes_[s];
  return total;
}

// ---- the live-bytes model the order search runs ------------------------------------------------

// Running ops one at a time and tracking the bytes alive, with the same sharing rules as
// BuildPlanBuffers, so that a step's live bytes equal the sum PlanLowerBound sees at that step.
class LiveModel {
 public:
  LiveModel(const GraphView& g, void* work) : g_(g) {
    Carver c(work);
    Layout(c);
  }
  static size_t WorkBytes(const GraphView& g) {
    LiveModel m(g);
    Carver c(nullptr);
    m.Layout(c);
    return c.used();
  }

  void Init() {
    MarkTensors(g_, flags_);
    JoinViews(g_, flags_, parent_);
    JoinLags(g_, flags_, parent_, offset_);
    GroupBytes(g_, flags_, parent_, offset_, group_bytes_);
    for (int32_t t = 0; t < g_.num_tensors; ++t) {
      producer_[t] = -1;
      group_producer_[t] = kUnset;
      reads_left_[t] = 0;
    }
    int32_t previous_stateful = -1;
    for (int32_t v = 0; v < g_.num_nodes; ++v) {
      const Node& n = g_.nodes[v];
      for (int k = 0; k < n.ctx.num_outputs_; ++k)
        if (!g_.tensors[Output(n, k)].is_variable) producer_[Output(n, k)] = v;
      const bool stateful = TouchesState(g_, n);
      prev_stateful_[v] = stateful ? previous_stateful : -1;
      if (stateful) previous_stateful = v;
      executed_[v] = 0;
    }
    // A group is allocated by the op that writes its one member that is neither a view nor a
    // lagged output (or holds a graph input from the start); pinned when any member is a graph
    // output.
    for (int32_t t = 0; t < g_.num_tensors; ++t) {
      if (!(flags_[t] & kTouched)) continue;
      const int32_t root = Find(parent_, t);
      flags_[root] |= flags_[t] & kNoInPlace;
      const int32_t p = producer_[t];
      if (p >= 0 && JoinsView(g_, g_.nodes[p], flags_) && Output(g_.nodes[p], 0) == t) continue;
      if (flags_[t] & kLagOutput) continue;
      group_producer_[root] = p;
    }
    for (int32_t v = 0; v < g_.num_nodes; ++v)
      for (int k = 0; k < g_.nodes[v].ctx.num_inputs_; ++k) {
        const int32_t group = InputGroup(v, k);
        if (group >= 0) ++reads_left_[group];
      }
    initial_live_ = 0;
    unread_input_bytes_ = 0;
    for (int32_t t = 0; t < g_.num_tensors; ++t) {
      if (!(flags_[t] & kTouched) || Find(parent_, t) != t || group_producer_[t] != -1) continue;
      initial_live_ += Bytes(t);
      if (reads_left_[t] == 0 && !(flags_[t] & kPinned)) unread_input_bytes_ += Bytes(t);
    }
    live_ = initial_live_;
  }

  bool Ready(int32_t v) const {
    if (executed_[v]) return false;
    const Node& n = g_.nodes[v];
    for (int k = 0; k < n.ctx.num_inputs_; ++k) {
      const int32_t t = Input(n, k);
      if (t >= 0 && producer_[t] >= 0 && !executed_[producer_[t]]) return false;
    }
    return prev_stateful_[v] < 0 || executed_[prev_stateful_[v]];
  }

  // Runs op v as step `step`; returns the bytes alive during the step (scratch included).
  size_t Apply(int32_t v, int32_t step) {
    const Node& n = g_.nodes[v];
    size_t fresh = 0;
    for (int k = 0; k < n.ctx.num_outputs_; ++k) {
      const int32_t group = FreshOutputGroup(v, k);
      if (group >= 0) fresh += Bytes(group);
    }
    const int32_t taken = InPlaceInputGroup(v);
    if (taken >= 0) fresh -= Bytes(FreshOutputGroup(v, 0));
    const size_t during = live_ + fresh + ScratchBytes(n);
    live_ += fresh;
    for (int k = 0; k < n.ctx.num_inputs_; ++k) {
      const int32_t group = InputGroup(v, k);
      if (group < 0) continue;
      if (--reads_left_[group] == 0 && !(flags_[group] & kPinned) && group != taken) live_ -= Bytes(group);
    }
    for (int k = 0; k < n.ctx.num_outputs_; ++k) {
      const int32_t group = FreshOutputGroup(v, k);
      if (group >= 0 && reads_left_[group] == 0 && !(flags_[group] & kPinned)) live_ -= Bytes(group);
    }
    if (step == 0) live_ -= unread_input_bytes_;
    executed_[v] = 1;
    return during;
  }

  // Takes back Apply(v, ...); the caller restores live bytes it saved before.
  void Undo(int32_t v, size_t live_before) {
    for (int k = 0; k < g_.nodes[v].ctx.num_inputs_; ++k) {
      const int32_t group = InputGroup(v, k);
      if (group >= 0) ++reads_left_[group];
    }
    executed_[v] = 0;
    live_ = live_before;
  }

  // Live bytes during the op whatever the order: what it reads and writes, less an in-place
  // share if one is possible, plus scratch. The largest over all ops bounds any order's peak.
  size_t OpFloor(int32_t v) const {
    const Node& n = g_.nodes[v];
    size_t bytes = ScratchBytes(n);
    for (int k = 0; k < n.ctx.num_inputs_; ++k)
      if (InputGroup(v, k) >= 0) bytes += Bytes(InputGroup(v, k));
    size_t share = 0;
    for (int k = 0; k < n.ctx.num_outputs_; ++k) {
      const int32_t group = FreshOutputGroup(v, k);
      if (group < 0) continue;
      bytes += Bytes(group);
      if (k == 0 && MayTakeInPlace(v)) share = Bytes(group);
    }
    return bytes - share;
  }

  size_t live() const { return live_; }
  size_t initial_live() const { return initial_live_; }
  int32_t* path() const { return path_; }
  int32_t* tried() const { return tried_; }
  size_t* saved_live() const { return saved_live_; }
  size_t* saved_peak() const { return saved_peak_; }

 private:
  static constexpr int32_t kUnset = -2;
  explicit LiveModel(const GraphView& g) : g_(g) {}

  void Layout(Carver& c) {
    parent_ = c.Take<int32_t>(g_.num_tensors);
    producer_ = c.Take<int32_t>(g_.num_tensors);
    group_producer_ = c.Take<int32_t>(g_.num_tensors);
    reads_left_ = c.Take<int32_t>(g_.num_tensors);
    prev_stateful_ = c.Take<int32_t>(g_.num_nodes);
    path_ = c.Take<int32_t>(g_.num_nodes);
    tried_ = c.Take<int32_t>(g_.num_nodes + 1);
    saved_live_ = c.Take<size_t>(g_.num_nodes);
    saved_peak_ = c.Take<size_t>(g_.num_nodes);
    offset_ = c.Take<size_t>(g_.num_tensors);
    group_bytes_ = c.Take<size_t>(g_.num_tensors);
    flags_ = c.Take<uint8_t>(g_.num_tensors);
    executed_ = c.Take<uint8_t>(g_.num_nodes);
  }

  size_t Bytes(int32_t group) const { return group_bytes_[group]; }

  // Input k's group, or -1 when it has none or an earlier input of the op is in the same group
  // (an op reads each group once).
  int32_t InputGroup(int32_t v, int k) const {
    const Node& n = g_.nodes[v];
    const int32_t t = Input(n, k);
    if (t < 0 || !(flags_[t] & kTouched)) return -1;
    const int32_t group = Find(parent_, t);
    for (int j = 0; j < k; ++j) {
      const int32_t u = Input(n, j);
      if (u >= 0 && (flags_[u] & kTouched) && Find(parent_, u) == group) return -1;
    }
    return group;
  }

  // Output k's group when op v allocates it, else -1.
  int32_t FreshOutputGroup(int32_t v, int k) const {
    const int32_t t = Output(g_.nodes[v], k);
    if (!(flags_[t] & kTouched)) return -1;
    const int32_t group = Find(parent_, t);
    return group_producer_[group] == v ? group : -1;
  }

  // Whether some input of op v could ever hold its output in place (order aside).
  bool MayTakeInPlace(int32_t v) const {
    const Node& n = g_.nodes[v];
    if (!n.kernel->in_place_inputs || FreshOutputGroup(v, 0) < 0) return false;
    if (flags_[Output(n, 0)] & kLagged) return false;
    for (int k = 0; k < n.ctx.num_inputs_ && k < 8; ++k) {
      const int32_t t = Input(n, k);
      if ((n.kernel->in_place_inputs >> k & 1) && t >= 0 && (flags_[t] & kTouched) &&
          !(flags_[Find(parent_, t)] & kNoInPlace) && SameLayout(g_.tensors[t], g_.tensors[Output(n, 0)]))
        return true;
    }
    return false;
  }

  // The input group op v writes its output over now, or -1: the first allowed input whose
  // group no later op reads and that holds no graph input or output.
  int32_t InPlaceInputGroup(int32_t v) const {
    if (!MayTakeInPlace(v)) return -1;
    const Node& n = g_.nodes[v];
    const int32_t out_group = FreshOutputGroup(v, 0);
    for (int k = 0; k < n.ctx.num_inputs_ && k < 8; ++k) {
      const int32_t t = Input(n, k);
      if (!(n.kernel->in_place_inputs >> k & 1) || t < 0 || !(flags_[t] & kTouched)) continue;
      const int32_t group = Find(parent_, t);
      if (group != out_group && reads_left_[group] == 1 && !(flags_[group] & kNoInPlace) &&
          SameLayout(g_.tensors[t], g_.tensors[Output(n, 0)]))
        return group;
    }
    return -1;
  }

  const GraphView& g_;
  int32_t* parent_ = nullptr;
  int32_t* producer_ = nullptr;        // op writing each tensor, -1 for none or state
  int32_t* group_producer_ = nullptr;  // per group root: op allocating it, -1 = a graph input
  int32_t* reads_left_ = nullptr;      // per group root: ops still to read it
  int32_t* prev_stateful_ = nullptr;   // per op: the previous op touching state, or -1
  int32_t* path_ = nullptr;            // search: op chosen at each step
  int32_t* tried_ = nullptr;           // search: last op tried at each step
  size_t* saved_live_ = nullptr;
  size_t* saved_peak_ = nullptr;
  size_t* offset_ = nullptr;       // per tensor: offset inside its group's buffer
  size_t* group_bytes_ = nullptr;  // per group root: its buffer's bytes
  uint8_t* flags_ = nullptr;
  uint8_t* executed_ = nullptr;
  size_t live_ = 0;
  size_t initial_live_ = 0;
  size_t unread_input_bytes_ = 0;  // graph inputs no op reads: alive during step 0 only
};

}  // namespace

bool ScheduleIsFixed(const GraphView& g) {
  for (int32_t v = 1; v < g.num_nodes; ++v) {
    const Node& prev = g.nodes[v - 1];
    const Node& cur = g.nodes[v];
    bool depends = TouchesState(g, prev) && TouchesState(g, cur);
    for (int k = 0; k < prev.ctx.num_outputs_ && !depends; ++k) depends = Reads(cur, Output(prev, k));
    if (!depends) return false;
  }
  return true;
}

size_t ScheduleWorkBytes(const GraphView& g) { return LiveModel::WorkBytes(g) + kWorkAlign; }

Status ChooseSchedule(const GraphView& g, int32_t* order, void* work, size_t work_bytes, ScheduleResult* result,
                      uint32_t budget) {
  MOTE_ENSURE(work && work_bytes >= ScheduleWorkBytes(g), kArenaTooSmall, "schedule work memory too small");
  LiveModel m(g, AlignWork(work));
  m.Init();
  ScheduleResult r;
  // Model order first: the order to beat.
  for (int32_t v = 0; v < g.num_nodes; ++v) {
    m.saved_live()[v] = m.live();
    const size_t during = m.Apply(v, v);
    if (during > r.model_order_peak) r.model_order_peak = during;
    order[v] = v;
  }
  for (int32_t v = g.num_nodes - 1; v >= 0; --v) m.Undo(v, m.saved_live()[v]);
  if (g.num_nodes == 0) r.model_order_peak = m.initial_live();
  r.peak = r.model_order_peak;

  size_t floor = 0;
  for (int32_t v = 0; v < g.num_nodes; ++v)
    if (m.OpFloor(v) > floor) floor = m.OpFloor(v);
  if (!ScheduleIsFixed(g) && r.peak > floor && budget > 0) {
    // Depth-first over orders: at each step try the ready ops in index order; a branch whose
    // peak already reaches the best is cut.
    r.searched = true;
    int32_t* path = m.path();
    int32_t* tried = m.tried();
    size_t* saved_live = m.saved_live();
    size_t* saved_peak = m.saved_peak();
    int32_t depth = 0;
    size_t peak = 0;
    tried[0] = -1;
    bool out_of_budget = false;
    while (depth >= 0 && r.peak > floor) {
      if (depth == g.num_nodes) {
        if (peak < r.peak) {
          r.peak = peak;
          for (int32_t s = 0; s < g.num_nodes; ++s) order[s] = path[s];
        }
      } else {
        int32_t v = tried[depth] + 1;
        while (v < g.num_nodes && !m.Ready(v)) ++v;
        if (v < g.num_nodes) {
          tried[depth] = v;
          if (r.search_nodes >= budget) {
            out_of_budget = true;
            break;
          }
          ++r.search_nodes;
          saved_live[depth] = m.live();
          saved_peak[depth] = peak;
          const size_t during = m.Apply(v, depth);
          if ((during > peak ? during : peak) >= r.peak) {
            m.Undo(v, saved_live[depth]);
            continue;
          }
          if (during > peak) peak = during;
          path[depth++] = v;
          tried[depth] = -1;
          continue;
        }
      }
      // Done with this step: back to the previous one, which tries its next op.
      if (--depth >= 0) {
        m.Undo(path[depth], saved_live[depth]);
        peak = saved_peak[depth];
      }
    }
    r.search_complete = !out_of_budget;
  }
  for (int32_t s = 0; s < g.num_nodes && !r.reordered; ++s) r.reordered = order[s] != s;
  *result = r;
  return Status::Ok();
}

Status OrderPeak(const GraphView& g, const int32_t* order, void* work, size_t work_bytes, size_t* peak) {
  MOTE_ENSURE(work && work_bytes >= ScheduleWorkBytes(g), kArenaTooSmall, "schedule work memory too small");
  LiveModel m(g, AlignWork(work));
  m.Init();
  *peak = m.initial_live();
  if (g.num_nodes > 0) *peak = 0;
  for (int32_t s = 0; s < g.num_nodes; ++s) {
    const size_t during = m.Apply(order[s], s);
    if (during > *peak) *peak = during;
  }
  return Status::Ok();
}

int32_t MaxPlanBuffers(const GraphView& g) {
  int32_t count = 0;
  for (int32_t t = 0; t < g.num_tensors; ++t)
    if (IsActivation(g.tensors[t])) ++count;
  for (int32_t v = 0; v < g.num_nodes; ++v) count += g.nodes[v].ctx.num_scratch_;
  return count;
}

namespace {

struct LifetimeWork {
  int32_t* parent;
  int32_t* first;  // per tensor, then per group root: first and last step touching it
  int32_t* last;
  int32_t* step_of;  // per op: the step it runs at
  size_t* offset;    // per tensor: offset inside its group's buffer
  size_t* bytes;     // per group root: its buffer's bytes
  uint8_t* flags;
};

size_t LayoutLifetimeWork(const GraphView& g, void* base, LifetimeWork* w) {
  Carver c(base);
  LifetimeWork l;
  l.parent = c.Take<int32_t>(g.num_tensors);
  l.first = c.Take<int32_t>(g.num_tensors);
  l.last = c.Take<int32_t>(g.num_tensors);
  l.step_of = c.Take<int32_t>(g.num_nodes);
  l.offset = c.Take<size_t>(g.num_tensors);
  l.bytes = c.Take<size_t>(g.num_tensors);
  l.flags = c.Take<uint8_t>(g.num_tensors);
  if (w) *w = l;
  return c.used();
}

// Widens group `root`'s lifetime and flags by member t's.
void FoldInto(const LifetimeWork& w, int32_t root, int32_t t) {
  if (w.first[t] < w.first[root]) w.first[root] = w.first[t];
  if (w.last[t] > w.last[root]) w.last[root] = w.last[t];
  w.flags[root] |= w.flags[t] & kNoInPlace;
}

// Op `v` at `step` writes output 0 over the first allowed input that dies there.
void JoinInPlace(const GraphView& g, const LifetimeWork& w, int32_t v, int32_t step) {
  const Node& n = g.nodes[v];
  if (!n.kernel->in_place_inputs || n.ctx.num_outputs_ < 1) return;
  const int32_t out = Output(n, 0);
  if (!(w.flags[out] & kTouched) || (w.flags[out] & kLagged)) return;
  const int32_t out_group = Find(w.parent, out);
  for (int k = 0; k < n.ctx.num_inputs_ && k < 8; ++k) {
    const int32_t t = Input(n, k);
    if (!(n.kernel->in_place_inputs >> k & 1) || t < 0 || !(w.flags[t] & kTouched)) continue;
    const int32_t group = Find(w.parent, t);
    if (group == out_group || w.last[group] != step || (w.flags[group] & kNoInPlace) ||
        !SameLayout(g.tensors[t], g.tensors[out]))
      continue;
    const int32_t root = Join(w.parent, group, out_group);
    FoldInto(w, root, root == group ? out_group : group);
    return;
  }
}

}  // namespace

size_t LifetimeWorkBytes(const GraphView& g) { return LayoutLifetimeWork(g, nullptr, nullptr) + kWorkAlign; }

Status BuildPlanBuffers(const GraphView& g, const int32_t* order, PlanBuffer* buffers, int32_t* num_buffers,
                        int32_t* tensor_buffer, void* work, size_t work_bytes, size_t* tensor_offset) {
  MOTE_ENSURE(work && work_bytes >= LifetimeWorkBytes(g), kArenaTooSmall, "lifetime work memory too small");
  LifetimeWork w;
  LayoutLifetimeWork(g, AlignWork(work), &w);
  MarkTensors(g, w.flags);
  const int32_t last_step = g.num_nodes > 0 ? g.num_nodes - 1 : 0;
  for (int32_t t = 0; t < g.num_tensors; ++t) {
    w.first[t] = INT32_MAX;
    w.last[t] = -1;
  }
  auto touch = [&](int32_t t, int32_t step) {
    if (t < 0 || !(w.flags[t] & kTouched)) return;
    if (step < w.first[t]) w.first[t] = step;
    if (step > w.last[t]) w.last[t] = step;
  };
  for (int32_t i = 0; i < g.num_inputs; ++i) touch(g.inputs[i], 0);
  for (int32_t s = 0; s < g.num_nodes; ++s) {
    const int32_t v = order ? order[s] : s;
    const Node& n = g.nodes[v];
    w.step_of[v] = s;
    for (int k = 0; k < n.ctx.num_inputs_; ++k) touch(Input(n, k), s);
    for (int k = 0; k < n.ctx.num_outputs_; ++k) touch(Output(n, k), s);
  }
  for (int32_t i = 0; i < g.num_outputs; ++i) touch(g.outputs[i], last_step);

  JoinViews(g, w.flags, w.parent);
  JoinLags(g, w.flags, w.parent, w.offset);
  for (int32_t t = 0; t < g.num_tensors; ++t)
    if (w.flags[t] & kTouched) FoldInto(w, Find(w.parent, t), t);
  for (int32_t s = 0; s < g.num_nodes; ++s) JoinInPlace(g, w, order ? order[s] : s, s);
  GroupBytes(g, w.flags, w.parent, w.offset, w.bytes);

  int32_t count = 0;
  for (int32_t t = 0; t < g.num_tensors; ++t) tensor_buffer[t] = -1;
  for (int32_t t = 0; t < g.num_tensors; ++t) {
    if (!(w.flags[t] & kTouched)) continue;
    const int32_t root = Find(w.parent, t);
    if (tensor_buffer[root] < 0) {
      PlanBuffer& b = buffers[count];
      b = PlanBuffer();
      b.bytes = w.bytes[root];
      b.first_step = w.first[root];
      b.last_step = w.last[root];
      tensor_buffer[root] = count++;
    }
    tensor_buffer[t] = tensor_buffer[root];
    if (tensor_offset) tensor_offset[t] = w.offset[t];
  }
  for (int32_t v = 0; v < g.num_nodes; ++v)
    for (int s = 0; s < g.nodes[v].ctx.num_scratch_; ++s) {
      PlanBuffer& b = buffers[count++];
      b = PlanBuffer();
      b.bytes = g.nodes[v].ctx.scratch_bytes_[s];
      b.first_step = b.last_step = w.step_of[v];
    }
  *num_buffers = count;
  return Status::Ok();
}

}  // namespace mote
