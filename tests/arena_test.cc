// The arena size the interpreter reports is the real minimum, and a plan that tight still runs
// correctly: for every model folder in ../shared, Init succeeds with exactly arena_used_bytes()
// (planning's temporary memory included) and every case then matches TFLite Micro's goldens,
// and Init with 16 bytes less fails with kArenaTooSmall. Catches buffers that the plan lets
// overlap (in place, views, reordering) as well as an under-reported arena size.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/golden.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "test_util.h"

namespace mote {
namespace {

std::vector<std::string> Folders() {
  const std::string shared = test::SharedDir();
  std::vector<std::string> out;
  const char* filter = std::getenv("MOTE_GOLDEN_FILTER");
  if (!shared.empty())
    for (const char* corpus : {"models", "ops"})
      for (const auto& f : ListModelFolders(shared + "/" + corpus))
        if (!filter || f.find(filter) != std::string::npos) out.push_back(f);
  if (out.empty()) out.push_back("<missing>");
  return out;
}

// "" when every case of `set` run through `model` matches its goldens, else the first mismatch.
std::string RunCases(HostModel& model, const GoldenSet& set) {
  Interpreter& in = model.interpreter();
  for (size_t k = 0; k < set.cases.size(); ++k) {
    std::string error;
    in.ResetState();
    for (size_t i = 0; i < set.cases[k].input_paths.size(); ++i) {
      TensorFile tf;
      if (!ReadTensorFile(set.cases[k].input_paths[i], &tf, &error) || !model.SetInput(static_cast<int>(i), tf.bytes, &error))
        return fmt::format("case {}: {}", k, error);
    }
    if (!model.Invoke(&error)) return fmt::format("case {}: {}", k, error);
    for (int o = 0; o < in.num_outputs() && o < static_cast<int>(set.cases[k].outputs.size()); ++o) {
      const Tensor& t = *in.output(o);
      const std::string d = CompareOutput(set, t.type, static_cast<const uint8_t*>(t.data), t.Bytes(), set.cases[k].outputs[o]);
      if (!d.empty()) return fmt::format("case {} output {}: {}", k, o, d);
    }
  }
  return "";
}

class TightArena : public ::testing::TestWithParam<std::string> {};

TEST_P(TightArena, RunsInExactlyTheReportedBytes) {
  if (GetParam() == "<missing>") GTEST_SKIP() << "../shared absent: no models to check";
  GoldenSet set;
  std::string error;
  ASSERT_TRUE(LoadGoldenSet(GetParam(), &set, &error)) << error;
  const std::string path = GetParam() + "/model.tflite";
  auto roomy = HostModel::Load(path, &error);
  if (!roomy) GTEST_SKIP() << "not supported by the runtime: " << error;
  const size_t used = roomy->interpreter().arena_used_bytes();

  auto tight = HostModel::Load(path, &error, used);
  ASSERT_TRUE(tight) << "Init fails with the reported " << used << " bytes: " << error;
  EXPECT_EQ(tight->interpreter().arena_used_bytes(), used);
  EXPECT_EQ(RunCases(*tight, set), "");

  auto too_small = HostModel::Load(path, &error, used - 16);
  EXPECT_FALSE(too_small) << "Init also succeeds with " << used - 16 << " bytes: the report is not the minimum";
}

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = std::filesystem::path(info.param).filename().string();
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n.empty() ? "missing" : n;
}

INSTANTIATE_TEST_SUITE_P(Shared, TightArena, ::testing::ValuesIn(Folders()), Name);

}  // namespace
}  // namespace mote
