// Memory planner properties: on random lifetimes no two buffers alive at the same step overlap,
// offsets are aligned, the arena is at least the lower bound, the exact search is never worse
// than the heuristics alone, and on small sets it finds the optimum a brute force finds; plus
// named hand-made cases with known answers.
#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/planner.h"

namespace mote {
namespace {

size_t Align(size_t v) { return (v + kPlanAlignment - 1) / kPlanAlignment * kPlanAlignment; }

bool LiveTogether(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_step <= b.last_step && b.first_step <= a.last_step;
}

// Largest live sum, step by step (independent of PlanLowerBound's event-point shortcut).
size_t LiveSumPeak(const std::vector<PlanBuffer>& b) {
  int32_t steps = 0;
  for (const auto& x : b) steps = std::max(steps, x.last_step + 1);
  size_t best = 0;
  for (int32_t s = 0; s < steps; ++s) {
    size_t live = 0;
    for (const auto& x : b)
      if (x.first_step <= s && s <= x.last_step) live += x.bytes;
    best = std::max(best, live);
  }
  return best;
}

// Failure text when the plan is not valid for `b`, else "".
std::string CheckPlan(const std::vector<PlanBuffer>& b, size_t arena) {
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].offset % kPlanAlignment != 0) return "buffer " + std::to_string(i) + " is not aligned";
    if (b[i].bytes > 0 && b[i].offset + b[i].bytes > arena) return "buffer " + std::to_string(i) + " ends past the arena";
    for (size_t j = i + 1; j < b.size(); ++j) {
      if (!LiveTogether(b[i], b[j]) || b[i].bytes == 0 || b[j].bytes == 0) continue;
      const bool apart = b[i].offset + b[i].bytes <= b[j].offset || b[j].offset + b[j].bytes <= b[i].offset;
      if (!apart) return "buffers " + std::to_string(i) + " and " + std::to_string(j) + " overlap";
    }
  }
  return "";
}

PlanResult Plan(std::vector<PlanBuffer>& b, uint32_t budget = kExactSearchDefaultBudget) {
  std::vector<uint8_t> work(PlanWorkBytes(static_cast<int32_t>(b.size())));
  PlanResult r;
  const Status s = PlanOffsets(b.data(), static_cast<int32_t>(b.size()), work.data(), work.size(), &r, budget);
  EXPECT_TRUE(s.ok()) << s.message();
  return r;
}

// The optimum by brute force: every placement order, each buffer at its lowest aligned offset
// clear of the live buffers placed before it.
size_t BruteForceArena(const std::vector<PlanBuffer>& buffers) {
  std::vector<int> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  size_t best = SIZE_MAX;
  do {
    std::vector<PlanBuffer> b = buffers;
    size_t end = 0;
    for (size_t k = 0; k < order.size(); ++k) {
      PlanBuffer& x = b[order[k]];
      if (x.bytes == 0) continue;
      size_t offset = 0;
      for (bool moved = true; moved;) {
        moved = false;
        for (size_t p = 0; p < k; ++p) {
          const PlanBuffer& y = b[order[p]];
          if (y.bytes == 0 || !LiveTogether(x, y)) continue;
          if (offset < y.offset + y.bytes && y.offset < offset + x.bytes) {
            offset = Align(y.offset + y.bytes);
            moved = true;
          }
        }
      }
      x.offset = offset;
      end = std::max(end, offset + x.bytes);
    }
    best = std::min(best, Align(end));
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

std::vector<PlanBuffer> RandomBuffers(std::mt19937& rng, int n, int steps, uint32_t max_bytes) {
  std::vector<PlanBuffer> b(n);
  for (auto& x : b) {
    x.bytes = rng() % 5 == 0 ? 0 : 1 + rng() % max_bytes;
    x.first_step = rng() % steps;
    x.last_step = x.first_step + rng() % (steps - x.first_step);
  }
  return b;
}

TEST(Planner, RandomLifetimesGetValidPlansNoWorseThanHeuristics) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 400; ++trial) {
    const int steps = 1 + rng() % 40;
    const int n = 1 + rng() % 60;
    std::vector<PlanBuffer> b = RandomBuffers(rng, n, steps, 50000);
    std::vector<PlanBuffer> heuristic = b;
    const PlanResult h = Plan(heuristic, 0);
    const PlanResult r = Plan(b);
    ASSERT_EQ(CheckPlan(b, r.arena_bytes), "") << "trial " << trial;
    ASSERT_EQ(CheckPlan(heuristic, h.arena_bytes), "") << "trial " << trial;
    ASSERT_EQ(r.lower_bound, LiveSumPeak(b)) << "trial " << trial;
    ASSERT_EQ(PlanLowerBound(b.data(), n), LiveSumPeak(b)) << "trial " << trial;
    ASSERT_GE(r.arena_bytes, r.lower_bound) << "trial " << trial;
    ASSERT_LE(r.arena_bytes, h.arena_bytes) << "trial " << trial;
    ASSERT_FALSE(h.searched);
  }
}

