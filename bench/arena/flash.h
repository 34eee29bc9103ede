// bench_arena's flash figures: the bytes a `mote compile` module puts in flash, on the host and
// on the Cortex-M4, beside TFLite Micro's from ../shared/baselines.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace mote::bench {

// One program's flash. code + weights + other is all of it.
struct FlashSplit {
  int64_t code = 0;     // executable sections (.text; on the M4 also .vectors and unwind tables)
  int64_t weights = 0;  // the module's weight arrays (<name>_weights.cc)
  int64_t other = 0;    // other read-only data (per-layer params and tables) and the .data image
  int64_t total() const { return code + weights + other; }
};

// The host: the module of `mote compile --target host` and the runtime, both at -O2 with a
// section per function and object, linked with --gc-sections into a main that calls init() and
// invoke(). Each figure is that program's minus the same link of an empty main, so libc, the C
// start-up and the dynamic-linking sections do not count. Work files go to <work_dir>/<id>/.
bool MeasureHostFlash(const std::string& model_path, const std::string& id, const std::string& work_dir,
                      FlashSplit* out, std::string* error);

// One line when the Cortex-M4 cannot be built here (no cross compiler, cmake or readelf).
bool CanBuildM4(std::string* why);
// The Cortex-M4: `mote profile`'s profile.elf for mps2-an386 with the AOT module, linked and not
// run. All of its flash, counted as METHOD.md s.5 counts TFLM's: the measurement harness, libc
// and start-up are in `code` and `other`, as they are in TFLM's flash_code_bytes.
bool MeasureM4Flash(const std::string& model_path, FlashSplit* out, std::string* error);

// TFLM's flash on the Cortex-M4 (flash_code_bytes: everything but the model; flash_model_bytes:
// the .tflite), from the CMSIS-NN -O2 records, the build bench/speed compares with.
struct TflmFlash {
  int64_t code = 0;
  int64_t model = 0;
};
// By model id; empty with `error` set when the file cannot be read.
std::map<std::string, TflmFlash> LoadTflmM4Flash(const std::string& baselines_json, std::string* error);

}  // namespace mote::bench
