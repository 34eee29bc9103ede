// Helpers shared by the tests: where ../shared is, seeded random data.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace mote::test {

// ../shared beside the project (MOTE_SHARED_DIR overrides); empty when absent.
std::string SharedDir();

template <typename T>
std::vector<T> RandomInts(std::mt19937& rng, size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(d(rng));
  return v;
}

}  // namespace mote::test
