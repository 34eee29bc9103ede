// mote demo: the main job on the built-in default model, the int8 Fashion-MNIST classifier that
// `mote train` + `mote quantize` made (models/default/README.md has the commands). Loads it,
// shows its inspect summary, runs test images through the runtime interpreter on the host and
// reports predictions, accuracy and footprint. Needs only the committed model and the Debian
// package dataset-fashion-mnist, so it works right after scripts/bootstrap.sh.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include <fmt/core.h>

#include "compiler/host_model.h"
#include "compiler/io.h"
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
};

int Fail(const std::string& error) {
  fmt::print(stderr, "mote demo: {}\n", error);
  return 1;
}

int Demo(const DemoArgs& a) {
  fmt::print("mote demo: built-in default model {}\n\n", a.model);
  if (Inspect(a.model, false) != 0) return 1;
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
  return 0;
}

}  // namespace

void RegisterDemo(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "Inspect and run the built-in default model (int8 Fashion-MNIST)");
  cmd->add_option("--model", a->model, "the model")->capture_default_str();
  cmd->add_option("--data-dir", a->data_dir, "Fashion-MNIST folder (Debian: dataset-fashion-mnist)")->capture_default_str();
  cmd->add_option("-n,--count", a->count, "test images to run")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--show", a->show, "predictions to print")->capture_default_str()->check(CLI::Range(0, 10000));
  cmd->callback([a, exit_code] { *exit_code = Demo(*a); });
}

}  // namespace mote::cli
