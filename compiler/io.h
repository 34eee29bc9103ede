// Host-side file helpers: whole-file reads into 16-byte-aligned memory (as a .tflite must be for
// the runtime), and .npy / raw .bin tensor files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/tensor.h"

namespace mote {

// Bytes with 16-byte alignment, owned.
class AlignedBytes {
 public:
  AlignedBytes() = default;
  explicit AlignedBytes(size_t size, bool zeroed = true);
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};

// Reads a whole file; false with `error` set when it cannot.
bool ReadFileAligned(const std::string& path, AlignedBytes* out, std::string* error);
bool WriteFile(const std::string& path, const void* data, size_t size, std::string* error);

// A tensor file: raw little-endian bytes (.bin) or numpy's .npy (version 1-3, little-endian,
// C order). `dtype` is the numpy name ("int8", "float32"...); empty for .bin.
struct TensorFile {
  std::string dtype;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;
};
bool ReadTensorFile(const std::string& path, TensorFile* out, std::string* error);
bool WriteNpy(const std::string& path, DType type, const Shape& shape, const void* data,
              std::string* error);

}  // namespace mote
