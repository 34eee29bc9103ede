// The README's supported-ops table must be exactly what `mote ops` prints from the registry
// (regenerate it with scripts/update_readme_ops.sh).
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

std::string RunCommand(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

TEST(Readme, OpsTableMatchesRegistry) {
  std::ifstream f(std::string(MOTE_SOURCE_DIR) + "/README.md");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string readme = ss.str();
  const size_t begin = readme.find("<!-- mote ops -->\n");
  const size_t end = readme.find("\n<!-- /mote ops -->");
  ASSERT_NE(begin, std::string::npos) << "README.md has no <!-- mote ops --> block";
  ASSERT_NE(end, std::string::npos);
  const std::string in_readme = readme.substr(begin + 18, end - begin - 18);
  std::string table = RunCommand(std::string(MOTE_BINARY_DIR) + "/mote ops");
  while (!table.empty() && table.back() == '\n') table.pop_back();
  EXPECT_EQ(in_readme, table) << "run scripts/update_readme_ops.sh";
}

}  // namespace
