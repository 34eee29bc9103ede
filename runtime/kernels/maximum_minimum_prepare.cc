#include "runtime/kernels/maximum_minimum.h"

namespace mote {

Status PrepareMaximumMinimum(const Tensor& input1, const Tensor& input2, const Tensor& output,
                             MaximumMinimumParams* p) {
  MOTE_ENSURE(input1.type == output.type && input2.type == output.type, kUnsupported,
              "operands and output must have one dtype");
  switch (output.type) {
    case DType::kFloat32:
    case DType::kInt8:
    case DType::kInt16:
    case DType::kInt32:
    case DType::kInt64:
      break;
    default:
      return Status(StatusCode::kUnsupported, "dtype must be float32, int8, int16, int32 or int64");
  }
  return PrepareBroadcast(input1.shape, input2.shape, output.shape, &p->layout);
}

}  // namespace mote
