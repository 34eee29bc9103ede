// A fixed-size string builder for error messages on the device (no snprintf, no heap).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mote {

class StrBuf {
 public:
  StrBuf(char* out, size_t cap) : out_(out), cap_(cap) {
    if (cap_) out_[0] = '\0';
  }
  StrBuf& operator<<(const char* s) {
    while (s && *s) Put(*s++);
    return *this;
  }
  StrBuf& operator<<(int64_t v) {
    char digits[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    do {
      digits[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u);
    if (v < 0) Put('-');
    while (n) Put(digits[--n]);
    return *this;
  }
  StrBuf& operator<<(int v) { return *this << static_cast<int64_t>(v); }
  StrBuf& operator<<(size_t v) { return *this << static_cast<int64_t>(v); }

 private:
  void Put(char c) {
    if (len_ + 1 < cap_) {
      out_[len_++] = c;
      out_[len_] = '\0';
    }
  }
  char* out_;
  size_t cap_;
  size_t len_ = 0;
};

}  // namespace mote
