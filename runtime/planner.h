// Memory planning for activation buffers: given each buffer's size and the span of schedule steps
// during which it must stay intact, choose offsets in one arena so that no two buffers alive at
// the same step overlap.
//
// GreedyPlan places buffers largest first, each at the lowest aligned offset that does not
// collide with an already placed buffer whose lifetime intersects its own. O(n^2) time, no heap:
// the caller passes `order` as scratch for n indices.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mote {

struct PlanBuffer {
  size_t bytes = 0;
  int32_t first_step = 0;  // first op that writes or reads it (0 for graph inputs)
  int32_t last_step = 0;   // last op that reads it (the last op for graph outputs)
  size_t offset = 0;       // result
};

constexpr size_t kPlanAlignment = 16;

// Returns the arena bytes the plan needs (the end of the highest buffer).
size_t GreedyPlan(PlanBuffer* buffers, int32_t count, int32_t* order);

// Largest sum of bytes alive at any one step: no plan can use less.
size_t PlanLowerBound(const PlanBuffer* buffers, int32_t count, int32_t num_steps);

}  // namespace mote
