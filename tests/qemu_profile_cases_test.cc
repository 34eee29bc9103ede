// ProfileOptions::input_cases on the emulated Cortex-M4 (ctest label qemu): the cases of
// ../shared/models/tflm_hello_world_int8 run by profile_cases.elf, under both engines, must give
// TFLite Micro's golden outputs byte for byte; a case of the wrong size is a one-line error before
// anything is built. Skipped with a message without ../shared, arm-none-eabi-gcc or QEMU.
#include <filesystem>

#include <gtest/gtest.h>

#include "compiler/profile/profiler.h"
#include "test_util.h"

namespace mote {
namespace {

std::vector<uint8_t> Bytes(const std::string& path) {
  const std::string s = test::Slurp(path);
  return std::vector<uint8_t>(s.begin(), s.end());
}

class ProfileCases : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::SharedDir().empty()) GTEST_SKIP() << "../shared absent";
    model_dir_ = test::SharedDir() + "/models/tflm_hello_world_int8";
    target_ = profile::FindTarget("cortex-m4");
    ASSERT_NE(target_, nullptr);
    std::string error;
    if (!profile::CheckTools({target_}, &error)) GTEST_SKIP() << error;
    o_.model_path = model_dir_ + "/model.tflite";
    o_.source_dir = MOTE_SOURCE_DIR;
    o_.work_dir = std::string(MOTE_BINARY_DIR) + "/qemu/profile";  // shared with the profile tests
    for (int k = 0; std::filesystem::exists(model_dir_ + "/case" + std::to_string(k) + "_in0.bin"); ++k) {
      o_.input_cases.push_back(Bytes(model_dir_ + "/case" + std::to_string(k) + "_in0.bin"));
      golden_.push_back(Bytes(model_dir_ + "/case" + std::to_string(k) + "_out0.bin"));
    }
    ASSERT_GE(o_.input_cases.size(), 2u);
  }

  void RunAndCompare(profile::EngineChoice engine, const char* name) {
    o_.engine = engine;
    profile::TargetProfile p;
    std::string error;
    ASSERT_TRUE(profile::ProfileTarget(o_, *target_, &p, &error)) << error;
    EXPECT_EQ(p.engine, name);
    EXPECT_TRUE(p.check_passed);  // the LCG measurement is still there and checked
    EXPECT_GT(p.instructions, 0u);
    ASSERT_EQ(p.case_outputs.size(), golden_.size());
    for (size_t k = 0; k < golden_.size(); ++k) {
      ASSERT_EQ(p.case_outputs[k].size(), 1u);
      EXPECT_EQ(p.case_outputs[k][0], golden_[k]) << name << " engine, case " << k;
    }
  }

  std::string model_dir_;
  const profile::Target* target_ = nullptr;
  profile::ProfileOptions o_;
  std::vector<std::vector<uint8_t>> golden_;
};

TEST_F(ProfileCases, AotEngineMatchesTheGoldens) { RunAndCompare(profile::EngineChoice::kAot, "aot"); }

TEST_F(ProfileCases, InterpreterEngineMatchesTheGoldens) {
  RunAndCompare(profile::EngineChoice::kInterpreter, "interpreter");
}

TEST_F(ProfileCases, WrongSizeIsOneLineError) {
  o_.input_cases.push_back({1, 2, 3});
  profile::TargetProfile p;
  std::string error;
  EXPECT_FALSE(profile::ProfileTarget(o_, *target_, &p, &error));
  EXPECT_NE(error.find("input case " + std::to_string(o_.input_cases.size() - 1) + " has 3 bytes"), std::string::npos)
      << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

}  // namespace
}  // namespace mote
