// libFuzzer target: any byte string given to the model reader (host import and device
// interpreter), and, when it loads, one inference on zeroed inputs. Must never crash or read out
// of bounds; build with scripts/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).
#include <cstdint>
#include <cstring>
#include <string>

#include "compiler/graph.h"
#include "compiler/io.h"
#include "runtime/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mote::AlignedBytes model(size);
  if (size) std::memcpy(model.data(), data, size);
  mote::Graph graph;
  std::string error;
  if (mote::ImportTflite(model.data(), model.size(), &graph, &error)) {
    // What `mote inspect` computes per op must also be safe on any graph that imports.
    for (const mote::OpInfo& op : graph.ops) {
      (void)mote::OpMacs(graph, op);
      (void)mote::OpKey(graph, op);
    }
  }

  static mote::AlignedBytes arena(size_t{8} << 20);
  mote::Interpreter interp;
  if (!interp.Init(model.data(), model.size(), arena.data(), arena.size()).ok()) return 0;
  for (int i = 0; i < interp.num_inputs(); ++i) std::memset(interp.input(i)->data, 0, interp.input(i)->Bytes());
  (void)interp.Invoke();
  return 0;
}
