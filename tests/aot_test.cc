// `mote compile` end to end: every model folder in ../shared/models and ../shared/ops is compiled
// to a C++ module, built for the host with -Wall -Wextra -Werror together with a generic driver,
// run on every case and compared with TFLite Micro's goldens by the manifest rule. A model with
// an op that has no code emitter yet is skipped and says which op. The emitted code is also
// compiled for its core (arm-none-eabi) when that compiler is present, and compiled twice to
// check the output is deterministic.
// Targets: every folder for the Cortex-M4 (the module calls the `_dsp` kernels where they take
// the layer, `_ref` elsewhere) and, for ../shared/models, the Cortex-M55 (`_mve`) and the host
// (`_ref` only). On the host the optimized kernels run on acle_emu.h / mve_emu.h, so this checks
// the emitted calls, scratch offsets and arena plans of each target bit for bit.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/aot/module.h"
#include "compiler/golden.h"
#include "compiler/io.h"
#include "test_util.h"

namespace mote {
namespace fs = std::filesystem;
namespace {

using test::Shell;
using test::Slurp;

struct AotCase {
  std::string folder;
  std::string target;
};

std::vector<AotCase> Cases() {
  const std::string shared = test::SharedDir();
  std::vector<AotCase> out;
  const char* filter = std::getenv("MOTE_GOLDEN_FILTER");
  auto add = [&](const char* corpus, std::initializer_list<const char*> targets) {
    for (const auto& f : ListModelFolders(shared + "/" + corpus))
      if (!filter || f.find(filter) != std::string::npos)
        for (const char* t : targets) out.push_back({f, t});
  };
  if (!shared.empty()) {
    add("models", {"cortex-m4", "cortex-m55", "host"});
    add("ops", {"cortex-m4"});
  }
  if (out.empty()) out.push_back({"<missing>", "host"});
  return out;
}

// arm-none-eabi flags of each target's core, for the cross-compile check.
std::string CoreFlags(const std::string& target) {
  if (target == "cortex-m55") return "-mcpu=cortex-m55 -mfloat-abi=hard";
  return "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16";
}

std::string ModuleName(const std::string& id) {
  std::string n = "m_" + id;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

class Aot : public ::testing::TestWithParam<AotCase> {};

TEST_P(Aot, CompiledModuleMatchesGoldens) {
  const std::string folder = GetParam().folder;
  if (folder == "<missing>") GTEST_SKIP() << "../shared absent: no models to compile";
  GoldenSet set;
  std::string error;
  ASSERT_TRUE(LoadGoldenSet(folder, &set, &error)) << error;
  aot::CompileOptions o;
  o.name = ModuleName(set.id);
  o.target = GetParam().target;
  o.out_dir = std::string(MOTE_BINARY_DIR) + "/aot/" + set.id + "/" + o.target;
  aot::CompileReport report;
  if (!aot::CompileModel(folder + "/model.tflite", o, &report, &error)) {
    if (error.find("no code emitter") != std::string::npos) GTEST_SKIP() << error;
    FAIL() << error;
  }
  // Deterministic: a second compilation writes the same bytes.
  const std::string first = Slurp(report.source_path) + Slurp(report.weights_path) + Slurp(report.header_path);
  ASSERT_TRUE(aot::CompileModel(folder + "/model.tflite", o, &report, &error)) << error;
  EXPECT_EQ(first, Slurp(report.source_path) + Slurp(report.weights_path) + Slurp(report.header_path));

  const std::string driver = o.out_dir + "/driver";
  std::string log;
  ASSERT_TRUE(test::BuildAotDriver(report, o.name, driver, &log)) << log;

  if (o.target != "host" && std::system("command -v arm-none-eabi-g++ >/dev/null 2>&1") == 0) {
    const std::string arm = fmt::format(
        "arm-none-eabi-g++ -std=c++17 {} -mthumb -ffreestanding "
        "-fno-exceptions -fno-rtti -Wall -Wextra -Werror -O1 -I{} -I{} -c {} -o {}/module_arm.o",
        CoreFlags(o.target), MOTE_SOURCE_DIR, MOTE_GEN_DIR, report.source_path, o.out_dir);
    log.clear();
    EXPECT_EQ(Shell(arm, &log), 0) << arm << "\n" << log;
  }

  for (size_t k = 0; k < set.cases.size(); ++k) {
    std::string cmd = driver;
    for (const auto& in : set.cases[k].input_paths) cmd += " " + in;
    cmd += " --";
    std::vector<std::string> outs;
    for (size_t j = 0; j < set.cases[k].outputs.size(); ++j) {
      outs.push_back(fmt::format("{}/case{}_out{}.bin", o.out_dir, k, j));
      cmd += " " + outs.back();
    }
    log.clear();
    ASSERT_EQ(Shell(cmd, &log), 0) << cmd << "\n" << log;
    // Output dtypes come from the manifest-free module: golden sizes decide the element width.
    GoldenSet exact_set = set;
    for (size_t j = 0; j < outs.size(); ++j) {
      const std::string got = Slurp(outs[j]);
      const auto& golden = set.cases[k].outputs[j];
      const bool is_float = !set.exact;
      const std::string d =
          CompareOutput(set, is_float ? DType::kFloat32 : DType::kInt8, reinterpret_cast<const uint8_t*>(got.data()),
                        got.size(), golden);
      EXPECT_TRUE(d.empty()) << set.id << " case " << k << " output " << j << ": " << d;
    }
  }
}

std::string Name(const ::testing::TestParamInfo<AotCase>& info) {
  std::string n = fs::path(info.param.folder).filename().string() + "_" + info.param.target;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n.empty() ? "missing" : n;
}

INSTANTIATE_TEST_SUITE_P(Shared, Aot, ::testing::ValuesIn(Cases()), Name);

}  // namespace
}  // namespace mote
