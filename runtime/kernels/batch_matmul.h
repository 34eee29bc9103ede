// BATCH_MATMUL: output[..., r, c] = sum_d lhs[..., r, d] * rhs[..., d, c], where adj_x / adj_y
// mean the stored lhs / rhs hold the transposed matrix ([..., d, r] / [..., c, d]). Ranks 2-5
// (as TFLite Micro); leading batch dimensions broadcast (a size-1 or missing dimension repeats).
// The kernels read both operands through strides, so no transposed copy is needed, and they
// accumulate in the same order as TFLite's reference, so results are bit-exact:
//   s8:  int8 lhs/rhs/output, any zero points, int32 accumulator
//   s16: int16 lhs/rhs/output, zero points 0, int64 accumulator
// Quantized outputs use one per-tensor multiplier (lhs scale x rhs scale / output scale).
#pragma once

#include <stdint.h>

#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

struct BatchMatMulOptions {
  bool adj_x = false;
  bool adj_y = false;
};

constexpr int kBatchMatMulMaxRank = 5;
constexpr int kBatchMatMulBatchDims = kBatchMatMulMaxRank - 2;

struct BatchMatMulParams {
  // Output batch dimensions (right-aligned, padded with 1) and each operand's element stride
  // along them: 0 where the operand broadcasts.
  int32_t batch[kBatchMatMulBatchDims] = {1, 1, 1};
  int32_t lhs_batch_stride[kBatchMatMulBatchDims] = {};
  int32_t rhs_batch_stride[kBatchMatMulBatchDims] = {};
  int32_t rows = 0;
  int32_t cols = 0;
  int32_t depth = 0;
  int32_t lhs_row_stride = 0;
  int32_t lhs_depth_stride = 0;
  int32_t rhs_depth_stride = 0;
  int32_t rhs_col_stride = 0;
  int32_t lhs_offset = 0;     // -lhs zero point
  int32_t rhs_offset = 0;     // -rhs zero point
  int32_t output_offset = 0;  // output zero point
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

Status PrepareBatchMatMul(const Tensor& lhs, const Tensor& rhs, const Tensor& output,
                          const BatchMatMulOptions& options, BatchMatMulParams* p);

void batch_matmul_f32_ref(const BatchMatMulParams& p, const float* lhs, const float* rhs,
                          float* output);
void batch_matmul_s8_ref(const BatchMatMulParams& p, const int8_t* lhs, const int8_t* rhs,
                         int8_t* output);
void batch_matmul_s16_ref(const BatchMatMulParams& p, const int16_t* lhs, const int16_t* rhs,
                          int16_t* output);

// Visits every output element in row-major order with the start of its lhs row and rhs column;
// `dot(lhs_row, rhs_col)` returns the finished output value.
template <typename TIn, typename TOut, typename Dot>
inline void ForEachBatchMatMulOutput(const BatchMatMulParams& p, const TIn* lhs, const TIn* rhs,
                                     TOut* output, Dot dot) {
  for (int32_t b0 = 0; b0 < p.batch[0]; ++b0) {
    for (int32_t b1 = 0; b1 < p.batch[1]; ++b1) {
      for (int32_t b2 = 0; b2 < p.batch[2]; ++b2) {
        const TIn* l = lhs + b0 * p.lhs_batch_stride[0] + b1 * p.lhs_batch_stride[1] +
                       b2 * p.lhs_batch_stride[2];
        const TIn* r = rhs + b0 * p.rhs_batch_stride[0] + b1 * p.rhs_batch_stride[1] +
                       b2 * p.rhs_batch_stride[2];
        for (int32_t row = 0; row < p.rows; ++row)
          for (int32_t col = 0; col < p.cols; ++col)
            *output++ = dot(l + row * p.lhs_row_stride, r + col * p.rhs_col_stride);
      }
    }
  }
}

}  // namespace mote
