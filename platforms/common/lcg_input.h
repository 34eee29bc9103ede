// The deterministic benchmark input of ../shared/baselines/METHOD.md s.4 step 2, shared by the
// device programs (bench_main.cc, profile_main.cc) and the host (`mote profile` runs the same
// input through the host interpreter to check the device's output). Header-only, freestanding.
//
// An LCG s = s*1664525 + 1013904223 seeded with 12345 at every fill, one step per element:
// 8-bit elements take the top byte of s, float32 ((s >> 8) & 0xFFFF) / 65536 - 0.5 (the
// baselines' two cases); int16 the top 16 bits, int32 all of s, int64 s sign-extended (types the
// baselines did not have).
#pragma once

#include <stdint.h>

#include "runtime/tensor.h"

namespace mote::bench {

constexpr uint32_t kLcgSeed = 12345u;

constexpr uint32_t LcgNext(uint32_t s) { return s * 1664525u + 1013904223u; }

// Fills `count` elements of `type` at `data` from a freshly seeded LCG.
inline void FillLcg(DType type, void* data, int64_t count) {
  uint32_t s = kLcgSeed;
  for (int64_t i = 0; i < count; ++i) {
    s = LcgNext(s);
    switch (type) {
      case DType::kFloat32:
        static_cast<float*>(data)[i] = static_cast<float>((s >> 8) & 0xFFFFu) / 65536.0f - 0.5f;
        break;
      case DType::kInt16:
        static_cast<int16_t*>(data)[i] = static_cast<int16_t>(s >> 16);
        break;
      case DType::kInt32:
        static_cast<int32_t*>(data)[i] = static_cast<int32_t>(s);
        break;
      case DType::kInt64:
        static_cast<int64_t*>(data)[i] = static_cast<int32_t>(s);
        break;
      default:  // int8, uint8, bool: one byte
        static_cast<uint8_t*>(data)[i] = static_cast<uint8_t>(s >> 24);
        break;
    }
  }
}

// FNV-1a (32-bit) of a byte range: the baselines' `output_hash` of output 0.
inline uint32_t Fnv1a32(const void* data, uint64_t size) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  uint32_t h = 2166136261u;
  for (uint64_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

}  // namespace mote::bench
