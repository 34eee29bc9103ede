// Test-side tensors for the BATCH_MATMUL, SVDF and LSTM kernel tests: a runtime Tensor view over
// storage the test owns, with shape and quantization set in one call.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <vector>

#include "runtime/tensor.h"

namespace mote::test {

template <typename T>
class TestTensor {
 public:
  TestTensor() = default;
  TestTensor(DType type, const std::vector<int32_t>& dims, float scale = 0.0f, int32_t zero_point = 0) {
    view_.type = type;
    view_.shape.rank = static_cast<int32_t>(dims.size());
    for (size_t i = 0; i < dims.size(); ++i) view_.shape.dims[i] = dims[i];
    view_.q.scale = scale;
    view_.q.zero_point = zero_point;
    data_.assign(static_cast<size_t>(view_.shape.NumElements()), T{});
  }
  // The view points into data_, which moves with the object: refresh it on every access.
  Tensor& t() {
    view_.data = data_.empty() ? nullptr : data_.data();
    return view_;
  }
  std::vector<T>& v() { return data_; }
  T* data() { return data_.data(); }
  size_t size() const { return data_.size(); }

 private:
  Tensor view_;
  std::vector<T> data_;
};

template <typename T>
void FillUniform(std::mt19937& rng, std::vector<T>& v, double lo, double hi) {
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> d(lo, hi);
    for (auto& x : v) x = static_cast<T>(d(rng));
  } else {
    std::uniform_int_distribution<int64_t> d(static_cast<int64_t>(lo), static_cast<int64_t>(hi));
    for (auto& x : v) x = static_cast<T>(d(rng));
  }
}

inline int32_t QuantizeTo(double real, double scale, int32_t zero_point, int32_t qmin, int32_t qmax) {
  const double q = std::round(real / scale) + zero_point;
  return static_cast<int32_t>(std::min<double>(qmax, std::max<double>(qmin, q)));
}

}  // namespace mote::test
