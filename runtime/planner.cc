#include "runtime/planner.h"

namespace mote {
namespace {

size_t AlignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }

bool LifetimesOverlap(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_step <= b.last_step && b.first_step <= a.last_step;
}

int64_t Lifetime(const PlanBuffer& b) { return int64_t{b.last_step} - b.first_step + 1; }

// The greedy orders. Each key puts its buffers first; ties fall back to larger size, then
// earlier start, then lower index, so every order is total and plans are deterministic.
enum class Order : uint8_t { kLargest, kLongest, kLargestArea, kEarliest };
enum class Fit : uint8_t { kLowest, kTightest };

// Negative when buffer a goes before buffer b.
int Compare(const PlanBuffer* buffers, int32_t a, int32_t b, Order order) {
  const PlanBuffer& x = buffers[a];
  const PlanBuffer& y = buffers[b];
  auto desc = [](auto u, auto v) { return u > v ? -1 : (u < v ? 1 : 0); };
  int c = 0;
  switch (order) {
    case Order::kLargest: break;
    case Order::kLongest: c = desc(Lifetime(x), Lifetime(y)); break;
    // Both factors are below 2^31 (tensor bytes and step counts), so the product fits.
    case Order::kLargestArea:
      c = desc(static_cast<unsigned long long>(x.bytes) * static_cast<unsigned long long>(Lifetime(x)),
               static_cast<unsigned long long>(y.bytes) * static_cast<unsigned long long>(Lifetime(y)));
      break;
    case Order::kEarliest: c = desc(y.first_step, x.first_step); break;
  }
  if (c == 0) c = desc(x.bytes, y.bytes);
  if (c == 0) c = desc(y.first_step, x.first_step);
  if (c == 0) c = desc(b, a);
  return c;
}

// Insertion sort of 0..count-1 into `order` (n is small; no recursion, no heap).
void SortBuffers(const PlanBuffer* buffers, int32_t count, Order key, int32_t* order) {
  for (int32_t i = 0; i < count; ++i) {
    int32_t j = i;
    while (j > 0 && Compare(buffers, i, order[j - 1], key) < 0) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = i;
  }
}

// The lowest, or the tightest-gap, aligned offset where `b` fits among the placed buffers live
// at the same time as it. `by_offset` lists the placed buffers by ascending offset, so one pass
// sees every gap between the conflicting ones: [candidate, next conflicting offset).
size_t FindOffset(const PlanBuffer* buffers, const int32_t* by_offset, int32_t num_placed, const PlanBuffer& b,
                  Fit fit) {
  size_t candidate = 0;
  size_t tightest = SIZE_MAX;
  size_t tightest_gap = SIZE_MAX;
  for (int32_t i = 0; i < num_placed; ++i) {
    const PlanBuffer& p = buffers[by_offset[i]];
    if (p.bytes == 0 || !LifetimesOverlap(p, b)) continue;
    if (p.offset >= candidate && p.offset - candidate >= b.bytes) {
      if (fit == Fit::kLowest) return candidate;
      if (p.offset - candidate < tightest_gap) {
        tightest_gap = p.offset - candidate;
        tightest = candidate;
      }
    }
    const size_t end = AlignUp(p.offset + p.bytes, kPlanAlignment);
    if (end > candidate) candidate = end;
  }
  return tightest != SIZE_MAX ? tightest : candidate;
}

// Adds buffer `index` (offset already set) to the offset-sorted list.
void InsertByOffset(const PlanBuffer* buffers, int32_t* by_offset, int32_t num_placed, int32_t index) {
  int32_t j = num_placed;
  while (j > 0 && buffers[by_offset[j - 1]].offset > buffers[index].offset) {
    by_offset[j] = by_offset[j - 1];
    --j;
  }
  by_offset[j] = index;
}

void RemoveFromOffsetList(int32_t* by_offset, int32_t num_placed, int32_t index) {
  int32_t j = 0;
  while (j < num_placed && by_offset[j] != index) ++j;
  for (; j + 1 < num_placed; ++j) by_offset[j] = by_offset[j + 1];
}

// Places every buffer in `order` by `fit`; returns the aligned arena end.
size_t PlaceInOrder(PlanBuffer* buffers, int32_t count, const int32_t* order, Fit fit, int32_t* by_offset) {
  size_t end = 0;
  int32_t placed = 0;
  for (int32_t k = 0; k < count; ++k) {
    PlanBuffer& b = buffers[order[k]];
    if (b.bytes == 0) {
      b.offset = 0;
      continue;
    }
    b.offset = FindOffset(buffers, by_offset, placed, b, fit);
    InsertByOffset(buffers, by_offset, placed++, order[k]);
    if (b.offset + b.bytes > end) end = b.offset + b.bytes;
  }
  return AlignUp(end, kPlanAlignment);
}

// Branch and bound over placement orders. A plan found by placing buffers in ascending order of
// their offsets in an optimal plan, each at its lowest fitting offset, is no higher than that
// plan (each buffer lands at or below its optimal offset), so searching orders with lowest-fit
// placement is exact. Two cuts keep it small without losing the best order:
//  - two consecutive buffers whose lifetimes are disjoint give the same plan in either order:
//    only the one with the lower index goes first;
//  - of identical buffers (same size and lifetime) the lower index goes first.
// The bound: placing more buffers never lowers a buffer's lowest fitting offset, so each
// unplaced buffer will end at least at its lowest fit now.
class ExactSearch {
 public:
  ExactSearch(PlanBuffer* buffers, const int32_t* ids, int32_t n, int32_t* by_offset, uint8_t* placed,
              size_t* best_offsets, size_t best_arena, size_t floor, uint32_t budget)
      : buffers_(buffers), ids_(ids), n_(n), by_offset_(by_offset), placed_(placed), best_offsets_(best_offsets),
        best_arena_(best_arena), floor_(floor), budget_(budget) {}

