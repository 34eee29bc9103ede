// `KEY value` lines over semihosting, the benchmark's whole output format (one line each, keys
// are [a-z0-9_]+). No printf: the harness should add as little code as possible to the flash
// figures, and formatting needs only integers, hundredths and hex.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mote::platform {

void ReportU64(const char* key, uint64_t value);
void ReportI64(const char* key, int64_t value);
// value / 100 with two decimals ("2000031.25").
void ReportCenti(const char* key, uint64_t centi);
void ReportStr(const char* key, const char* value);
// Lowercase hex, 8 digits.
void ReportHex32(const char* key, uint32_t value);
// The bytes as one lowercase hex string (two digits per byte, memory order).
void ReportBytes(const char* key, const void* data, size_t size);

}  // namespace mote::platform
