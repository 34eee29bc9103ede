// Helpers shared by the tests: where ../shared is, seeded random data, files and shell commands,
// building a `mote compile` module with its host driver.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "compiler/aot/module.h"

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

// A whole file as bytes; empty when it cannot be read.
std::string Slurp(const std::string& path);

// Runs `cmd` through the shell with stderr joined to stdout, appended to `output`; its exit code
// (-1 when it could not run or was killed).
int Shell(const std::string& cmd, std::string* output);

// Builds a compiled module with tests/aot_driver.cc into the executable `driver` (the module's
// name is its C++ namespace), with -Wall -Wextra -Werror as users build it. False with the command
// and the compiler's output in `log`.
bool BuildAotDriver(const aot::CompileReport& module, const std::string& name, const std::string& driver,
                    std::string* log);

}  // namespace mote::test
