#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mote::aot {
struct CompileOptions;
}
namespace mote::profile {
struct TargetProfile;
struct McuReport;
}  // namespace mote::profile

namespace mote::cli {

// Adds every subcommand; the chosen one's callback stores its exit status in `exit_code`.
void RegisterCommands(CLI::App& app, int* exit_code);

void RegisterInspect(CLI::App& app, int* exit_code);
void RegisterRun(CLI::App& app, int* exit_code);
void RegisterOps(CLI::App& app, int* exit_code);
void RegisterDemo(CLI::App& app, int* exit_code);
void RegisterCompile(CLI::App& app, int* exit_code);
void RegisterTrain(CLI::App& app, int* exit_code);
void RegisterQuantize(CLI::App& app, int* exit_code);
void RegisterProfile(CLI::App& app, int* exit_code);

// `mote inspect` itself, for commands that show a model's summary; `memory` adds the timeline.
int Inspect(const std::string& path, bool as_json, bool memory = false);
// `mote compile` itself: writes the module and says where it went, its layers, arena and weights.
int Compile(const std::string& model, const aot::CompileOptions& options);

// What `mote profile` prints, for commands that profile too (cmd_profile.cc): one target's
// figures (instructions, flash, RAM) and the MCU estimates and fit table.
void PrintTarget(const profile::TargetProfile& p);
void PrintMcus(const std::vector<profile::McuReport>& mcus, const std::string& data_path);
// `name` beside the mote binary (its build tree), where cross builds are kept between runs.
std::string BesideMote(const std::string& name);

}  // namespace mote::cli
