// mote compile MODEL -o DIR [--name NAME] [--target ...]: the ahead-of-time C++ module.
#include <fmt/core.h>

#include "compiler/aot/module.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

struct CompileArgs {
  std::string model;
  aot::CompileOptions options;
};

}  // namespace

int Compile(const std::string& model, const aot::CompileOptions& options) {
  aot::CompileReport report;
  std::string error;
  if (!aot::CompileModel(model, options, &report, &error)) {
    fmt::print(stderr, "mote compile: {}\n", error);
    return 1;
  }
  fmt::print("wrote {}, {}, {}\n", report.header_path, report.source_path, report.weights_path);
  fmt::print("{} layers, static arena {} bytes, weights {} bytes (target {})\n", report.layers, report.arena_bytes,
             report.weight_bytes, options.target);
  return 0;
}

void RegisterCompile(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<CompileArgs>();
  CLI::App* cmd = app.add_subcommand("compile", "Emit a freestanding C++ module (weights in flash, one static arena)");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", a->options.out_dir, "output folder")->required();
  cmd->add_option("--name", a->options.name, "C++ namespace and file stem")->capture_default_str();
  cmd->add_option("--target", a->options.target, "host, cortex-m4, cortex-m7, cortex-m33, cortex-m55 or riscv")
      ->capture_default_str();
  cmd->callback([a, exit_code] { *exit_code = Compile(a->model, a->options); });
}

}  // namespace mote::cli
