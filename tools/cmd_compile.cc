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

int Compile(const CompileArgs& a) {
  aot::CompileReport report;
  std::string error;
  if (!aot::CompileModel(a.model, a.options, &report, &error)) {
    fmt::print(stderr, "mote compile: {}\n", error);
    return 1;
  }
  fmt::print("wrote {}, {}, {}\n", report.header_path, report.source_path, report.weights_path);
  fmt::print("{} layers, static arena {} bytes, weights {} bytes (target {})\n", report.layers, report.arena_bytes,
             report.weight_bytes, a.options.target);
  return 0;
}

}  // namespace

void RegisterCompile(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<CompileArgs>();
  CLI::App* cmd = app.add_subcommand("compile", "Emit a freestanding C++ module (weights in flash, one static arena)");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", a->options.out_dir, "output folder")->required();
  cmd->add_option("--name", a->options.name, "C++ namespace and file stem")->capture_default_str();
  cmd->add_option("--target", a->options.target, "host, cortex-m4, cortex-m7, cortex-m33, cortex-m55 or riscv")
      ->capture_default_str();
  cmd->callback([a, exit_code] { *exit_code = Compile(*a); });
}

}  // namespace mote::cli
