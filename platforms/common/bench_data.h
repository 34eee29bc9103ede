// What the benchmark links besides the runtime: one model and its input cases, generated at
// build time from ../shared/models/<id>/ by platforms/common/embed_model.cmake into a C++ source
// (model.tflite byte for byte as a 16-byte aligned const array in flash, and every
// case<k>_in<i>.bin). The goldens stay on the host, which compares the printed outputs.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mote::bench {

struct Blob {
  const uint8_t* data;
  uint32_t size;
};

struct Case {
  const Blob* inputs;  // in model input order
  uint32_t num_inputs;
};

}  // namespace mote::bench

// C linkage keeps the symbol names plain for scripts/flash_report.sh (mote_model_data is the
// model's flash; mote_case_* are the embedded inputs, counted apart from code).
extern "C" {
extern const uint8_t mote_model_data[];
extern const uint32_t mote_model_size;
extern const char mote_model_id[];
extern const mote::bench::Case mote_cases[];
extern const uint32_t mote_num_cases;
// Invokes per golden case from a fresh state (the manifest's invokes_per_case; 1 without one).
extern const uint32_t mote_invokes_per_case;
}
