#include "runtime/kernels/reduce.h"
#include "runtime/quant.h"

namespace mote {
namespace {

int FloorLog2(uint32_t v) {
  int n = -1;
  while (v) {
    v >>= 1;
    ++n;
  }
  return n;
}

// TFLM folds 1/count into the mean's multiplier with as many extra bits of precision as fit:
// at most 32, and never so many that the final right shift exceeds 31.
void FoldMeanCount(ReduceParams* p) {
  p->mean_multiplier = p->sum_multiplier;
  p->mean_shift = p->sum_shift;
  if (p->count <= 0) return;
  int32_t extra = Min<int32_t>(FloorLog2(static_cast<uint32_t>(p->count)), 32);
  extra = Max<int32_t>(0, Min<int32_t>(extra, 31 + p->sum_shift));
  p->mean_multiplier = static_cast<int32_t>((static_cast<int64_t>(p->sum_multiplier) << extra) / p->count);
  p->mean_shift = p->sum_shift - extra;
}

}  // namespace

Status ResolveReduceAxes(const Tensor& input, const Tensor& axis, const Tensor& output,
                         ReduceParams* p) {
  const int32_t rank = input.shape.rank;
  bool reduced[kMaxRank] = {};
  const int64_t num_axes = axis.NumElements();
  MOTE_ENSURE(axis.data || num_axes == 0, kInvalidModel, "axis tensor has no data");
  const int32_t* axes = axis.Data<int32_t>();
  // A scalar input has nothing to reduce: TFLM ignores the axis values then.
  for (int64_t i = 0; i < num_axes && rank > 0; ++i) {
    const int32_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    MOTE_ENSURE(a >= 0 && a < rank, kInvalidModel, "reduction axis out of range");
    reduced[a] = true;
  }

  Shape expected;
  int64_t count = 1;
  int64_t outputs = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    p->dims[d] = input.shape.dims[d];
    if (reduced[d]) {
      p->output_strides[d] = 0;
      count *= input.shape.dims[d];
    } else {
      p->output_strides[d] = static_cast<int32_t>(outputs);
      outputs *= input.shape.dims[d];
    }
  }
  for (int32_t d = 0; d < rank; ++d) {
    if (reduced[d] && !p->keep_dims) continue;
    expected.dims[expected.rank++] = reduced[d] ? 1 : input.shape.dims[d];
  }
  MOTE_ENSURE(output.shape == expected, kShapeMismatch,
              "output shape does not match the reduced input shape");
  // Both are below the input's element count unless some dimension is 0.
  MOTE_ENSURE(count <= INT32_MAX && outputs <= INT32_MAX, kUnsupported, "reduction too large");
  p->rank = rank;
  p->count = static_cast<int32_t>(count);
  p->num_outputs = static_cast<int32_t>(outputs);
  FoldMeanCount(p);
  // Larger shifts would overflow MultiplyByQuantizedMultiplier's left shift.
  MOTE_ENSURE((p->kind == ReduceKind::kMean ? p->mean_shift : p->sum_shift) <= 30, kUnsupported,
              "requantization multiplier too large");
  p->axes_resolved = true;
  return Status::Ok();
}

Status PrepareReduce(ReduceKind kind, const Tensor& input, const Tensor& axis, const Tensor& output,
                     const ReduceOptions& options, ReduceParams* p) {
  p->kind = kind;
  p->keep_dims = options.keep_dims;
  MOTE_ENSURE(axis.type == DType::kInt32, kUnsupported, "reduction axis must be int32");
  MOTE_ENSURE(axis.shape.rank <= 1, kInvalidModel, "reduction axis must be a scalar or 1-D");
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  const bool extremum = kind == ReduceKind::kMax || kind == ReduceKind::kMin;
  switch (input.type) {
    case DType::kFloat32:
      break;
    case DType::kInt8:
    case DType::kInt16:
      MOTE_ENSURE(input.q.quantized() && output.q.quantized(), kInvalidModel,
                  "quantized tensors need a scale");
      break;
    default:
      return Status(StatusCode::kUnsupported, "reductions support float32, int8 and int16");
  }
  if (input.type != DType::kFloat32) {
    p->input_zero_point = input.q.zero_point;
    p->output_zero_point = output.q.zero_point;
    if (extremum) {
      MOTE_ENSURE(input.q.scale == output.q.scale && input.q.zero_point == output.q.zero_point,
                  kUnsupported, "REDUCE_MAX/MIN input and output must share scale and zero point");
    } else {
      // Even with equal input and output quantization, TFLM requantizes (mobilenet_v2_int8's MEAN
      // matches its goldens only that way), so there is no raw-division path.
      const QuantizedMultiplier m = QuantizeMultiplier(static_cast<double>(input.q.scale) /
                                                       static_cast<double>(output.q.scale));
      p->sum_multiplier = m.multiplier;
      p->sum_shift = m.shift;
    }
  }
  p->axes_resolved = false;
  if (axis.is_constant) MOTE_TRY(ResolveReduceAxes(input, axis, output, p));
  return Status::Ok();
}

size_t ReduceScratchBytes(const ReduceParams& p, const Tensor& input, const Tensor& output) {
  const bool sums = p.kind == ReduceKind::kMean || p.kind == ReduceKind::kSum;
  if (!sums || input.type == DType::kFloat32) return 0;
  return static_cast<size_t>(output.NumElements()) * sizeof(int32_t);
}

}  // namespace mote
