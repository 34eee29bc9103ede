// Small shared pieces of the runtime: names of codes and dtypes, the arena allocator, OpContext.
#include <string.h>

#include "runtime/op_kernel.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace mote {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidModel: return "invalid model";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kShapeMismatch: return "shape mismatch";
    case StatusCode::kArenaTooSmall: return "arena too small";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

const char* DTypeName(DType t) {
  switch (t) {
    case DType::kFloat32: return "float32";
    case DType::kFloat16: return "float16";
    case DType::kInt32: return "int32";
    case DType::kUInt8: return "uint8";
    case DType::kInt64: return "int64";
    case DType::kString: return "string";
    case DType::kBool: return "bool";
    case DType::kInt16: return "int16";
    case DType::kInt8: return "int8";
  }
  return "unknown";
}

size_t DTypeSize(DType t) {
  switch (t) {
    case DType::kFloat32: return 4;
    case DType::kFloat16: return 2;
    case DType::kInt32: return 4;
    case DType::kUInt8: return 1;
    case DType::kInt64: return 8;
    case DType::kBool: return 1;
    case DType::kInt16: return 2;
    case DType::kInt8: return 1;
    case DType::kString: return 0;
  }
  return 0;
}

void* ArenaAllocator::AllocateTop(size_t bytes, size_t align) {
  if (align == 0) align = 1;
  if (bytes > top_) {
    failed_ = true;
    requested_beyond_ += bytes - top_;
    return nullptr;
  }
  const size_t start = (top_ - bytes) / align * align;
  top_ = start;
  memset(base_ + start, 0, bytes);
  return base_ + start;
}

void* OpContext::AllocatePersistent(size_t bytes, size_t align) {
  return allocator_ ? allocator_->AllocateTop(bytes, align) : nullptr;
}

Status OpContext::RequestScratch(size_t bytes, int* index) {
  MOTE_ENSURE(num_scratch_ < kMaxScratchPerOp, kInternal, "too many scratch buffers for one op");
  scratch_bytes_[num_scratch_] = bytes;
  *index = num_scratch_++;
  return Status::Ok();
}

}  // namespace mote
