#include "runtime/kernels/depthwise_conv2d.h"

namespace mote {
namespace {

Status CheckBias(const Tensor& input, const Tensor* bias, int32_t output_depth) {
  if (!bias) return Status::Ok();
  MOTE_ENSURE(bias->NumElements() == output_depth, kShapeMismatch, "bias size differs from the output channels");
  const DType want = input.type == DType::kFloat32 ? DType::kFloat32
                     : input.type == DType::kInt8  ? DType::kInt32
                                                   : DType::kInt64;
  MOTE_ENSURE(bias->type == want, kUnsupported,
              "DEPTHWISE_CONV_2D bias must be float32 (float32 input), int32 (int8) or int64 (int16)");
  return Status::Ok();
}

}  // namespace

Status PrepareDepthwiseConv2D(const Tensor& input, const Tensor& filter, const Tensor* bias,
                              const Tensor& output, const ConvOptions& options, ConvParams* p) {
  MOTE_TRY(CheckConvOptions(options));
  MOTE_ENSURE(input.shape.rank == 4 && filter.shape.rank == 4 && output.shape.rank == 4, kShapeMismatch,
              "input, filter and output must be 4-D (NHWC)");
  MOTE_TRY(CheckConvDtypes(input, filter, output));
  MOTE_ENSURE(filter.shape.dims[0] == 1, kShapeMismatch, "depthwise filter must be [1, KH, KW, channels]");
  p->batches = input.shape.dims[0];
  p->input_h = input.shape.dims[1];
  p->input_w = input.shape.dims[2];
  p->input_depth = input.shape.dims[3];
  p->filter_h = filter.shape.dims[1];
  p->filter_w = filter.shape.dims[2];
  p->output_depth = filter.shape.dims[3];
  p->filter_depth = 1;
  MOTE_ENSURE(p->input_depth > 0 && p->output_depth % p->input_depth == 0, kShapeMismatch,
              "filter channels are not a multiple of the input channels");
  p->depth_multiplier = p->output_depth / p->input_depth;
  MOTE_ENSURE(options.depth_multiplier == 0 || options.depth_multiplier == p->depth_multiplier, kInvalidModel,
              "depth_multiplier option differs from filter channels / input channels");
  p->stride_h = options.stride_h;
  p->stride_w = options.stride_w;
  p->dilation_h = options.dilation_h;
  p->dilation_w = options.dilation_w;
  MOTE_TRY(ConvWindow(options.padding, p->input_h, p->filter_h, p->stride_h, p->dilation_h, &p->output_h, &p->pad_h));
  MOTE_TRY(ConvWindow(options.padding, p->input_w, p->filter_w, p->stride_w, p->dilation_w, &p->output_w, &p->pad_w));
  MOTE_ENSURE(output.shape.dims[0] == p->batches && output.shape.dims[1] == p->output_h &&
                  output.shape.dims[2] == p->output_w && output.shape.dims[3] == p->output_depth,
              kShapeMismatch, "output shape differs from the convolution's");
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

}  // namespace mote
