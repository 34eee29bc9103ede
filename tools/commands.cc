#include "tools/commands.h"

namespace mote::cli {

void RegisterCommands(CLI::App& app, int* exit_code) {
  RegisterInspect(app, exit_code);
  RegisterRun(app, exit_code);
  RegisterCompile(app, exit_code);
  RegisterProfile(app, exit_code);
  RegisterOps(app, exit_code);
  RegisterTrain(app, exit_code);
  RegisterQuantize(app, exit_code);
  RegisterDemo(app, exit_code);
}

}  // namespace mote::cli
