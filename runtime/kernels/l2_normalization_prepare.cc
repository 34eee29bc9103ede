#include "runtime/kernels/l2_normalization.h"

namespace mote {

Status PrepareL2Normalization(const Tensor& input, const Tensor& output, Activation activation,
                              L2NormParams* p) {
  MOTE_ENSURE(activation == Activation::kNone, kUnsupported,
              "L2_NORMALIZATION does not support a fused activation");
  MOTE_ENSURE(input.shape.rank >= 1 && input.shape.rank <= 4, kUnsupported,
              "L2_NORMALIZATION input must have rank 1 to 4");
  MOTE_ENSURE(output.shape == input.shape, kShapeMismatch, "output shape must match the input");
  MOTE_ENSURE(output.type == input.type, kUnsupported, "output dtype must match the input");
  p->depth = input.shape.Dim(-1);
  int64_t outer = 1;
  for (int32_t d = 0; d + 1 < input.shape.rank; ++d) outer *= input.shape.dims[d];
  MOTE_ENSURE(outer <= INT32_MAX, kUnsupported, "input too large");  // only with a 0-sized depth
  p->outer = static_cast<int32_t>(outer);
  if (input.type == DType::kFloat32) return Status::Ok();
  MOTE_ENSURE(input.type == DType::kInt8, kUnsupported, "L2_NORMALIZATION supports float32 and int8");
  MOTE_ENSURE(input.q.quantized(), kInvalidModel, "quantized tensors need a scale");
  // The kernel's result is in TFLite's fixed output quantization; any other would be misread.
  MOTE_ENSURE(output.q.scale == 1.0f / 128.0f && output.q.zero_point == 0, kUnsupported,
              "int8 L2_NORMALIZATION output must have scale 1/128 and zero point 0");
  p->input_zero_point = input.q.zero_point;
  return Status::Ok();
}

}  // namespace mote
