#pragma once

#include <CLI/CLI.hpp>

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

}  // namespace mote::cli
