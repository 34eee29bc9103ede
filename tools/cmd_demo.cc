// mote demo: the main job on the built-in default model, the int8 Fashion-MNIST classifier that
// `mote train` + `mote quantize` made (models/default/README.md has the commands). Loads it,
// shows its inspect summary, compiles it (`mote compile`), runs test images through the runtime
// interpreter on the host and reports predictions, accuracy and footprint; then, when the
// Cortex-M4 tools are installed, runs the first test images on the emulated Cortex-M4
// (mps2-an386 in QEMU, `mote profile`'s machinery), checks that every output is bit-exact with
// the host's, and prints `mote profile`'s figures and MCU fit table. Needs only the committed
// model and the Debian packages of scripts/bootstrap.sh.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/core.h>

#include "compiler/aot/module.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "compiler/profile/profiler.h"
#include "tools/commands.h"
#include "train/data.h"
#include "train/quantize.h"

namespace mote::cli {
namespace {

struct DemoArgs {
  std::string model = std::string(MOTE_SOURCE_DIR) + "/models/default/fashion_mnist_int8.tflite";
  std::string data_dir = train::kFashionMnistDir;
  int count = 2000;  // a few seconds; -n 10000 runs the whole test set
  int show = 10;
  bool no_board = false;
  int board_images = 10;  // run on the emulated Cortex-M4
  std::string work_dir;   // default: profile/ beside the mote binary, shared with `mote profile`
};

constexpr const char* kBoardTarget = "cortex-m4";

int Fail(const std::string& error) {
  fmt::print(stderr, "mote demo: {}\n", error);
  return 1;
}

// The arg max of an int8 classifier's raw output.
int Predicted(const std::vector<uint8_t>& scores) {
  int best = 0;
  for (size_t c = 1; c < scores.size(); ++c)
    if (static_cast<int8_t>(scores[c]) > static_cast<int8_t>(scores[best])) best = static_cast<int>(c);
  return best;
}

// The first test images on the emulated Cortex-M4: each output must equal the host's byte for
// byte. Missing tools are one line and no failure; anything else that goes wrong is exit 1.
int OnBoard(const DemoArgs& a, HostModel& model, const train::Dataset& test) {
  const profile::Target* target = profile::FindTarget(kBoardTarget);
  std::string error;
  if (target == nullptr) return Fail("no cortex-m4 profile target");
  if (!profile::CheckTools({target}, &error)) {
    fmt::print("\nemulated Cortex-M4 run skipped: {}\n", error);
    return 0;
  }
  profile::ProfileOptions o;
  o.model_path = std::filesystem::weakly_canonical(std::filesystem::absolute(a.model)).string();
  o.source_dir = MOTE_SOURCE_DIR;
  o.work_dir = a.work_dir.empty() ? BesideMote("profile") : std::filesystem::absolute(a.work_dir).string();
  o.progress = [](const std::string& s) {
    fmt::print("  ... {}\n", s);
    std::fflush(stdout);
  };

  // The host's raw outputs for the same images, and the cases for the board.
  const int n = std::min(a.board_images, test.size());
  Tensor* in = model.interpreter().input(0);
  const Tensor* out = model.interpreter().output(0);
  std::vector<std::vector<uint8_t>> host_out;
  for (int i = 0; i < n; ++i) {
    o.input_cases.push_back(train::InputBytes(*in, test.sample(i), test.shape.size()));
    if (!model.SetInput(0, o.input_cases.back(), &error) || !model.Invoke(&error)) return Fail(error);
    const uint8_t* bytes = static_cast<const uint8_t*>(out->data);
    host_out.emplace_back(bytes, bytes + out->Bytes());
  }

  fmt::print("\nrunning the first {} test images on the emulated Cortex-M4 ({} in QEMU; the first run cross-builds "
             "the runtime into {}/{}, about three CPU-minutes over two jobs, reused by later runs):\n",
             n, target->board, o.work_dir, target->board);
  const auto start = std::chrono::steady_clock::now();
  std::vector<profile::TargetProfile> profiles(1);  // ReportMcus points into it
  profile::TargetProfile& p = profiles.front();
  if (!profile::ProfileTarget(o, *target, &p, &error)) return Fail(error);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<int> differ;
  for (int i = 0; i < n; ++i) {
    const std::vector<uint8_t>& m4 = p.case_outputs[i][0];
    const bool same = m4 == host_out[i];
    if (!same) differ.push_back(i);
    fmt::print("  image {:4}: label {:<12} host {:<12} M4 {:<12} {}\n", i, train::FashionMnistClassName(test.y[i]),
               train::FashionMnistClassName(Predicted(host_out[i])), train::FashionMnistClassName(Predicted(m4)),
               same ? "outputs bit-exact" : "OUTPUTS DIFFER");
  }
  fmt::print("({:.1f} s for the cross build and the QEMU runs)\n\n", seconds);
  PrintTarget(p);
  const std::string mcu_path = o.source_dir + "/data/mcus.json";
  profile::McuData mcu_data;
  if (!profile::LoadMcuData(mcu_path, &mcu_data, &error)) return Fail(error);
  std::vector<profile::McuReport> mcus = profile::ReportMcus(mcu_data, profiles);
  for (auto& r : mcus)  // the demo runs only the Cortex-M4: say how to measure the other cores
    if (r.measured == nullptr && r.core != nullptr && !r.core->profile_target.empty())
      r.reason = fmt::format("the demo runs only the Cortex-M4; `mote profile MODEL --target {}` measures its core",
                             r.core->profile_target);
  PrintMcus(mcus, mcu_path);

  if (!differ.empty()) {
    std::string list;
    for (int i : differ) list += fmt::format("{}{}", list.empty() ? "" : ", ", i);
    return Fail(fmt::format("the Cortex-M4 output differs from the host's for {} of {} image(s): {}", differ.size(), n,
                            list));
  }
  if (!p.check_passed) return Fail("the Cortex-M4 output of the LCG input differs from the host's (see check above)");
  fmt::print("\nhost and Cortex-M4 agree bit for bit on all {} image(s)\n", n);
  return 0;
}

int Demo(const DemoArgs& a) {
  fmt::print("mote demo: built-in default model {}\n\n", a.model);
  if (Inspect(a.model, false) != 0) return 1;
  aot::CompileOptions co;
  co.name = "fashion_mnist";
  co.target = kBoardTarget;
  co.out_dir = BesideMote("demo");
  fmt::print("\nmote compile {} -o {} --name {} --target {}\n", a.model, co.out_dir, co.name, co.target);
  if (Compile(a.model, co) != 0) return 1;
  std::string error;
  auto model = HostModel::Load(a.model, &error);
  if (!model) return Fail(error);
  train::Dataset test;
  if (!train::LoadFashionMnist(a.data_dir, false, &test, &error)) return Fail(error);
  Interpreter& interp = model->interpreter();
  Tensor* in = interp.input(0);
  const Tensor* out = interp.output(0);
  if (in->type != DType::kInt8 || out->type != DType::kInt8 || in->NumElements() != test.shape.size() ||
      out->NumElements() != test.classes)
    return Fail("the model is not an int8 classifier of 28 x 28 images into 10 classes");

  const int count = std::min(a.count, test.size());
  fmt::print("\nrunning {} Fashion-MNIST test images through the int8 model (runtime interpreter, host):\n", count);
  int correct = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    if (!model->SetInput(0, train::InputBytes(*in, test.sample(i), test.shape.size()), &error) ||
        !model->Invoke(&error))
      return Fail(error);
    const int8_t* probs = out->Data<int8_t>();
    const int pred = static_cast<int>(std::max_element(probs, probs + test.classes) - probs);
    correct += pred == test.y[i];
    if (i < a.show)
      fmt::print("  image {:4}: label {:<12} predicted {:<12} p={:.2f} {}\n", i, train::FashionMnistClassName(test.y[i]),
                 train::FashionMnistClassName(pred),
                 out->q.scale * static_cast<float>(probs[pred] - out->q.zero_point), pred == test.y[i] ? "ok" : "MISS");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("\ntest accuracy (int8): {:.2f}% ({} of {}); {:.2f} ms per image on this host\n",
             100.0 * correct / std::max(count, 1), correct, count, 1000.0 * seconds / std::max(count, 1));
  fmt::print("footprint: model {} bytes (flash), arena {} bytes (RAM, interpreter on the host)\n",
             model->bytes().size(), interp.arena_used_bytes());
  if (a.no_board) {
    fmt::print("\nemulated Cortex-M4 run skipped (--no-board)\n");
    return 0;
  }
  return OnBoard(a, *model, test);
}

}  // namespace

void RegisterDemo(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "Inspect and run the built-in default model (int8 Fashion-MNIST)");
  cmd->add_option("--model", a->model, "the model")->capture_default_str();
  cmd->add_option("--data-dir", a->data_dir, "Fashion-MNIST folder (Debian: dataset-fashion-mnist)")->capture_default_str();
  cmd->add_option("-n,--count", a->count, "test images to run")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--show", a->show, "predictions to print")->capture_default_str()->check(CLI::Range(0, 10000));
  cmd->add_flag("--no-board", a->no_board, "skip the run on the emulated Cortex-M4 (QEMU)");
  cmd->add_option("--board-images", a->board_images, "test images to run on the emulated Cortex-M4")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_option("--work-dir", a->work_dir, "where the Cortex-M4 build goes (default: profile/ beside the mote binary)");
  cmd->callback([a, exit_code] { *exit_code = Demo(*a); });
}

}  // namespace mote::cli
