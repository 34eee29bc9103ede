// Helpers shared by the elementwise emitters (binary arithmetic, unary activations and
// converters, LOGISTIC/TANH, SOFTMAX): C++ spellings of dtypes and of the broadcast layout, and
// the one kernel call shape most of these ops use, `kernel(params, input..., output)`.
#pragma once

#include <initializer_list>
#include <string>

#include <fmt/format.h>

#include "compiler/aot/emitter.h"
#include "runtime/kernels/binary_common.h"

namespace mote::aot {

// The C++ element type a kernel takes for tensors of dtype `t`; nullptr for dtypes no
// elementwise kernel reads.
inline const char* ElementCType(DType t) {
  switch (t) {
    case DType::kFloat32: return "float";
    case DType::kInt8: return "int8_t";
    case DType::kUInt8: return "uint8_t";
    case DType::kInt16: return "int16_t";
    case DType::kInt32: return "int32_t";
    case DType::kInt64: return "int64_t";
    default: return nullptr;
  }
}

// The dtype part of a kernel's name ("s8" in add_s8_ref) when `t` is one of the dtypes the op's
// glue runs, else nullptr.
inline const char* KernelDType(DType t, std::initializer_list<DType> supported) {
  bool runs = false;
  for (DType s : supported) runs = runs || s == t;
  if (!runs) return nullptr;
  switch (t) {
    case DType::kFloat32: return "f32";
    case DType::kInt8: return "s8";
    case DType::kInt16: return "s16";
    case DType::kInt32: return "s32";
    case DType::kInt64: return "s64";
    default: return nullptr;
  }
}

// `{v0, v1, ...}` for an int32 array field.
template <size_t N>
std::string ArrayLit(const int32_t (&values)[N]) {
  std::string s = "{";
  for (size_t i = 0; i < N; ++i) s += (i ? ", " : "") + Lit(values[i]);
  return s + "}";
}

// A BroadcastLayout as a nested aggregate, fields in declaration order.
inline std::string BroadcastLayoutLit(const BroadcastLayout& l) {
  return fmt::format("{{{}, {}, {}, {}, {}}}", Lit(l.rank), ArrayLit(l.dims), ArrayLit(l.strides1),
                     ArrayLit(l.strides2), Lit(l.num_elements));
}

// The error every elementwise emitter reports for a dtype its op's Eval does not run.
inline bool NoKernelForDType(EmitContext& ctx, std::string* error) {
  *error = fmt::format("no emitter for {} -> {}", DTypeName(ctx.input(0)->type), DTypeName(ctx.output(0)->type));
  return false;
}

// Emits `mote::<kernel>(params, input0, [input1,] output0);` with tensor data typed as the
// kernel declares it: inputs as `in_ctype` (input 1 as `in1_ctype`), the output as `out_ctype`.
inline void CallElementwise(EmitContext& ctx, const std::string& kernel, const std::string& params, int num_inputs,
                            const char* in_ctype, const char* in1_ctype, const char* out_ctype) {
  std::string args = params + ", " + ctx.Data(ctx.input(0), in_ctype);
  if (num_inputs == 2) args += ", " + ctx.Data(ctx.input(1), in1_ctype);
  args += ", " + ctx.Data(ctx.output(0), out_ctype);
  ctx.Call(fmt::format("mote::{}({});", kernel, args));
}

}  // namespace mote::aot
