// Memory planner properties on random lifetimes: no two buffers alive at the same step overlap,
// offsets are aligned, and the arena is at least the lower bound (and not absurdly above it).
#include <random>

#include <gtest/gtest.h>

#include "runtime/planner.h"

namespace mote {
namespace {

TEST(Planner, RandomGraphsArePlannedSafely) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const int steps = 1 + rng() % 40;
    const int n = 1 + rng() % 60;
    std::vector<PlanBuffer> b(n);
    for (auto& x : b) {
      x.bytes = rng() % 5 == 0 ? 0 : 1 + rng() % 50000;
      x.first_step = rng() % steps;
      x.last_step = x.first_step + rng() % (steps - x.first_step);
    }
    std::vector<int32_t> order(n);
    const size_t arena = GreedyPlan(b.data(), n, order.data());
    const size_t bound = PlanLowerBound(b.data(), n, steps);
    ASSERT_GE(arena, bound);
    for (int i = 0; i < n; ++i) {
      ASSERT_EQ(b[i].offset % kPlanAlignment, 0u);
      ASSERT_LE(b[i].offset + b[i].bytes, arena);
      for (int j = i + 1; j < n; ++j) {
        const bool live_together = b[i].first_step <= b[j].last_step && b[j].first_step <= b[i].last_step;
        if (!live_together || b[i].bytes == 0 || b[j].bytes == 0) continue;
        const bool apart = b[i].offset + b[i].bytes <= b[j].offset || b[j].offset + b[j].bytes <= b[i].offset;
        ASSERT_TRUE(apart) << "trial " << trial << ": buffers " << i << " and " << j << " overlap";
      }
    }
  }
}

TEST(Planner, ChainReusesMemory) {
  // a -> b -> c -> d: each buffer only overlaps its neighbours, so two slots suffice.
  std::vector<PlanBuffer> b(4);
  for (int i = 0; i < 4; ++i) {
    b[i].bytes = 1024;
    b[i].first_step = i;
    b[i].last_step = i + 1;
  }
  std::vector<int32_t> order(4);
  EXPECT_EQ(GreedyPlan(b.data(), 4, order.data()), 2048u);
  EXPECT_EQ(PlanLowerBound(b.data(), 4, 5), 2048u);
}

}  // namespace
}  // namespace mote
