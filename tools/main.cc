// mote: the command-line tool. Each subcommand lives in tools/cmd_<name>.cc.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "tools/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"mote: run neural networks on microcontrollers, small, fast and bit-exact"};
  app.set_version_flag("--version", std::string("mote ") + MOTE_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  mote::cli::RegisterCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
