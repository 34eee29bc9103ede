// mote train: trains a small network on labelled data with mote's own trainer (train/) and
// writes it as a float32 .tflite. Progress bar per epoch, validation split, best epoch kept.
#include <unistd.h>

#include <cstdio>

#include <fmt/core.h>

#include "compiler/io.h"
#include "tools/commands.h"
#include "train/export.h"
#include "train/network.h"

namespace mote::cli {
namespace {

struct TrainArgs {
  std::string data, labels, test_data, test_labels, arch = "cnn", out;
  int channels = 1, limit = 0;
  train::TrainOptions opt;
  bool list_archs = false;
};

void ProgressBar(int epoch, int epochs, int done, int total, float loss) {
  constexpr int kWidth = 30;
  const int filled = total ? done * kWidth / total : kWidth;
  fmt::print(stderr, "\repoch {:>3}/{} [{}{}] {:>6}/{} loss {:.4f}", epoch, epochs, std::string(filled, '='),
             std::string(kWidth - filled, ' '), done, total, loss);
  std::fflush(stderr);
}

int Train(const TrainArgs& a) {
  if (a.list_archs) {
    for (const auto& [name, description] : train::ArchitectureList()) fmt::print("{:<10} {}\n", name, description);
    return 0;
  }
  if (a.data.empty() || a.out.empty()) {
    fmt::print(stderr, "mote train: --data and -o are required\n");
    return 1;
  }
  std::string error;
  train::Dataset data, test;
  if (!train::LoadDataset(a.data, a.labels, a.channels, true, &data, &error)) {
    fmt::print(stderr, "mote train: {}\n", error);
    return 1;
  }
  if (a.limit > 0 && a.limit < data.size()) {
    data.y.resize(a.limit);
    data.x.resize(static_cast<size_t>(a.limit) * data.shape.size());
  }
  const bool fashion = a.data.rfind("fashion-mnist", 0) == 0;
  const std::string test_spec = !a.test_data.empty() ? a.test_data : (fashion ? a.data : "");
  if (!test_spec.empty() && !train::LoadDataset(test_spec, a.test_labels, a.channels, false, &test, &error)) {
    fmt::print(stderr, "mote train: test data: {}\n", error);
    return 1;
  }
  train::Network net;
  if (!train::BuildArchitecture(a.arch, data.shape, data.classes, &net, &error)) {
    fmt::print(stderr, "mote train: {}\n", error);
    return 1;
  }
  fmt::print("mote train: {} samples {}x{}x{}, {} classes; architecture '{}', {} parameters\n", data.size(),
             data.shape.h, data.shape.w, data.shape.c, data.classes, a.arch, net.ParameterCount());
  for (const auto& l : net.layers()) fmt::print("  {}\n", l->Describe());
  fmt::print("{} optimizer, batch {}, {} epochs, seed {}, validation {:.0f}%\n", a.opt.optimizer, a.opt.batch,
             a.opt.epochs, a.opt.seed, 100 * a.opt.validation_fraction);

  const bool tty = isatty(fileno(stderr));
  train::TrainCallbacks cb;
  if (tty) cb.progress = [&](int e, int done, int total, float loss) { ProgressBar(e, a.opt.epochs, done, total, loss); };
  cb.epoch_done = [&](const train::EpochStats& s) {
    if (tty) fmt::print(stderr, "\r{:80}\r", "");
    fmt::print("epoch {:>3}: train loss {:.4f} acc {:.2f}%  val loss {:.4f} acc {:.2f}%  ({:.1f} s)\n", s.epoch,
               s.train_loss, 100 * s.train_accuracy, s.val_loss, 100 * s.val_accuracy, s.seconds);
    std::fflush(stdout);
  };
  train::TrainResult result;
  if (!train::Train(net, data, a.opt, cb, &result, &error)) {
    fmt::print(stderr, "mote train: {}\n", error);
    return 1;
  }
  fmt::print("best epoch {} (validation accuracy {:.2f}%), training took {:.1f} s\n", result.best_epoch,
             100 * result.best_val_accuracy, result.seconds);
  if (test.size() > 0) {
    const train::EvalResult r = train::Evaluate(net, test);
    fmt::print("test: {} samples, loss {:.4f}, accuracy {:.2f}%\n", test.size(), r.loss, 100 * r.accuracy);
  }
  std::vector<uint8_t> bytes;
  const std::string description = fmt::format("mote train: {} on {}, {} epochs (best {}), seed {}", a.arch, a.data,
                                              a.opt.epochs, result.best_epoch, a.opt.seed);
  if (!train::ExportTflite(net, nullptr, description, &bytes, &error) ||
      !WriteFile(a.out, bytes.data(), bytes.size(), &error)) {
    fmt::print(stderr, "mote train: {}\n", error);
    return 1;
  }
  fmt::print("wrote {} (float32, {} bytes)\n", a.out, bytes.size());
  return 0;
}

}  // namespace

void RegisterTrain(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Train a small network and write it as a float .tflite");
  cmd->add_option("--data", a->data, "fashion-mnist[:DIR], X.npy (with --labels) or FILE.csv (label first)");
  cmd->add_option("--labels", a->labels, "labels .npy for .npy data");
  cmd->add_option("--channels", a->channels, "CSV: channels per time step")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--test-data", a->test_data, "test set (default: Fashion-MNIST's own test split)");
  cmd->add_option("--test-labels", a->test_labels, "labels .npy for .npy test data");
  cmd->add_option("--arch", a->arch, "architecture (--list-archs)")->capture_default_str();
  cmd->add_flag("--list-archs", a->list_archs, "list the architectures");
  cmd->add_option("--epochs", a->opt.epochs, "epochs")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--batch", a->opt.batch, "mini-batch size")->capture_default_str()->check(CLI::Range(1, 65536));
  cmd->add_option("--seed", a->opt.seed, "random seed (same seed, same model)")->capture_default_str();
  cmd->add_option("--optimizer", a->opt.optimizer, "adam or sgd (with momentum)")->capture_default_str()
      ->check(CLI::IsMember({"adam", "sgd"}));
  cmd->add_option("--lr", a->opt.learning_rate, "learning rate (default 1e-3 Adam, 0.05 SGD)");
  cmd->add_option("--momentum", a->opt.momentum, "SGD momentum")->capture_default_str();
  cmd->add_option("--weight-decay", a->opt.weight_decay, "L2 weight decay")->capture_default_str();
  cmd->add_option("--val-fraction", a->opt.validation_fraction, "validation part of the training data")
      ->capture_default_str()->check(CLI::Range(0.0, 0.9));
  cmd->add_option("--limit", a->limit, "use only the first N training samples");
  cmd->add_option("-o,--out", a->out, "output .tflite (float32)");
  cmd->callback([a, exit_code] { *exit_code = Train(*a); });
}

}  // namespace mote::cli
