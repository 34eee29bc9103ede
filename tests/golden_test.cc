// The correctness bar: every case of every model in ../shared/models and ../shared/ops, run
// through the runtime interpreter and compared with TFLite Micro's goldens by the manifest rule.
// One test per model folder; MOTE_GOLDEN_FILTER=substring narrows the set while developing.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "compiler/golden.h"
#include "test_util.h"

namespace mote {
namespace {

std::vector<std::string> Folders(const char* corpus) {
  const std::string shared = test::SharedDir();
  if (shared.empty()) return {"<missing>"};
  std::vector<std::string> out;
  const char* filter = std::getenv("MOTE_GOLDEN_FILTER");
  for (const auto& f : ListModelFolders(shared + "/" + corpus))
    if (!filter || f.find(filter) != std::string::npos) out.push_back(f);
  if (out.empty()) out.push_back("<missing>");
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesTflmReference) {
  if (GetParam() == "<missing>")
    GTEST_SKIP() << "../shared (or its models/ops folder) is absent or filtered out: no goldens to check";
  const GoldenModelResult r = RunGoldenFolder(GetParam());
  ASSERT_TRUE(r.error.empty()) << r.id << ": " << r.error;
  ASSERT_EQ(r.cases.size(), 4u) << r.id;
  for (const auto& c : r.cases) EXPECT_TRUE(c.passed) << r.id << " case " << c.case_index << ": " << c.detail;
}

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = std::filesystem::path(info.param).filename().string();
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n.empty() ? "missing" : n;
}

INSTANTIATE_TEST_SUITE_P(Models, Golden, ::testing::ValuesIn(Folders("models")), Name);
INSTANTIATE_TEST_SUITE_P(Ops, Golden, ::testing::ValuesIn(Folders("ops")), Name);

}  // namespace
}  // namespace mote
