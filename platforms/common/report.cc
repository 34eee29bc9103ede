#include "platforms/common/report.h"

#include "platforms/common/semihost.h"

namespace mote::platform {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Line buffer flushed with SYS_WRITE0 whenever it fills, so lines of any length work.
class Line {
 public:
  void Put(char c) {
    if (n_ == sizeof(buf_) - 1) Flush();
    buf_[n_++] = c;
  }
  void Put(const char* s) {
    while (*s != '\0') Put(*s++);
  }
  void PutU64(uint64_t v) {
    char digits[20];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) Put(digits[--n]);
  }
  void Flush() {
    buf_[n_] = '\0';
    if (n_ > 0) SemihostWrite0(buf_);
    n_ = 0;
  }
  void End() {
    Put('\n');
    Flush();
  }

 private:
  char buf_[256];
  size_t n_ = 0;
};

Line Start(const char* key) {
  Line line;
  line.Put(key);
  line.Put(' ');
  return line;
}

}  // namespace

void ReportU64(const char* key, uint64_t value) {
  Line line = Start(key);
  line.PutU64(value);
  line.End();
}

void ReportI64(const char* key, int64_t value) {
  Line line = Start(key);
  if (value < 0) line.Put('-');
  line.PutU64(value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
  line.End();
}

void ReportCenti(const char* key, uint64_t centi) {
  Line line = Start(key);
  line.PutU64(centi / 100);
  line.Put('.');
  line.Put(static_cast<char>('0' + centi % 100 / 10));
  line.Put(static_cast<char>('0' + centi % 10));
  line.End();
}

void ReportStr(const char* key, const char* value) {
  Line line = Start(key);
  line.Put(value);
  line.End();
}

void ReportHex32(const char* key, uint32_t value) {
  Line line = Start(key);
  for (int shift = 28; shift >= 0; shift -= 4) line.Put(kHex[(value >> shift) & 15u]);
  line.End();
}

void ReportBytes(const char* key, const void* data, size_t size) {
  Line line = Start(key);
  const uint8_t* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < size; ++i) {
    line.Put(kHex[p[i] >> 4]);
    line.Put(kHex[p[i] & 15u]);
  }
  line.End();
}

}  // namespace mote::platform
