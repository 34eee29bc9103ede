// Hostile and broken inputs: truncated files, random bytes, and valid models with bytes
// corrupted all over (a mutation test). Host import and device interpreter must fail with a
// message, or load and run without touching memory they do not own (run this under ASan/UBSan).
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "compiler/graph.h"
#include "compiler/io.h"
#include "runtime/interpreter.h"
#include "test_util.h"

namespace mote {
namespace {

struct Outcome {
  bool imported = false;
  bool loaded = false;
  std::string error;
};

// Feeds `bytes` to both readers; when the interpreter accepts it, runs one inference on
// pseudo-random inputs.
Outcome Feed(const uint8_t* data, size_t size, uint32_t seed) {
  AlignedBytes model(size);
  if (size) std::memcpy(model.data(), data, size);
  Outcome o;
  Graph g;
  o.imported = ImportTflite(model.data(), size, &g, &o.error);
  if (!o.imported) EXPECT_FALSE(o.error.empty());
  for (const OpInfo& op : g.ops) {  // what `mote inspect` computes per layer
    EXPECT_GE(OpMacs(g, op), 0);
    (void)OpKey(g, op);
  }
  static AlignedBytes arena(size_t{16} << 20, false);
  Interpreter interp;
  const Status s = interp.Init(model.data(), size, arena.data(), arena.size());
  o.loaded = s.ok();
  if (!s.ok()) {
    EXPECT_NE(std::string(interp.error()), "") << "failure without a message";
    return o;
  }
  std::mt19937 rng(seed);
  for (int i = 0; i < interp.num_inputs(); ++i) {
    auto* p = static_cast<uint8_t*>(interp.input(i)->data);
    for (size_t b = 0; b < interp.input(i)->Bytes(); ++b) p[b] = static_cast<uint8_t>(rng());
  }
  (void)interp.Invoke();
  return o;
}

std::vector<std::string> SampleModels() {
  const std::string shared = test::SharedDir();
  if (shared.empty()) return {};
  return {shared + "/models/tflm_hello_world_int8/model.tflite", shared + "/models/tflm_micro_speech/model.tflite",
          shared + "/models/mlperf_ad/model.tflite", shared + "/models/seanet_conv1/model.tflite",
          shared + "/models/mlperf_kws/model.tflite"};
}

// Inputs libFuzzer once crashed on (tests/fuzz/regressions/, named by what they broke): they must
// now load cleanly or fail with a message, under ASan/UBSan in CI.
TEST(BadInput, FuzzFindingsStayFixed) {
  const std::string dir = std::string(MOTE_SOURCE_DIR) + "/tests/fuzz/regressions";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    AlignedBytes bytes;
    std::string error;
    ASSERT_TRUE(ReadFileAligned(entry.path().string(), &bytes, &error)) << error;
    SCOPED_TRACE(entry.path().filename().string());
    Feed(bytes.data(), bytes.size(), 1);
    ++count;
  }
  EXPECT_GE(count, 2);
}

// Shapes of hostile models multiply past int64: counts saturate instead of wrapping negative.
TEST(BadInput, ElementCountsSaturate) {
  constexpr int64_t kMax = INT64_MAX;
  EXPECT_EQ(SaturatingMul(kMax, 2), kMax);
  EXPECT_EQ(SaturatingMul(-kMax, 2), INT64_MIN);
  EXPECT_EQ(SaturatingMul(int64_t{1} << 40, int64_t{1} << 30), kMax);
  EXPECT_EQ(SaturatingMul(int64_t{1} << 31, 0), 0);
  Shape s;
  s.rank = 6;
  for (int i = 0; i < 6; ++i) s.dims[i] = INT32_MAX;
  EXPECT_EQ(s.NumElements(), kMax);
  s.dims[5] = 0;
  EXPECT_EQ(s.NumElements(), 0);
}

TEST(BadInput, EmptyAndTinyBuffers) {
  const uint8_t zeros[64] = {};
  for (size_t n : {0, 1, 4, 7, 8, 12, 64}) {
    const Outcome o = Feed(zeros, n, 1);
    EXPECT_FALSE(o.imported) << n;
    EXPECT_FALSE(o.loaded) << n;
  }
}

TEST(BadInput, RandomBytesWithAndWithoutIdentifier) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 400; ++trial) {
    std::vector<uint8_t> buf(8 + rng() % 2048);
    for (auto& b : buf) b = static_cast<uint8_t>(rng());
    if (trial % 2) std::memcpy(buf.data() + 4, "TFL3", 4);
    const Outcome o = Feed(buf.data(), buf.size(), trial);
    EXPECT_FALSE(o.loaded) << "random bytes loaded as a model, trial " << trial;
  }
}

TEST(BadInput, TruncatedModels) {
  const auto models = SampleModels();
  if (models.empty()) GTEST_SKIP() << "../shared absent: no models to truncate";
  for (const auto& path : models) {
    AlignedBytes bytes;
    std::string error;
    ASSERT_TRUE(ReadFileAligned(path, &bytes, &error)) << error;
    for (int k = 0; k < 64; ++k) {
      const size_t cut = bytes.size() * k / 64;
      const Outcome o = Feed(bytes.data(), cut, k);
      EXPECT_FALSE(o.loaded) << path << " truncated to " << cut << " bytes loaded";
    }
  }
}

// Corrupts 1-8 random bytes (random values, bit flips, or 0xFF runs) thousands of times.
TEST(BadInput, MutatedModelsNeverCrash) {
  const auto models = SampleModels();
  if (models.empty()) GTEST_SKIP() << "../shared absent: no models to mutate";
  std::mt19937 rng(7);
  int loaded = 0, rejected = 0;
  for (const auto& path : models) {
    AlignedBytes original;
    std::string error;
    ASSERT_TRUE(ReadFileAligned(path, &original, &error)) << error;
    std::vector<uint8_t> buf(original.data(), original.data() + original.size());
    for (int trial = 0; trial < 600; ++trial) {
      std::vector<uint8_t> m = buf;
      // Most of a model's bytes are weights; aim half the mutations at the first 4 KB, where the
      // tables, vectors and offsets live, so structure is what gets corrupted.
      const size_t span = trial % 2 ? m.size() : std::min<size_t>(m.size(), 4096);
      const int edits = 1 + rng() % 8;
      for (int e = 0; e < edits; ++e) {
        const size_t at = rng() % span;
        switch (rng() % 3) {
          case 0: m[at] = static_cast<uint8_t>(rng()); break;
          case 1: m[at] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
          default: for (size_t i = at; i < std::min(m.size(), at + 4); ++i) m[i] = 0xFF;
        }
      }
      const Outcome o = Feed(m.data(), m.size(), trial);
      (o.loaded ? loaded : rejected)++;
    }
  }
  // Both outcomes must occur, or the mutations are not reaching the structure.
  EXPECT_GT(rejected, 0);
  EXPECT_GT(loaded, 0);
  std::printf("mutation test: %d mutated models loaded and ran, %d rejected with a message\n", loaded, rejected);
}

}  // namespace
}  // namespace mote
