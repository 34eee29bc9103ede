#include "runtime/kernels/batch_matmul.h"
#include "runtime/quant.h"

namespace mote {
namespace {

// The shape right-aligned into kBatchMatMulMaxRank dimensions, padded with 1 in front.
Shape Extend(const Shape& s) {
  Shape e;
  e.rank = kBatchMatMulMaxRank;
  const int pad = kBatchMatMulMaxRank - s.rank;
  for (int i = 0; i < kBatchMatMulMaxRank; ++i) e.dims[i] = i < pad ? 1 : s.dims[i - pad];
  return e;
}

// Element strides of the batch dimensions of a row-major extended shape, 0 where size is 1.
void BatchStrides(const Shape& e, int32_t* strides) {
  int64_t stride = static_cast<int64_t>(e.dims[3]) * e.dims[4];
  for (int i = kBatchMatMulBatchDims - 1; i >= 0; --i) {
    strides[i] = e.dims[i] == 1 ? 0 : static_cast<int32_t>(stride);
    stride *= e.dims[i];
  }
}

Status PrepareQuantized(const Tensor& lhs, const Tensor& rhs, const Tensor& output,
                        BatchMatMulParams* p) {
  MOTE_ENSURE(lhs.q.quantized() && rhs.q.quantized() && output.q.quantized(), kInvalidModel,
              "quantized BATCH_MATMUL tensors need a scale");
  const bool s16 = lhs.type == DType::kInt16;
  if (s16)
    MOTE_ENSURE(lhs.q.zero_point == 0 && rhs.q.zero_point == 0 && output.q.zero_point == 0,
                kUnsupported, "int16 BATCH_MATMUL needs zero points of 0");
  else
    MOTE_ENSURE(lhs.q.zero_point >= -128 && lhs.q.zero_point <= 127 && rhs.q.zero_point >= -128 &&
                    rhs.q.zero_point <= 127 && output.q.zero_point >= -128 &&
                    output.q.zero_point <= 127,
                kInvalidModel, "int8 zero point out of range");
  p->lhs_offset = -lhs.q.zero_point;
  p->rhs_offset = -rhs.q.zero_point;
  p->output_offset = output.q.zero_point;
  // TFLM reads only the first scale of each tensor and forms the product in float, the
  // quotient in double (GetQuantizedConvolutionMultipler).
  const double real = static_cast<double>(lhs.q.scale * rhs.q.scale) /
                      static_cast<double>(output.q.scale);
  MOTE_ENSURE(real > 0.0, kInvalidModel, "BATCH_MATMUL scales must be positive");
  const QuantizedMultiplier m = QuantizeMultiplier(real);
  // The int8 rescale shifts left by `shift`, the int16 one right by 15 - shift.
  MOTE_ENSURE(m.shift <= (s16 ? 14 : 30), kUnsupported, "BATCH_MATMUL output scale too small");
  p->output_multiplier = m.multiplier;
  p->output_shift = m.shift;
  // No fused activation: the output saturates at its dtype's range.
  p->act_min = s16 ? -32768 : -128;
  p->act_max = s16 ? 32767 : 127;
  return Status::Ok();
}

}  // namespace

Status PrepareBatchMatMul(const Tensor& lhs, const Tensor& rhs, const Tensor& output,
                          const BatchMatMulOptions& options, BatchMatMulParams* p) {
  MOTE_ENSURE(lhs.type == rhs.type && lhs.type == output.type, kUnsupported,
              "BATCH_MATMUL needs lhs, rhs and output of one dtype");
  MOTE_ENSURE(lhs.type == DType::kFloat32 || lhs.type == DType::kInt8 || lhs.type == DType::kInt16,
              kUnsupported, "BATCH_MATMUL dtype must be float32, int8 or int16");
  MOTE_ENSURE(lhs.shape.rank >= 2 && lhs.shape.rank <= kBatchMatMulMaxRank &&
                  rhs.shape.rank >= 2 && rhs.shape.rank <= kBatchMatMulMaxRank,
              kUnsupported, "BATCH_MATMUL operands must have rank 2 to 5");
  const Shape l = Extend(lhs.shape);
  const Shape r = Extend(rhs.shape);
  int64_t batches = 1;
  for (int i = 0; i < kBatchMatMulBatchDims; ++i) {
    MOTE_ENSURE(l.dims[i] == r.dims[i] || l.dims[i] == 1 || r.dims[i] == 1, kShapeMismatch,
                "BATCH_MATMUL batch dimensions do not broadcast");
    p->batch[i] = l.dims[i] == 1 ? r.dims[i] : l.dims[i];
    batches *= p->batch[i];
  }
  BatchStrides(l, p->lhs_batch_stride);
  BatchStrides(r, p->rhs_batch_stride);

  // Stored lhs is [rows, depth], or [depth, rows] with adj_x; rhs is [depth, cols] or
  // [cols, depth] with adj_y.
  p->rows = options.adj_x ? l.dims[4] : l.dims[3];
  p->depth = options.adj_x ? l.dims[3] : l.dims[4];
  p->lhs_row_stride = options.adj_x ? 1 : l.dims[4];
  p->lhs_depth_stride = options.adj_x ? l.dims[4] : 1;
  const int32_t rhs_depth = options.adj_y ? r.dims[4] : r.dims[3];
  p->cols = options.adj_y ? r.dims[3] : r.dims[4];
  p->rhs_col_stride = options.adj_y ? r.dims[4] : 1;
  p->rhs_depth_stride = options.adj_y ? 1 : r.dims[4];
  MOTE_ENSURE(p->depth == rhs_depth, kShapeMismatch,
              "BATCH_MATMUL lhs and rhs inner dimensions differ");

  // TFLM only checks that the output holds the broadcast result: enough rank and elements.
  const int out_rank = lhs.shape.rank > rhs.shape.rank ? lhs.shape.rank : rhs.shape.rank;
  MOTE_ENSURE(output.shape.rank >= out_rank, kShapeMismatch, "BATCH_MATMUL output rank too small");
  MOTE_ENSURE(output.NumElements() == batches * p->rows * p->cols, kShapeMismatch,
              "BATCH_MATMUL output size is not batch x rows x cols");

  if (lhs.type == DType::kFloat32) return Status::Ok();
  return PrepareQuantized(lhs, rhs, output, p);
}

}  // namespace mote
