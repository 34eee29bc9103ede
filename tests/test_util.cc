#include "test_util.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace mote::test {

std::string SharedDir() {
  const char* env = std::getenv("MOTE_SHARED_DIR");
  const std::string dir = env && *env ? env : MOTE_SHARED_DIR;
  return std::filesystem::is_directory(dir) ? dir : "";
}

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

int Shell(const std::string& cmd, std::string* output) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool BuildAotDriver(const aot::CompileReport& module, const std::string& name, const std::string& driver,
                    std::string* log) {
  const std::string dir = std::filesystem::path(module.header_path).parent_path().string();
  const std::string build = fmt::format(
      "c++ -std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti -I{} -I{} -I{} "
      "-DMOTE_AOT_HEADER='\"{}.h\"' -DMOTE_AOT_NS={} {} {} {}/tests/aot_driver.cc {} -o {}",
      MOTE_SOURCE_DIR, MOTE_GEN_DIR, dir, name, name, module.source_path, module.weights_path, MOTE_SOURCE_DIR,
      MOTE_RUNTIME_LIB, driver);
  if (Shell(build, log) == 0) return true;
  *log = build + "\n" + *log;
  return false;
}

}  // namespace mote::test
