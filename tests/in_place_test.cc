// In-place safety of every op whose OpKernel says its output may be written over an input: each
// single-op model in ../shared/ops with such an op runs with the output pointed at that input's
// memory (same bytes, same element size), and must still match TFLite Micro's goldens on every
// case. This checks the kernels themselves, whichever buffers the planner happens to share.
#include <cstdlib>
#include <filesystem>
#include <set>

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
  if (!shared.empty())
    for (const auto& f : ListModelFolders(shared + "/ops")) out.push_back(f);
  return out;
}

// Runs every case with output 0 written over input k; "" or the first mismatch.
std::string RunAliased(const std::string& folder, const GoldenSet& set, int k) {
  std::string error;
  auto model = HostModel::Load(folder + "/model.tflite", &error);
  if (!model) return error;
  Interpreter& in = model->interpreter();
  Tensor* input = in.node(0).ctx.input(k);
  in.output(0)->data = input->data;
  for (size_t c = 0; c < set.cases.size(); ++c) {
    in.ResetState();
    for (size_t i = 0; i < set.cases[c].input_paths.size(); ++i) {
      TensorFile tf;
      if (!ReadTensorFile(set.cases[c].input_paths[i], &tf, &error) || !model->SetInput(static_cast<int>(i), tf.bytes, &error))
        return error;
    }
    if (!model->Invoke(&error)) return fmt::format("case {}: {}", c, error);
    const Tensor& out = *in.output(0);
    const std::string d = CompareOutput(set, out.type, static_cast<const uint8_t*>(out.data), out.Bytes(), set.cases[c].outputs[0]);
    if (!d.empty()) return fmt::format("case {}: {}", c, d);
  }
  return "";
}

TEST(InPlace, FlaggedKernelsMatchGoldensWithOutputOverInput) {
  const std::vector<std::string> folders = Folders();
  if (folders.empty()) GTEST_SKIP() << "../shared/ops absent";
  std::set<std::string> covered;
  for (const std::string& folder : folders) {
    std::string error;
    auto probe = HostModel::Load(folder + "/model.tflite", &error);
    if (!probe || probe->interpreter().num_nodes() != 1) continue;
    const Interpreter& in = probe->interpreter();
    const Node& node = in.node(0);
    const Tensor& out = *node.ctx.output(0);
    for (int k = 0; k < node.ctx.num_inputs() && k < 8; ++k) {
      const Tensor* input = node.ctx.input(k);
      if (!(node.kernel->in_place_inputs >> k & 1) || !input || input->is_constant || input->is_variable) continue;
      if (input->Bytes() != out.Bytes() || DTypeSize(input->type) != DTypeSize(out.type)) continue;
      GoldenSet set;
      ASSERT_TRUE(LoadGoldenSet(folder, &set, &error)) << error;
      EXPECT_EQ(RunAliased(folder, set, k), "") << folder << ", output over input " << k;
      covered.insert(node.kernel->name);
    }
  }
  // Every flagged op family in ../shared/ops should have been run aliased at least once.
  std::string names;
  for (const auto& n : covered) names += n + " ";
  EXPECT_GE(covered.size(), 15u) << "covered: " << names;
  std::printf("ran aliased: %s\n", names.c_str());
}

}  // namespace
}  // namespace mote
