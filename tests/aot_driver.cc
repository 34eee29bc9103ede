// Host driver for a module emitted by `mote compile`, used by aot_test: built with
// -DMOTE_AOT_HEADER="name.h" -DMOTE_AOT_NS=name. Usage: driver IN0 [IN1 ...] -- OUT0 [OUT1 ...]
// Reads raw input bytes, runs init() and invoke() once, writes raw output bytes.
#include <cstdio>
#include <cstring>
#include <vector>

#include MOTE_AOT_HEADER

namespace m = MOTE_AOT_NS;

int main(int argc, char** argv) {
  int sep = 1;
  while (sep < argc && std::strcmp(argv[sep], "--") != 0) ++sep;
  if (sep - 1 != m::kNumInputs || argc - sep - 1 != m::kNumOutputs) {
    std::fprintf(stderr, "driver: expected %d inputs and %d outputs\n", m::kNumInputs, m::kNumOutputs);
    return 2;
  }
  m::init();
  for (int i = 0; i < m::kNumInputs; ++i) {
    FILE* f = std::fopen(argv[1 + i], "rb");
    if (!f) return 3;
    const size_t n = std::fread(m::input_data(i), 1, m::input_bytes(i), f);
    std::fclose(f);
    if (n != m::input_bytes(i)) {
      std::fprintf(stderr, "driver: %s has %zu bytes, input %d needs %zu\n", argv[1 + i], n, i, m::input_bytes(i));
      return 4;
    }
  }
  const mote::Status s = m::invoke();
  if (!s.ok()) {
    std::fprintf(stderr, "driver: invoke failed: %s\n", s.message());
    return 5;
  }
  for (int o = 0; o < m::kNumOutputs; ++o) {
    FILE* f = std::fopen(argv[sep + 1 + o], "wb");
    if (!f || std::fwrite(m::output_data(o), 1, m::output_bytes(o), f) != m::output_bytes(o)) return 6;
    std::fclose(f);
  }
  return 0;
}
