#include "runtime/kernels/transpose_conv.h"

namespace mote {
namespace {

Status CheckBias(const Tensor& input, const Tensor* bias, int32_t output_depth) {
  if (!bias) return Status::Ok();
  MOTE_ENSURE(bias->NumElements() == output_depth, kShapeMismatch, "bias size differs from the filter count");
  switch (input.type) {
    case DType::kFloat32:
      MOTE_ENSURE(bias->type == DType::kFloat32, kUnsupported, "float32 TRANSPOSE_CONV needs a float32 bias");
      break;
    case DType::kInt8:
      MOTE_ENSURE(bias->type == DType::kInt32, kUnsupported, "int8 TRANSPOSE_CONV needs an int32 bias");
      break;
    default:
      MOTE_ENSURE(bias->type == DType::kInt64 || bias->type == DType::kInt16, kUnsupported,
                  "int16 TRANSPOSE_CONV needs an int64 or int16 bias");
      break;
  }
  return Status::Ok();
}

}  // namespace

Status PrepareTransposeConv(const Tensor& input, const Tensor& filter, const Tensor* bias,
                            const Tensor& output, const ConvOptions& options, ConvParams* p) {
  MOTE_TRY(CheckConvOptions(options));
  MOTE_ENSURE(options.dilation_h == 1 && options.dilation_w == 1, kInvalidModel, "TRANSPOSE_CONV has no dilation");
  MOTE_ENSURE(input.shape.rank == 4 && filter.shape.rank == 4 && output.shape.rank == 4, kShapeMismatch,
              "input, filter and output must be 4-D (NHWC)");
  MOTE_TRY(CheckConvDtypes(input, filter, output));
  p->batches = input.shape.dims[0];
  p->input_h = input.shape.dims[1];
  p->input_w = input.shape.dims[2];
  p->input_depth = input.shape.dims[3];
  p->output_depth = filter.shape.dims[0];
  p->filter_h = filter.shape.dims[1];
  p->filter_w = filter.shape.dims[2];
  p->filter_depth = filter.shape.dims[3];
  MOTE_ENSURE(p->filter_depth == p->input_depth, kShapeMismatch, "filter depth differs from the input channels");
  MOTE_ENSURE(output.shape.dims[0] == p->batches && output.shape.dims[3] == p->output_depth, kShapeMismatch,
              "output batch or channels differ from the input batch and filter count");
  p->output_h = output.shape.dims[1];
  p->output_w = output.shape.dims[2];
  p->stride_h = options.stride_h;
  p->stride_w = options.stride_w;
  int32_t unused;
  MOTE_TRY(ConvWindow(options.padding, p->output_h, p->filter_h, p->stride_h, 1, &unused, &p->pad_h));
  MOTE_TRY(ConvWindow(options.padding, p->output_w, p->filter_w, p->stride_w, 1, &unused, &p->pad_w));
  // Scatter origins are input index * stride, however the input and output sizes relate.
  constexpr int64_t kLimit = int64_t{1} << 30;
  MOTE_ENSURE(int64_t{p->input_h} * p->stride_h < kLimit && int64_t{p->input_w} * p->stride_w < kLimit,
              kUnsupported, "input too large for its stride");
  MOTE_TRY(CheckBias(input, bias, p->output_depth));

  if (input.type == DType::kFloat32) {
    const FloatRange r = FloatActivationRange(static_cast<uint8_t>(options.activation));
    p->float_min = r.min;
    p->float_max = r.max;
    return Status::Ok();
  }
  p->wide_accumulator = input.type == DType::kInt16;
  return PrepareConvQuantization(input, filter, output, p->output_depth, options.activation,
                                 p->wide_accumulator, p);
}

size_t TransposeConvScratchBytes(const ConvParams& p, DType input_type) {
  const size_t outputs = static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_depth;
  switch (input_type) {
    case DType::kInt8: return outputs * sizeof(int32_t);
    case DType::kInt16: return outputs * sizeof(int64_t);
    default: return 0;
  }
}

}  // namespace mote
