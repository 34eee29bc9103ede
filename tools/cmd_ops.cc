// mote ops [--json]: the supported (op, dtype) pairs, read from the runtime's kernel registry.
#include <algorithm>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "runtime/op_kernel.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

int Ops(bool json) {
  int count = 0;
  const OpKernel* const* kernels = AllOpKernels(&count);
  std::vector<const OpKernel*> sorted(kernels, kernels + count);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return std::string(a->name) < b->name; });
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const OpKernel* k : sorted) {
      nlohmann::json dtypes = nlohmann::json::array();
      std::string d = k->dtypes;
      size_t pos = 0;
      while (pos < d.size()) {
        size_t e = d.find(' ', pos);
        if (e == std::string::npos) e = d.size();
        if (e > pos) dtypes.push_back(d.substr(pos, e - pos));
        pos = e + 1;
      }
      out.push_back({{"op", k->name}, {"builtin_code", k->builtin_code}, {"dtypes", dtypes}});
    }
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  fmt::print("| op | builtin code | dtypes |\n|---|---:|---|\n");
  for (const OpKernel* k : sorted) fmt::print("| {} | {} | {} |\n", k->name, k->builtin_code, k->dtypes);
  fmt::print("\n{} ops\n", count);
  return 0;
}

}  // namespace

void RegisterOps(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("ops", "List the supported operators and their dtypes");
  cmd->add_flag("--json", *json, "print JSON instead of a table");
  cmd->callback([json, exit_code] { *exit_code = Ops(*json); });
}

}  // namespace mote::cli
