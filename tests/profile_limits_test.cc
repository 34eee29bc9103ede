// `mote profile` refuses a model that cannot fit the emulated board with one line, before it
// builds anything (so no cross compiler or QEMU is needed here). The models are written on the
// fly: one whose weights exceed the Cortex-M4 board's 4 MiB image, one whose activations exceed
// its 4 MiB of RAM.
#include <filesystem>

#include <gtest/gtest.h>

#include "compiler/io.h"
#include "compiler/profile/profiler.h"
#include "compiler/tflite_writer.h"

namespace mote::profile {
namespace {

tflite::BuiltinOptionsUnion FcOptions() {
  tflite::BuiltinOptionsUnion u;
  auto* o = new tflite::FullyConnectedOptionsT();
  u.type = tflite::BuiltinOptions::FullyConnectedOptions;
  u.value = o;
  return u;
}

// One float FULLY_CONNECTED: [batch, depth] x [units, depth]^T.
std::vector<uint8_t> FcModel(int32_t batch, int32_t depth, int32_t units) {
  TfliteBuilder b;
  const int32_t x = b.AddTensor("x", DType::kFloat32, {batch, depth});
  const int32_t w = b.AddConstant("w", DType::kFloat32, {units, depth},
                                  std::vector<float>(static_cast<size_t>(units) * static_cast<size_t>(depth), 0.5f));
  const int32_t y = b.AddTensor("y", DType::kFloat32, {batch, units});
  b.AddOp(tflite::BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {y}, FcOptions());
  b.SetInputs({x});
  b.SetOutputs({y});
  return b.Finish();
}

struct LimitCase {
  const char* name;
  int32_t batch, depth, units;
  const char* error_contains;
};

class ProfileLimitsTest : public ::testing::TestWithParam<LimitCase> {};

TEST_P(ProfileLimitsTest, TooBigForTheBoardIsOneLine) {
  const LimitCase& c = GetParam();
  const std::string dir = std::string(MOTE_BINARY_DIR) + "/profile_limits_test";
  std::filesystem::create_directories(dir);
  const std::string model = dir + "/" + c.name + ".tflite";
  const std::vector<uint8_t> bytes = FcModel(c.batch, c.depth, c.units);
  std::string error;
  ASSERT_TRUE(WriteFile(model, bytes.data(), bytes.size(), &error)) << error;

  ProfileOptions o;
  o.model_path = model;
  o.source_dir = MOTE_SOURCE_DIR;
  o.work_dir = dir + "/work";
  TargetProfile p;
  EXPECT_FALSE(ProfileTarget(o, *FindTarget("cortex-m4"), &p, &error));
  EXPECT_NE(error.find("model too big for mps2-an386 (cortex-m4)"), std::string::npos) << error;
  EXPECT_NE(error.find(c.error_contains), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  // Refused before the cross build was configured.
  EXPECT_FALSE(std::filesystem::exists(o.work_dir + "/mps2-an386/build/CMakeCache.txt"));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ProfileLimitsTest,
    ::testing::Values(
        // 1,024 x 1,100 float weights = 4,505,600 bytes > the 4,194,304-byte image.
        LimitCase{"weights_over_flash", 1, 1100, 1024, "the board's image holds 4194304 bytes"},
        // Input and output of 300,000 x 4 floats: 9.6 MB of activations > 4 MiB of RAM.
        LimitCase{"activations_over_ram", 300000, 4, 4, "exceed its 4194304 bytes of RAM"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote::profile
