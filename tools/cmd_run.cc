// mote run MODEL -i IN [-i IN2...] -o OUT [...]: one inference on the host with the runtime
// interpreter. Inputs are raw little-endian .bin or .npy; outputs are written as .npy when the
// name ends in .npy, raw bytes otherwise.
#include <fmt/core.h>

#include "compiler/host_model.h"
#include "compiler/io.h"
#include "tools/commands.h"

namespace mote::cli {
namespace {

struct RunArgs {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int Run(const RunArgs& a) {
  std::string error;
  auto model = HostModel::Load(a.model, &error);
  if (!model) {
    fmt::print(stderr, "mote run: {}\n", error);
    return 1;
  }
  Interpreter& interp = model->interpreter();
  if (static_cast<int>(a.inputs.size()) != interp.num_inputs()) {
    fmt::print(stderr, "mote run: model has {} input(s), {} given with -i\n", interp.num_inputs(), a.inputs.size());
    return 2;
  }
  if (a.outputs.size() > static_cast<size_t>(interp.num_outputs())) {
    fmt::print(stderr, "mote run: model has {} output(s), {} given with -o\n", interp.num_outputs(), a.outputs.size());
    return 2;
  }
  for (int i = 0; i < interp.num_inputs(); ++i) {
    TensorFile tf;
    if (!ReadTensorFile(a.inputs[i], &tf, &error)) {
      fmt::print(stderr, "mote run: {}\n", error);
      return 1;
    }
    const Tensor* t = interp.input(i);
    if (!tf.dtype.empty() && tf.dtype != DTypeName(t->type)) {
      fmt::print(stderr, "mote run: input {} ('{}') is {}, file '{}' holds {}\n", i, t->name, DTypeName(t->type),
                 a.inputs[i], tf.dtype);
      return 2;
    }
    if (!model->SetInput(i, tf.bytes, &error)) {
      fmt::print(stderr, "mote run: {} (file '{}')\n", error, a.inputs[i]);
      return 2;
    }
  }
  if (!model->Invoke(&error)) {
    fmt::print(stderr, "mote run: {}\n", error);
    return 1;
  }
  for (size_t o = 0; o < a.outputs.size(); ++o) {
    const Tensor* t = interp.output(static_cast<int>(o));
    const bool ok = EndsWith(a.outputs[o], ".npy") ? WriteNpy(a.outputs[o], t->type, t->shape, t->data, &error)
                                                  : WriteFile(a.outputs[o], t->data, t->Bytes(), &error);
    if (!ok) {
      fmt::print(stderr, "mote run: {}\n", error);
      return 1;
    }
  }
  return 0;
}

}  // namespace

void RegisterRun(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run one inference on the host and write the outputs");
  cmd->add_option("model", args->model, ".tflite model")->required()->check(CLI::ExistingFile);
  cmd->add_option("-i,--input", args->inputs, "input tensor file (.bin raw little-endian or .npy), in model input order")
      ->required();
  cmd->add_option("-o,--output", args->outputs, "output file (.npy, else raw bytes), in model output order");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace mote::cli
