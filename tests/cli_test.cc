// The mote CLI end to end: exit codes and one-line errors for bad input, JSON output shape.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace mote {
namespace {

struct Result {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

// `env` is prepended to the command ("PATH=... ").
Result Mote(const std::string& args, const std::string& env = "") {
  const std::string cmd = env + std::string(MOTE_BINARY_DIR) + "/mote " + args + " 2>&1";
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string TempFile(const std::string& name, const std::string& contents) {
  const auto path = std::filesystem::temp_directory_path() / ("mote_cli_test_" + name);
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

std::string HelloModel() {
  const std::string shared = test::SharedDir();
  return shared.empty() ? "" : shared + "/models/tflm_hello_world_int8";
}

TEST(Cli, HelpOnEveryCommand) {
  for (const char* cmd : {"", "inspect ", "run ", "ops ", "demo ", "train ", "quantize "}) {
    const Result r = Mote(std::string(cmd) + "--help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << r.out;
  }
}

TEST(Cli, GarbageModelIsOneLineError) {
  const std::string path = TempFile("garbage.tflite", std::string(300, 'x'));
  for (const char* cmd : {"inspect ", "run "}) {
    const Result r = Mote(cmd + path + (cmd[0] == 'r' ? " -i " + path : ""));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("not a TFLite model"), std::string::npos) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  }
}

TEST(Cli, RunChecksInputSizeAndCount) {
  if (HelloModel().empty()) GTEST_SKIP() << "../shared absent";
  const std::string model = HelloModel() + "/model.tflite";
  const std::string wrong = TempFile("wrong.bin", "abc");
  Result r = Mote("run " + model + " -i " + wrong);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("needs 1 bytes"), std::string::npos) << r.out;
  r = Mote("run " + model + " -i " + wrong + " -i " + wrong);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("has 1 input"), std::string::npos) << r.out;
}

TEST(Cli, RunWritesGoldenOutput) {
  if (HelloModel().empty()) GTEST_SKIP() << "../shared absent";
  const std::string out = (std::filesystem::temp_directory_path() / "mote_cli_test_out.bin").string();
  const Result r = Mote("run " + HelloModel() + "/model.tflite -i " + HelloModel() + "/case0_in0.bin -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream a(out, std::ios::binary), b(HelloModel() + "/case0_out0.bin", std::ios::binary);
  const std::string got((std::istreambuf_iterator<char>(a)), {}), want((std::istreambuf_iterator<char>(b)), {});
  EXPECT_EQ(got, want);
}

TEST(Cli, InspectJsonHasTotals) {
  if (HelloModel().empty()) GTEST_SKIP() << "../shared absent";
  const Result r = Mote("inspect --json " + HelloModel() + "/model.tflite");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["layers"].size(), 3u);
  EXPECT_EQ(j["totals"]["macs"], 288);
  EXPECT_GT(j["totals"]["arena_bytes"].get<int>(), 0);
  EXPECT_EQ(j["inputs"][0]["dtype"], "int8");
}

TEST(Cli, InspectMemoryTimeline) {
  if (HelloModel().empty()) GTEST_SKIP() << "../shared absent";
  const Result r = Mote("inspect --json --memory " + HelloModel() + "/model.tflite");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  // hello_world: int8 1 -> FC -> 16 -> FC -> 16 -> FC -> 1; each layer's input and output are
  // alive during it: 1 + 16, 16 + 16, 16 + 1 bytes.
  const std::vector<int> want_live = {17, 32, 17};
  ASSERT_EQ(j["memory_timeline"].size(), want_live.size());
  for (size_t s = 0; s < want_live.size(); ++s) {
    const auto& step = j["memory_timeline"][s];
    EXPECT_EQ(step["live_bytes"], want_live[s]) << "step " << s;
    int sum = 0;
    for (const auto& b : step["buffers"]) sum += b["bytes"].get<int>();
    EXPECT_EQ(sum, want_live[s]) << "step " << s;
  }
  EXPECT_EQ(j["totals"]["arena_lower_bound"], 32);
  EXPECT_GE(j["totals"]["activation_bytes"].get<int>(), 32);
  const Result text = Mote("inspect --memory " + HelloModel() + "/model.tflite");
  EXPECT_NE(text.out.find("memory timeline"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("lower bound 32"), std::string::npos) << text.out;
}

TEST(Cli, OpsListsTheRegistry) {
  const Result r = Mote("ops --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  bool fc = false;
  for (const auto& op : j) fc |= op["op"] == "FULLY_CONNECTED";
  EXPECT_TRUE(fc);
}

TEST(Cli, TrainAndQuantizeBadInputIsOneLineError) {
  const std::string garbage = TempFile("garbage_model.tflite", std::string(300, 'x'));
  const std::string csv = TempFile("tiny.csv", "1,0.5,0.2\n0,0.1,0.3\n1,0.4,0.2\n0,0.2,0.3\n");
  struct Case {
    const char* name;
    std::string args;
    const char* message;
  };
  const Case cases[] = {
      {"missing_data_file", "train --data /nonexistent.csv -o /dev/null", "cannot open"},
      {"unknown_architecture", "train --data " + csv + " --arch nope -o /dev/null", "unknown architecture"},
      {"architecture_too_deep_for_input", "train --data " + csv + " --arch cnn -o /dev/null", "does not fit"},
      {"npy_without_labels", "train --data x.npy -o /dev/null", "--labels"},
      {"garbage_model", "quantize " + garbage + " --calib " + csv + " -o /dev/null", "not a valid .tflite"},
      {"unknown_method", "quantize " + garbage + " --calib " + csv + " --method best -o /dev/null", "unknown method"},
  };
  for (const Case& c : cases) {
    const Result r = Mote(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.name << ": " << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.name << ": " << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << c.name << ": " << r.out;
  }
}

bool HaveFashionMnist() {
  return std::filesystem::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
}

TEST(Cli, DemoRunsTheCommittedDefaultModel) {
  if (!HaveFashionMnist()) GTEST_SKIP() << "dataset-fashion-mnist not installed (scripts/bootstrap.sh)";
  const Result r = Mote("demo -n 300 --show 2 --no-board");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("CONV_2D:int8"), std::string::npos) << r.out;  // the inspect summary
  EXPECT_NE(r.out.find("static arena "), std::string::npos) << r.out;  // the compile step
  EXPECT_TRUE(std::filesystem::exists(std::string(MOTE_BINARY_DIR) + "/demo/fashion_mnist_weights.cc")) << r.out;
  EXPECT_NE(r.out.find("image    1: label"), std::string::npos) << r.out;
  const size_t at = r.out.find("test accuracy (int8): ");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_GE(std::stod(r.out.substr(at + 22)), 85.0) << r.out;  // 300 images of a ~90% model
  EXPECT_NE(r.out.find("emulated Cortex-M4 run skipped (--no-board)"), std::string::npos) << r.out;
}

// Without the cross compiler and QEMU the demo still succeeds after its host part, saying in one
// line what is missing.
TEST(Cli, DemoWithoutBoardToolsSaysSoAndSucceeds) {
  if (!HaveFashionMnist()) GTEST_SKIP() << "dataset-fashion-mnist not installed (scripts/bootstrap.sh)";
  const Result r = Mote("demo -n 50 --show 0", "PATH=/nonexistent ");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("test accuracy (int8): "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("emulated Cortex-M4 run skipped: arm-none-eabi-gcc not found on PATH"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("instructions "), std::string::npos) << r.out;
}

// The demo's board part (ctest: qemu_cli_demo, label qemu): the first ten test images on the
// emulated Cortex-M4 must give outputs bit-exact with the host interpreter's, hence the same
// predictions, and the figures and the MCU table of `mote profile` follow.
TEST(CliQemu, DemoAgreesWithTheHostOnTheCortexM4) {
  if (!HaveFashionMnist()) GTEST_SKIP() << "dataset-fashion-mnist not installed (scripts/bootstrap.sh)";
  for (const char* tool : {"arm-none-eabi-gcc", "qemu-system-arm"})
    if (std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) != 0)
      GTEST_SKIP() << tool << " not installed (scripts/bootstrap.sh): the demo's Cortex-M4 part is not tested";
  const Result r = Mote(std::string("demo -n 50 --show 0 --board-images 10 --work-dir ") + MOTE_BINARY_DIR +
                        "/qemu/profile");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  // "  image    3: label Dress        host Dress        M4 Dress        outputs bit-exact"
  const std::regex line(R"(image +(\d+): label (.+?) +host (.+?) +M4 (.+?) +(outputs bit-exact|OUTPUTS DIFFER))");
  int images = 0, correct = 0;
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), line), end; it != end; ++it, ++images) {
    const std::smatch& m = *it;
    EXPECT_EQ(m[1].str(), std::to_string(images)) << r.out;
    EXPECT_EQ(m[5].str(), "outputs bit-exact") << m[0].str();
    EXPECT_EQ(m[3].str(), m[4].str()) << m[0].str();  // host and M4 predictions
    correct += m[2].str() == m[4].str();
  }
  EXPECT_EQ(images, 10) << r.out;
  EXPECT_GE(correct, 7) << r.out;  // a ~90% model
  EXPECT_NE(r.out.find("host and Cortex-M4 agree bit for bit on all 10 image(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check         passed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("instructions  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("flash         "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("RAM           "), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nnrf52840 +cortex-m4 .* (yes|NO)[^\n]* (yes|NO))"))) << r.out;
}

}  // namespace
}  // namespace mote