TEST(Planner, ExactSearchFindsTheBruteForceOptimum) {
  std::mt19937 rng(5);
  int improved = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const int n = 2 + rng() % 6;
    // Odd sizes in even trials; in odd ones, multiples of the alignment, which leave no
    // padding to hide a poor placement in.
    std::vector<PlanBuffer> b = RandomBuffers(rng, n, 2 + rng() % 5, 100);
    if (trial % 2) for (auto& x : b) x.bytes = x.bytes == 0 ? 0 : kPlanAlignment * (1 + x.bytes % 4);
    std::vector<PlanBuffer> heuristic = b;
    const size_t heuristic_arena = Plan(heuristic, 0).arena_bytes;
    const PlanResult r = Plan(b, 1000000);
    ASSERT_EQ(CheckPlan(b, r.arena_bytes), "") << "trial " << trial;
    if (r.searched) ASSERT_TRUE(r.search_complete) << "trial " << trial;
    ASSERT_EQ(r.arena_bytes, BruteForceArena(b)) << "trial " << trial;
    if (r.arena_bytes < heuristic_arena) ++improved;
  }
  // The search must have had something to do in some trials, or this test checks nothing.
  EXPECT_GT(improved, 0);
}

struct NamedCase {
  const char* name;
  std::vector<PlanBuffer> buffers;  // bytes, first_step, last_step
  size_t arena;
  size_t lower_bound;
};

PlanBuffer B(size_t bytes, int32_t first, int32_t last) {
  PlanBuffer b;
  b.bytes = bytes;
  b.first_step = first;
  b.last_step = last;
  return b;
}

TEST(Planner, NamedCases) {
  const std::vector<NamedCase> cases = {
      {"chain of four reuses two slots", {B(1024, 0, 1), B(1024, 1, 2), B(1024, 2, 3), B(1024, 3, 4)}, 2048, 2048},
      {"disjoint lifetimes share offset 0", {B(100, 0, 0), B(300, 1, 1), B(200, 2, 2)}, 304, 300},
      {"all alive at once stack up, each aligned", {B(10, 0, 2), B(20, 0, 2), B(30, 0, 2)}, 80, 60},
      {"zero-byte buffers take no room", {B(0, 0, 3), B(64, 0, 3), B(0, 1, 1)}, 64, 64},
      {"nothing to plan", {}, 0, 0},
      // Every greedy order puts a 48- or 32-byte buffer at 0 under both 16-byte ones and ends
      // at 80; the optimum puts one 16-byte buffer at the bottom and the other at the top.
      {"the greedy placements miss what the exact search finds",
       {B(48, 2, 2), B(32, 1, 1), B(16, 1, 2), B(16, 0, 1), B(48, 0, 0)},
       64, 64},
  };
  for (const NamedCase& c : cases) {
    std::vector<PlanBuffer> b = c.buffers;
    const PlanResult r = Plan(b);
    EXPECT_EQ(CheckPlan(b, r.arena_bytes), "") << c.name;
    EXPECT_EQ(r.arena_bytes, c.arena) << c.name;
    EXPECT_EQ(r.lower_bound, c.lower_bound) << c.name;
  }
}

TEST(Planner, RefusesTooLittleWorkMemory) {
  std::vector<PlanBuffer> b = {B(16, 0, 1), B(16, 1, 2)};
  std::vector<uint8_t> work(PlanWorkBytes(2) - 1);
  PlanResult r;
  const Status s = PlanOffsets(b.data(), 2, work.data(), work.size(), &r);
  EXPECT_EQ(s.code(), StatusCode::kArenaTooSmall);
}

}  // namespace
}  // namespace mote