  void Run() {
    for (int32_t i = 0; i < n_; ++i) placed_[i] = 0;
    Visit(-1, 0);
  }
  bool improved() const { return improved_; }
  bool complete() const { return !out_of_budget_; }
  uint32_t nodes() const { return nodes_; }
  size_t best_arena() const { return best_arena_; }

 private:
  bool Identical(int32_t a, int32_t b) const {
    const PlanBuffer& x = buffers_[ids_[a]];
    const PlanBuffer& y = buffers_[ids_[b]];
    return x.bytes == y.bytes && x.first_step == y.first_step && x.last_step == y.last_step;
  }
  // Whether child c may follow the previous choice in a canonical order.
  bool Canonical(int32_t c, int32_t previous) const {
    if (previous >= 0 && c < previous && !LifetimesOverlap(buffers_[ids_[c]], buffers_[ids_[previous]])) return false;
    for (int32_t d = 0; d < c; ++d)
      if (!placed_[d] && Identical(d, c)) return false;
    return true;
  }

  void Visit(int32_t previous, size_t end) {
    if (best_arena_ <= floor_) return;  // already optimal
    if (nodes_ >= budget_) {
      out_of_budget_ = true;
      return;
    }
    ++nodes_;
    if (depth_ == n_) {
      const size_t arena = AlignUp(end, kPlanAlignment);
      if (arena < best_arena_) {
        best_arena_ = arena;
        improved_ = true;
        for (int32_t i = 0; i < n_; ++i) best_offsets_[i] = buffers_[ids_[i]].offset;
      }
      return;
    }
    size_t bound = end;
    for (int32_t c = 0; c < n_; ++c) {
      if (placed_[c]) continue;
      const PlanBuffer& b = buffers_[ids_[c]];
      const size_t reach = FindOffset(buffers_, by_offset_, depth_, b, Fit::kLowest) + b.bytes;
      if (reach > bound) bound = reach;
    }
    if (AlignUp(bound, kPlanAlignment) >= best_arena_) return;
    // Children in id order: ids were sorted largest first, which finds good plans early.
    for (int32_t c = 0; c < n_ && best_arena_ > floor_; ++c) {
      if (placed_[c] || !Canonical(c, previous)) continue;
      PlanBuffer& b = buffers_[ids_[c]];
      b.offset = FindOffset(buffers_, by_offset_, depth_, b, Fit::kLowest);
      placed_[c] = 1;
      InsertByOffset(buffers_, by_offset_, depth_, ids_[c]);
      ++depth_;
      Visit(c, end > b.offset + b.bytes ? end : b.offset + b.bytes);
      --depth_;
      RemoveFromOffsetList(by_offset_, depth_ + 1, ids_[c]);
      placed_[c] = 0;
    }
  }

  PlanBuffer* buffers_;
  const int32_t* ids_;  // the non-empty buffers, largest first
  int32_t n_;
  int32_t* by_offset_;
  uint8_t* placed_;      // by position in ids_
  size_t* best_offsets_;  // by position in ids_
  size_t best_arena_;
  size_t floor_;
  uint32_t budget_;
  int32_t depth_ = 0;
  uint32_t nodes_ = 0;
  bool improved_ = false;
  bool out_of_budget_ = false;
};

// Work memory layout, carved from the caller's block.
struct Work {
  int32_t* order;
  int32_t* by_offset;
  size_t* best_offsets;    // the best heuristic plan, by buffer index
  size_t* search_offsets;  // the exact search's best plan, by position in its id list
  uint8_t* placed;
};

size_t WorkLayout(int32_t count, void* base, Work* w) {
  const size_t n = count > 0 ? static_cast<size_t>(count) : 0;
  uint8_t* p = static_cast<uint8_t*>(base);
  size_t used = 0;
  auto take = [&](size_t bytes, size_t align) {
    used = AlignUp(used, align);
    uint8_t* at = p ? p + used : nullptr;
    used += bytes;
    return at;
  };
  uint8_t* best = take(sizeof(size_t) * n, alignof(size_t));
  uint8_t* search = take(sizeof(size_t) * (n < kExactSearchMaxBuffers ? n : kExactSearchMaxBuffers), alignof(size_t));
  uint8_t* order = take(sizeof(int32_t) * n, alignof(int32_t));
  uint8_t* by_offset = take(sizeof(int32_t) * n, alignof(int32_t));
  uint8_t* placed = take(n, 1);
  if (w) {
    w->best_offsets = reinterpret_cast<size_t*>(best);
    w->search_offsets = reinterpret_cast<size_t*>(search);
    w->order = reinterpret_cast<int32_t*>(order);
    w->by_offset = reinterpret_cast<int32_t*>(by_offset);
    w->placed = placed;
  }
  return used + alignof(size_t);  // room to align the caller's base
}

}  // namespace

