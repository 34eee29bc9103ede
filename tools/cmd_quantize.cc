// mote quantize: post-training quantization of a float model from `mote train` to int8 (or
// int16 activations with int8 weights), choosing the activation-range method by the accuracy
// mote's interpreter measures on held-out calibration data.
#include <fmt/core.h>

#include "compiler/io.h"
#include "tools/commands.h"
#include "train/quantize.h"

namespace mote::cli {
namespace {

struct QuantizeArgs {
  std::string model, calib, labels, test_data, test_labels, out, method = "auto";
  int channels = 1;
  bool int16 = false;
  train::QuantizeOptions opt;
};

int Quantize(const QuantizeArgs& a) {
  std::string error;
  train::QuantizeOptions opt = a.opt;
  opt.int16 = a.int16;
  if (a.method != "auto") {
    train::RangeMethod m;
    if (!train::ParseRangeMethod(a.method, &m)) {
      fmt::print(stderr, "mote quantize: unknown method '{}' (auto, minmax, percentile, mse)\n", a.method);
      return 1;
    }
    opt.methods = {m};
  }
  AlignedBytes bytes;
  if (!ReadFileAligned(a.model, &bytes, &error)) {
    fmt::print(stderr, "mote quantize: {}\n", error);
    return 1;
  }
  const std::vector<uint8_t> model(bytes.data(), bytes.data() + bytes.size());
  train::Dataset data, test;
  if (!train::LoadDataset(a.calib, a.labels, a.channels, true, &data, &error)) {
    fmt::print(stderr, "mote quantize: calibration data: {}\n", error);
    return 1;
  }
  train::QuantizeResult r;
  if (!train::Quantize(model, data, opt, &r, &error)) {
    fmt::print(stderr, "mote quantize: {}: {}\n", a.model, error);
    return 1;
  }
  fmt::print("mote quantize: {} -> {}; ranges from {} samples, accuracy on {} other samples:\n", a.model,
             a.int16 ? "int16x8" : "int8", r.calibration_samples, r.evaluation_samples);
  fmt::print("  float        {:.2f}%\n", 100 * r.float_accuracy);
  for (size_t i = 0; i < r.candidates.size(); ++i)
    fmt::print("  {:<12} {:.2f}%{}\n", train::RangeMethodName(r.candidates[i].method), 100 * r.candidates[i].accuracy,
               i == r.chosen ? "  <- chosen" : "");
  const train::Candidate& best = r.candidates[r.chosen];
  if (!a.test_data.empty()) {
    if (!train::LoadDataset(a.test_data, a.test_labels, a.channels, false, &test, &error)) {
      fmt::print(stderr, "mote quantize: test data: {}\n", error);
      return 1;
    }
    float float_acc = 0, quant_acc = 0;
    if (!train::EvaluateTflite(model, test, {}, &float_acc, nullptr, &error) ||
        !train::EvaluateTflite(best.tflite, test, {}, &quant_acc, nullptr, &error)) {
      fmt::print(stderr, "mote quantize: test run: {}\n", error);
      return 1;
    }
    fmt::print("test: {} samples, float {:.2f}%, {} {:.2f}% (both run by mote's interpreter)\n", test.size(),
               100 * float_acc, a.int16 ? "int16x8" : "int8", 100 * quant_acc);
  }
  if (!WriteFile(a.out, best.tflite.data(), best.tflite.size(), &error)) {
    fmt::print(stderr, "mote quantize: {}\n", error);
    return 1;
  }
  fmt::print("wrote {} ({} bytes)\n", a.out, best.tflite.size());
  return 0;
}

}  // namespace

void RegisterQuantize(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<QuantizeArgs>();
  CLI::App* cmd = app.add_subcommand("quantize", "Quantize a float model from `mote train` to int8 (or int16x8)");
  cmd->add_option("model", a->model, "float .tflite written by mote train")->required();
  cmd->add_option("--calib", a->calib, "calibration data: fashion-mnist[:DIR], X.npy (with --labels) or FILE.csv")
      ->required();
  cmd->add_option("--labels", a->labels, "labels .npy for .npy calibration data");
  cmd->add_option("--channels", a->channels, "CSV: channels per time step")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--test-data", a->test_data, "also report float and quantized accuracy on this test set");
  cmd->add_option("--test-labels", a->test_labels, "labels .npy for .npy test data");
  cmd->add_option("--method", a->method, "activation ranges: auto (best measured), minmax, percentile, mse")
      ->capture_default_str();
  cmd->add_option("--calib-samples", a->opt.calibration_samples, "samples for the ranges")->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--eval-samples", a->opt.evaluation_samples, "other samples that pick the method")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_flag("--int16x8", a->int16, "int16 activations, int8 weights, int64 bias");
  cmd->add_option("-o,--out", a->out, "output .tflite")->required();
  cmd->callback([a, exit_code] { *exit_code = Quantize(*a); });
}

}  // namespace mote::cli
