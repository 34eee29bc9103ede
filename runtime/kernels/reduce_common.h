// Iteration and quantized arithmetic shared by the reduce kernels.
#pragma once

#include <stdint.h>

#include "runtime/kernels/reduce.h"
#include "runtime/quant.h"

namespace mote {

// Calls fold(output_index, value) for every input element in input order. Output indices come
// from strides that are 0 along reduced axes, updated incrementally like an odometer.
template <typename In, typename Fold>
void ForEachReduced(const ReduceParams& p, const In* input, Fold fold) {
  int64_t total = 1;
  for (int32_t d = 0; d < p.rank; ++d) total *= p.dims[d];
  int32_t index[kMaxRank] = {};
  int32_t out = 0;
  for (int64_t i = 0; i < total; ++i) {
    fold(out, input[i]);
    for (int32_t d = p.rank - 1; d >= 0; --d) {
      if (++index[d] < p.dims[d]) {
        out += p.output_strides[d];
        break;
      }
      out -= p.output_strides[d] * (p.dims[d] - 1);
      index[d] = 0;
    }
  }
}

template <typename T>
void ReduceExtremum(const ReduceParams& p, const T* input, T* output, T init, bool take_max) {
  for (int32_t o = 0; o < p.num_outputs; ++o) output[o] = init;
  if (take_max)
    ForEachReduced(p, input, [output](int32_t o, T v) { output[o] = v > output[o] ? v : output[o]; });
  else
    ForEachReduced(p, input, [output](int32_t o, T v) { output[o] = v < output[o] ? v : output[o]; });
}

// int32 sums of raw values; TFLite lets them wrap, so the addition goes through uint32.
template <typename T>
void SumRaw(const ReduceParams& p, const T* input, int32_t* sums) {
  for (int32_t o = 0; o < p.num_outputs; ++o) sums[o] = 0;
  ForEachReduced(p, input, [sums](int32_t o, T v) {
    sums[o] = static_cast<int32_t>(static_cast<uint32_t>(sums[o]) + static_cast<uint32_t>(int32_t{v}));
  });
}

template <typename T>
void QuantizedMeanOrSum(const ReduceParams& p, const T* input, int32_t* sums, T* output, bool mean) {
  constexpr int32_t kMin = -(int32_t{1} << (sizeof(T) * 8 - 1));
  constexpr int32_t kMax = (int32_t{1} << (sizeof(T) * 8 - 1)) - 1;
  for (int32_t o = 0; o < p.num_outputs; ++o) output[o] = 0;
  if (p.count == 0) return;  // an empty reduced axis leaves zeros, as in TFLM
  SumRaw(p, input, sums);
  const int32_t multiplier = mean ? p.mean_multiplier : p.sum_multiplier;
  const int32_t shift = mean ? p.mean_shift : p.sum_shift;
  const int64_t zero_sum = static_cast<int64_t>(p.input_zero_point) * p.count;
  for (int32_t o = 0; o < p.num_outputs; ++o) {
    const int32_t shifted = static_cast<int32_t>(sums[o] - zero_sum);
    const int32_t v = MultiplyByQuantizedMultiplier(shifted, multiplier, shift) + p.output_zero_point;
    output[o] = static_cast<T>(Clamp(v, kMin, kMax));
  }
}

}  // namespace mote
