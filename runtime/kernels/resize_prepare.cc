#include "runtime/kernels/movement_common.h"
#include "runtime/kernels/resize_common.h"

namespace mote {

Status PrepareResize(const Tensor& input, const Tensor& size, const Tensor& output,
                     const ResizeOptions& options, ResizeParams* p) {
  MOTE_TRY(CheckMovementTypes(input, output));
  MOTE_ENSURE(input.shape.rank == 4 && output.shape.rank == 4, kShapeMismatch,
              "input and output must be 4-D NHWC");
  MOTE_ENSURE(size.type == DType::kInt32 && size.shape.rank == 1 && size.shape.dims[0] == 2,
              kInvalidModel, "size must be an int32 [2] tensor");
  MOTE_ENSURE(size.is_constant, kUnsupported, "non-constant size tensor");
  const int32_t* hw = size.Data<int32_t>();
  MOTE_ENSURE(output.shape.dims[1] == hw[0] && output.shape.dims[2] == hw[1], kShapeMismatch,
              "output height and width differ from the size tensor");
  MOTE_ENSURE(output.shape.dims[0] == input.shape.dims[0] && output.shape.dims[3] == input.shape.dims[3],
              kShapeMismatch, "output batch or depth differs from the input");
  p->batches = input.shape.dims[0];
  p->input_height = input.shape.dims[1];
  p->input_width = input.shape.dims[2];
  p->output_height = hw[0];
  p->output_width = hw[1];
  p->depth = input.shape.dims[3];
  // Zero sizes would divide by zero in the scale; an empty image has nothing to resample.
  MOTE_ENSURE(p->input_height > 0 && p->input_width > 0 && p->output_height > 0 && p->output_width > 0,
              kUnsupported, "empty image");
  p->element_size = static_cast<int32_t>(DTypeSize(input.type));
  p->options = options;
  return Status::Ok();
}

}  // namespace mote
