// The graph importer against every manifest in ../shared: input/output names, dtypes and shapes,
// (op, dtype) keys and MAC counts must be what the manifest says.
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compiler/golden.h"
#include "compiler/graph.h"
#include "compiler/io.h"
#include "test_util.h"

namespace mote {
namespace {

void CheckTensors(const Graph& g, const std::vector<int32_t>& idx, const nlohmann::json& want, const std::string& id) {
  ASSERT_EQ(idx.size(), want.size()) << id;
  for (size_t i = 0; i < idx.size(); ++i) {
    const TensorInfo& t = g.tensor(idx[i]);
    EXPECT_EQ(DTypeName(t.type), want[i]["dtype"].get<std::string>()) << id << " tensor " << i;
    EXPECT_EQ(t.shape, want[i]["shape"].get<std::vector<int32_t>>()) << id << " tensor " << i;
  }
}

TEST(Import, EveryManifestAgrees) {
  const std::string shared = test::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared absent: no manifests to compare with";
  int checked = 0;
  for (const char* corpus : {"models", "ops"}) {
    for (const auto& folder : ListModelFolders(shared + "/" + corpus)) {
      std::ifstream f(folder + "/manifest.json");
      const auto manifest = nlohmann::json::parse(f);
      const std::string id = manifest["id"];
      AlignedBytes bytes;
      std::string error;
      ASSERT_TRUE(ReadFileAligned(folder + "/model.tflite", &bytes, &error)) << error;
      Graph g;
      ASSERT_TRUE(ImportTflite(bytes.data(), bytes.size(), &g, &error)) << id << ": " << error;
      CheckTensors(g, g.inputs, manifest["inputs"], id);
      CheckTensors(g, g.outputs, manifest["outputs"], id);
      int64_t macs = 0;
      std::set<std::string> keys;
      for (const auto& op : g.ops) {
        macs += OpMacs(g, op);
        keys.insert(OpKey(g, op));
      }
      EXPECT_EQ(macs, manifest["macs"].get<int64_t>()) << id;
      const auto want = manifest["op_keys"].get<std::set<std::string>>();
      EXPECT_EQ(keys, want) << id;
      ++checked;
    }
  }
  std::printf("import: %d manifests checked\n", checked);
}

}  // namespace
}  // namespace mote
