// Memory planning for activation buffers: given each buffer's size and the span of schedule steps
// during which it must stay intact, choose offsets in one arena so that no two buffers alive at
// the same step overlap.
//
// PlanOffsets runs several greedy placements and keeps the smallest arena; when the heuristics
// miss the lower bound and there are at most kExactSearchMaxBuffers non-empty buffers, a branch
// and bound over placement orders (each buffer at its lowest fitting offset, which reaches an
// optimum for some order) improves on them within a node budget. The result is deterministic
// and always a valid plan. No heap: the caller passes PlanWorkBytes(count) bytes of work memory.
//
// Each greedy placement is an order (largest first, longest-lived first, largest size x lifetime
// first, earliest first) and a fit rule (lowest fitting offset, or the tightest gap that holds
// the buffer). Each costs O(n^2) time for n buffers; the search at most its budget times O(n^2).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/status.h"

namespace mote {

struct PlanBuffer {
  size_t bytes = 0;
  int32_t first_step = 0;  // first op that writes or reads it (0 for graph inputs)
  int32_t last_step = 0;   // last op that reads it (the last op for graph outputs)
  size_t offset = 0;       // result
};

constexpr size_t kPlanAlignment = 16;
constexpr int32_t kExactSearchMaxBuffers = 16;
constexpr uint32_t kExactSearchDefaultBudget = 20000;

// How the kept plan was found.
enum class PlanMethod : uint8_t {
  kLargestFirst,
  kLargestFirstBestFit,
  kLongestFirst,
  kLongestFirstBestFit,
  kLargestAreaFirst,
  kLargestAreaFirstBestFit,
  kEarliestFirst,
  kEarliestFirstBestFit,
  kExactSearch,
};
const char* PlanMethodName(PlanMethod m);

struct PlanResult {
  size_t arena_bytes = 0;   // end of the highest buffer, aligned up to kPlanAlignment
  size_t lower_bound = 0;   // largest sum of bytes alive at one step
  PlanMethod method = PlanMethod::kLargestFirst;
  bool searched = false;         // the exact search ran
  bool search_complete = false;  // ... and finished within its budget: arena_bytes is optimal
  uint32_t search_nodes = 0;
};

// Work memory PlanOffsets needs for `count` buffers.
size_t PlanWorkBytes(int32_t count);

// Sets every buffer's offset. Fails only when `work_bytes` < PlanWorkBytes(count).
// `search_budget` caps the exact search's nodes (0: heuristics only).
Status PlanOffsets(PlanBuffer* buffers, int32_t count, void* work, size_t work_bytes, PlanResult* result,
                   uint32_t search_budget = kExactSearchDefaultBudget);

// Largest sum of bytes alive at any one step: no plan can use less.
size_t PlanLowerBound(const PlanBuffer* buffers, int32_t count);

}  // namespace mote
