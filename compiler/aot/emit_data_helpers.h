// Helpers shared by the emitters of the data-movement, resize, reduction, normalization and arg
// ops: byte-generic kernels that take `void*` data, dtype-specific kernel names, nested params
// aggregates and small index arrays.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/aot/emitter.h"
#include "runtime/kernels/movement_common.h"

namespace mote::aot {

// The C type of one element of `type`, so that Data() names a weight array without a cast
// (the movement kernels take `const void*`, which any object pointer converts to).
inline const char* ElementCType(DType type) {
  switch (type) {
    case DType::kFloat32: return "float";
    case DType::kInt32: return "int32_t";
    case DType::kInt64: return "int64_t";
    case DType::kBool: return "bool";
    case DType::kInt16: return "int16_t";
    case DType::kInt8: return "int8_t";
    default: return "uint8_t";
  }
}

// The dtype part of a kernel's name (`reduce_max_s8_ref`) and the C type of its data.
struct KernelDType {
  const char* suffix;
  const char* ctype;
};
// False for a dtype the op has no kernel for: float32 and int8 always, int16 when `has_int16`.
inline bool KernelDTypeOf(DType type, bool has_int16, KernelDType* out) {
  switch (type) {
    case DType::kFloat32: *out = {"f32", "float"}; return true;
    case DType::kInt8: *out = {"s8", "int8_t"}; return true;
    case DType::kInt16: *out = {"s16", "int16_t"}; return has_int16;
    default: return false;
  }
}

inline std::string DataOf(EmitContext& ctx, const Tensor* t) { return ctx.Data(t, ElementCType(t->type)); }

// `{a, b, c}`: a braced initializer for a fixed-size array field.
template <typename T>
std::string ArrayLit(const T* values, int n) {
  std::string s = "{";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + Lit(static_cast<int64_t>(values[i]));
  return s + "}";
}

// The fields of a StridedCopyParams, in declaration order.
inline std::vector<EmitContext::Field> StridedCopyFields(const StridedCopyParams& p) {
  return {{"rank", Lit(p.rank)},
          {"count", ArrayLit(p.count, kMaxRank)},
          {"stride", ArrayLit(p.stride, kMaxRank)},
          {"offset", Lit(p.offset)},
          {"element_size", Lit(p.element_size)},
          {"total", Lit(p.total)}};
}

}  // namespace mote::aot
