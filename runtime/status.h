// Status codes for everything that can fail on the device or the host: never an exception, never
// an abort. A Status carries a code and a short static reason; callers with more context (the
// interpreter knows the op index and tensor) prefix their own details when they report it.
#pragma once

#include <stdint.h>

namespace mote {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidModel,     // the flatbuffer is malformed, or an index/shape in it is inconsistent
  kUnsupported,      // a valid model uses an op, option or dtype mote does not implement
  kShapeMismatch,    // tensors do not have the shapes the op requires
  kArenaTooSmall,    // the caller's arena cannot hold the plan
  kInvalidArgument,  // a caller passed a bad value (wrong input size, null pointer...)
  kInternal,
};

class [[nodiscard]] Status {
 public:
  constexpr Status() = default;
  constexpr Status(StatusCode code, const char* message) : code_(code), message_(message) {}

  static constexpr Status Ok() { return Status(); }
  constexpr bool ok() const { return code_ == StatusCode::kOk; }
  constexpr StatusCode code() const { return code_; }
  constexpr const char* message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  const char* message_ = "ok";
};

const char* StatusCodeName(StatusCode code);

}  // namespace mote

// Propagate a failing Status to the caller.
#define MOTE_TRY(expr)                    \
  do {                                    \
    ::mote::Status mote_try_s_ = (expr);  \
    if (!mote_try_s_.ok()) return mote_try_s_; \
  } while (0)

// Return `code` with `msg` unless `cond` holds.
#define MOTE_ENSURE(cond, code, msg)                                   \
  do {                                                                 \
    if (!(cond)) return ::mote::Status(::mote::StatusCode::code, msg); \
  } while (0)