const char* PlanMethodName(PlanMethod m) {
  switch (m) {
    case PlanMethod::kLargestFirst: return "largest first";
    case PlanMethod::kLargestFirstBestFit: return "largest first, tightest gap";
    case PlanMethod::kLongestFirst: return "longest-lived first";
    case PlanMethod::kLongestFirstBestFit: return "longest-lived first, tightest gap";
    case PlanMethod::kLargestAreaFirst: return "largest size x lifetime first";
    case PlanMethod::kLargestAreaFirstBestFit: return "largest size x lifetime first, tightest gap";
    case PlanMethod::kEarliestFirst: return "earliest first";
    case PlanMethod::kEarliestFirstBestFit: return "earliest first, tightest gap";
    case PlanMethod::kExactSearch: return "exact search";
  }
  return "?";
}

size_t PlanWorkBytes(int32_t count) { return WorkLayout(count, nullptr, nullptr); }

Status PlanOffsets(PlanBuffer* buffers, int32_t count, void* work, size_t work_bytes, PlanResult* result,
                   uint32_t search_budget) {
  MOTE_ENSURE(count >= 0 && (count == 0 || buffers), kInvalidArgument, "no buffers to plan");
  MOTE_ENSURE(work_bytes >= PlanWorkBytes(count) && (count == 0 || work), kArenaTooSmall,
              "planner work memory too small");
  const uintptr_t misalign = reinterpret_cast<uintptr_t>(work) % alignof(size_t);
  Work w;
  WorkLayout(count, static_cast<uint8_t*>(work) + (misalign ? alignof(size_t) - misalign : 0), &w);

  PlanResult r;
  r.lower_bound = PlanLowerBound(buffers, count);
  const size_t floor = AlignUp(r.lower_bound, kPlanAlignment);
  r.arena_bytes = SIZE_MAX;
  static constexpr Order kOrders[] = {Order::kLargest, Order::kLongest, Order::kLargestArea, Order::kEarliest};
  static constexpr Fit kFits[] = {Fit::kLowest, Fit::kTightest};
  for (int k = 0; k < 4 && r.arena_bytes > floor; ++k) {
    SortBuffers(buffers, count, kOrders[k], w.order);
    for (const Fit fit : kFits) {
      const size_t arena = PlaceInOrder(buffers, count, w.order, fit, w.by_offset);
      if (arena >= r.arena_bytes) continue;
      r.arena_bytes = arena;
      r.method = static_cast<PlanMethod>(2 * k + (fit == Fit::kTightest ? 1 : 0));
      for (int32_t i = 0; i < count; ++i) w.best_offsets[i] = buffers[i].offset;
      if (arena <= floor) break;
    }
  }
  if (count == 0) r.arena_bytes = 0;

  // The non-empty buffers, largest first, for the exact search.
  int32_t n = 0;
  SortBuffers(buffers, count, Order::kLargest, w.order);
  for (int32_t i = 0; i < count; ++i)
    if (buffers[w.order[i]].bytes > 0) w.order[n++] = w.order[i];
  for (int32_t i = 0; i < count; ++i) buffers[i].offset = w.best_offsets[i];

  if (r.arena_bytes > floor && n <= kExactSearchMaxBuffers && search_budget > 0) {
    ExactSearch search(buffers, w.order, n, w.by_offset, w.placed, w.search_offsets, r.arena_bytes, floor,
                       search_budget);
    search.Run();
    r.searched = true;
    r.search_complete = search.complete();
    r.search_nodes = search.nodes();
    for (int32_t i = 0; i < count; ++i) buffers[i].offset = w.best_offsets[i];
    if (search.improved()) {
      r.arena_bytes = search.best_arena();
      r.method = PlanMethod::kExactSearch;
      for (int32_t i = 0; i < n; ++i) buffers[w.order[i]].offset = w.search_offsets[i];
    }
  }
  *result = r;
  return Status::Ok();
}

size_t PlanLowerBound(const PlanBuffer* buffers, int32_t count) {
  // The live sum only grows where a buffer starts: checking the buffers' first steps suffices.
  size_t best = 0;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t step = buffers[i].first_step;
    size_t live = 0;
    for (int32_t j = 0; j < count; ++j)
      if (buffers[j].first_step <= step && step <= buffers[j].last_step) live += buffers[j].bytes;
    if (live > best) best = live;
  }
  return best;
}

}  // namespace mote
