// The tensor view every kernel sees: dtype, shape, quantization and a data pointer. It owns
// nothing: data lives in the arena (activations, state) or in flash (constants).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mote {

constexpr int kMaxRank = 6;

// Values are TFLite's TensorType codes, so a model's type byte converts directly.
enum class DType : uint8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kInt8 = 9,
};

const char* DTypeName(DType t);       // numpy spelling: "float32", "int8", ...
size_t DTypeSize(DType t);            // bytes per element, 0 for unsized types

// Element counts and MAC counts of hostile models can exceed int64: saturate instead of wrapping.
inline int64_t SaturatingMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
  return r;
}

struct Shape {
  int32_t rank = 0;
  int32_t dims[kMaxRank] = {};

  int64_t NumElements() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n = SaturatingMul(n, dims[i]);
    return n;
  }
  // Dimension i counted from the end when negative (-1 = last).
  int32_t Dim(int i) const { return dims[i < 0 ? rank + i : i]; }
  bool operator==(const Shape& o) const {
    if (rank != o.rank) return false;
    for (int i = 0; i < rank; ++i)
      if (dims[i] != o.dims[i]) return false;
    return true;
  }
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

// real = scale * (q - zero_point). Per-channel tensors (conv weights) also carry one scale per
// index of `axis`; `scale` is then channel 0's.
struct Quantization {
  float scale = 0.0f;
  int32_t zero_point = 0;
  const float* channel_scales = nullptr;
  int32_t num_channels = 0;   // 0 or 1 = per-tensor
  int32_t axis = 0;

  bool quantized() const { return scale != 0.0f; }
  bool per_channel() const { return num_channels > 1; }
  float ChannelScale(int c) const { return per_channel() ? channel_scales[c] : scale; }
};

struct Tensor {
  void* data = nullptr;
  DType type = DType::kFloat32;
  Shape shape;
  Quantization q;
  bool is_constant = false;   // data in the model (flash)
  bool is_variable = false;   // state that persists across invokes (LSTM, SVDF)
  const char* name = "";

  int64_t NumElements() const { return shape.NumElements(); }
  size_t Bytes() const { return static_cast<size_t>(NumElements()) * DTypeSize(type); }

  template <typename T>
  T* Data() { return static_cast<T*>(data); }
  template <typename T>
  const T* Data() const { return static_cast<const T*>(data); }
};

// Fused activation of conv, pool, elementwise... ops. Values are TFLite's codes.
enum class Activation : uint8_t { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kTanh = 4, kSignBit = 5 };

enum class Padding : uint8_t { kSame = 0, kValid = 1 };

}  // namespace mote
