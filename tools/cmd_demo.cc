// mote demo: the main job on the built-in default model. Trains a small waveform classifier
// with mote's own code, quantizes it to int8, writes the .tflite, shows its inspect summary, runs
// the test set through the runtime interpreter on the host and reports accuracy and footprint.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/core.h>

#include "compiler/demo_model.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

struct DemoArgs {
  std::string out_dir = "out/demo";
  int epochs = 40;
  uint32_t seed = 1;
};

int8_t QuantizeInput(float v, float scale, int32_t zp) {
  return static_cast<int8_t>(std::clamp<long>(std::lround(v / scale) + zp, -128, 127));
}

int Demo(const DemoArgs& a) {
  fmt::print("mote demo: built-in default model (synthetic waveform classifier; see compiler/demo_model.h)\n\n");
  const WaveformSet train = MakeWaveforms(8000, a.seed);
  const WaveformSet test = MakeWaveforms(400, a.seed + 1000);
  const DemoModel demo = BuildDemoModel(train, test, a.epochs, a.seed);
  fmt::print("trained float MLP 32-32-4 for {} epochs: loss {:.3f} -> {:.3f}, float test accuracy {:.1f}%\n",
             a.epochs, demo.train_loss.front(), demo.train_loss.back(), 100.0f * demo.float_accuracy);

  std::filesystem::create_directories(a.out_dir);
  const std::string path = a.out_dir + "/demo_int8.tflite";
  std::string error;
  if (!WriteFile(path, demo.tflite.data(), demo.tflite.size(), &error)) {
    fmt::print(stderr, "mote demo: {}\n", error);
    return 1;
  }
  fmt::print("quantized to int8 and wrote {} ({} bytes)\n\n", path, demo.tflite.size());
  if (Inspect(path, false) != 0) return 1;

  auto model = HostModel::Load(path, &error);
  if (!model) {
    fmt::print(stderr, "mote demo: {}\n", error);
    return 1;
  }
  Interpreter& interp = model->interpreter();
  fmt::print("\nrunning the {} test waveforms through the int8 model (runtime interpreter, host):\n", test.x.size());
  int correct = 0;
  for (size_t i = 0; i < test.x.size(); ++i) {
    std::vector<uint8_t> in(WaveformSet::kLength);
    for (int t = 0; t < WaveformSet::kLength; ++t)
      in[t] = static_cast<uint8_t>(QuantizeInput(test.x[i][t], demo.input_scale, demo.input_zero_point));
    if (!model->SetInput(0, in, &error) || !model->Invoke(&error)) {
      fmt::print(stderr, "mote demo: {}\n", error);
      return 1;
    }
    const int8_t* probs = interp.output(0)->Data<int8_t>();
    const int pred = static_cast<int>(std::max_element(probs, probs + WaveformSet::kClasses) - probs);
    correct += pred == test.y[i];
    if (i < 8)
      fmt::print("  sample {:3}: label {:<9} predicted {:<9} p={:.2f} {}\n", i, WaveformClassName(test.y[i]),
                 WaveformClassName(pred), (probs[pred] + 128) / 256.0, pred == test.y[i] ? "ok" : "MISS");
  }
  const float int8_acc = static_cast<float>(correct) / static_cast<float>(test.x.size());
  fmt::print("\ntest accuracy: float {:.1f}%, int8 {:.1f}% ({} of {})\n", 100.0f * demo.float_accuracy,
             100.0f * int8_acc, correct, test.x.size());
  fmt::print("footprint: model {} bytes (flash), arena {} bytes (RAM, interpreter on the host)\n",
             demo.tflite.size(), interp.arena_used_bytes());
  return 0;
}

}  // namespace

void RegisterDemo(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "Train, quantize, inspect and run the built-in default model");
  cmd->add_option("-o,--out", a->out_dir, "output folder")->capture_default_str();
  cmd->add_option("--epochs", a->epochs, "training epochs")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", a->seed, "random seed")->capture_default_str();
  cmd->callback([a, exit_code] { *exit_code = Demo(*a); });
}

}  // namespace mote::cli
