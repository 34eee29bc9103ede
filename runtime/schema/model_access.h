// Reads of a verified .tflite that the flatbuffers Verifier does not make safe by itself. It checks
// that a vector lies inside the buffer and that its length word is 4-byte aligned, not that its
// elements are aligned for their type: a hostile model can place the int64 zero points at an
// address where a typed load is undefined (and an LDRD faults on Cortex-M). Both the host importer
// and the device interpreter read them through here.
#pragma once

#include <stdint.h>
#include <string.h>

#include "runtime/schema/tflite_generated.h"

namespace mote {

inline int64_t ZeroPointAt(const flatbuffers::Vector<int64_t>& zero_points, flatbuffers::uoffset_t i) {
  int64_t v;
  memcpy(&v, reinterpret_cast<const uint8_t*>(zero_points.data()) + sizeof(int64_t) * i, sizeof v);
  return v;
}

}  // namespace mote
