#include "runtime/planner.h"

namespace mote {
namespace {

size_t AlignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }

bool LifetimesOverlap(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_step <= b.last_step && b.first_step <= a.last_step;
}

}  // namespace

size_t GreedyPlan(PlanBuffer* buffers, int32_t count, int32_t* order) {
  // Insertion sort by size, descending; ties keep schedule order so plans are deterministic.
  for (int32_t i = 0; i < count; ++i) {
    int32_t j = i;
    while (j > 0 && buffers[order[j - 1]].bytes < buffers[i].bytes) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = i;
  }
  size_t arena_end = 0;
  for (int32_t k = 0; k < count; ++k) {
    PlanBuffer& b = buffers[order[k]];
    // Find the lowest offset where b fits among placed, time-overlapping buffers. Candidates are
    // 0 and the (aligned) end of each conflicting buffer.
    size_t best = SIZE_MAX;
    for (int32_t c = -1; c < k; ++c) {
      const size_t candidate =
          c < 0 ? 0 : AlignUp(buffers[order[c]].offset + buffers[order[c]].bytes, kPlanAlignment);
      if (c >= 0 && !LifetimesOverlap(buffers[order[c]], b)) continue;
      if (candidate >= best) continue;
      bool fits = true;
      for (int32_t p = 0; p < k && fits; ++p) {
        const PlanBuffer& placed = buffers[order[p]];
        if (!LifetimesOverlap(placed, b)) continue;
        fits = candidate + b.bytes <= placed.offset || placed.offset + placed.bytes <= candidate;
      }
      if (fits) best = candidate;
    }
    b.offset = best;
    if (best + b.bytes > arena_end) arena_end = best + b.bytes;
  }
  return AlignUp(arena_end, kPlanAlignment);
}

size_t PlanLowerBound(const PlanBuffer* buffers, int32_t count, int32_t num_steps) {
  size_t best = 0;
  for (int32_t step = 0; step < num_steps; ++step) {
    size_t live = 0;
    for (int32_t i = 0; i < count; ++i)
      if (buffers[i].first_step <= step && step <= buffers[i].last_step) live += buffers[i].bytes;
    if (live > best) best = live;
  }
  return best;
}

}  // namespace mote
