#include "test_util.h"

#include <cstdlib>
#include <filesystem>

namespace mote::test {

std::string SharedDir() {
  const char* env = std::getenv("MOTE_SHARED_DIR");
  const std::string dir = env && *env ? env : MOTE_SHARED_DIR;
  return std::filesystem::is_directory(dir) ? dir : "";
}

}  // namespace mote::test
