// What a per-op code emitter sees when `mote compile` turns one prepared layer into C++: the
// host-prepared node (its params struct holds every multiplier and shift, computed on the host),
// and helpers that name tensors in the generated module (arena offsets, weight arrays) and
// collect the module's declarations and calls. One emitter per op, in compiler/aot/emit_<op>.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "runtime/interpreter.h"

namespace mote::aot {

class ModuleBuilder;

class EmitContext {
 public:
  EmitContext(ModuleBuilder& module, const Interpreter& interp, int node_index)
      : module_(module), interp_(interp), index_(node_index) {}

  const Node& node() const { return interp_.node(index_); }
  int index() const { return index_; }
  template <typename P>
  const P& params() const { return *node().ctx.params<P>(); }
  const Tensor* input(int i) const { return node().ctx.input(i); }
  const Tensor* output(int i) const { return node().ctx.output(i); }
  // The target's kernel variants (the dispatch headers turn params + isa into a kernel name).
  KernelIsa isa() const { return interp_.kernel_isa(); }

  // A C++ expression for tensor data as `const T*` / `T*`: an arena offset, a weight array in
  // flash, or nullptr for a left-out optional tensor.
  std::string Data(const Tensor* t, const char* ctype);
  // A scratch buffer the op requested in Prepare (ctx.RequestScratch), as `T*` into the arena.
  std::string Scratch(int index, const char* ctype);
  // A `const mote::Tensor` object in flash describing `t` (data pointer, dtype, shape,
  // quantization), for kernels that take tensors rather than raw pointers; returns its name.
  std::string TensorObject(const Tensor* t, const std::string& suffix);
  // `expr` (a const table name or "nullptr") as a value for a non-const pointer field.
  static std::string MutablePtr(const std::string& expr, const char* ctype);
  // The name of a new flash array for a per-layer table (per-channel multipliers, LUTs...).
  template <typename T>
  std::string Table(const std::string& suffix, const char* ctype, const T* values, size_t n);
  // A weight array made at compile time from the model's constants (a filter packed for the
  // target's kernel, a bias with an offset folded in): written beside the model's weights in the
  // weights file, 16-byte aligned, and counted as weights; returns its name. `doc` says what it is.
  template <typename T>
  std::string DerivedWeights(const std::string& suffix, const char* ctype, const std::string& doc,
                             const std::vector<T>& values);
  // The layer's params object: `mote::TypeName kLayerN = {fields...};` in flash. Fields are
  // written in declaration order with their names as comments.
  struct Field {
    std::string name;
    std::string value;
  };
  std::string Params(const std::string& type, const std::vector<Field>& fields);
  // One statement in invoke(), after a comment naming the layer, its shapes and offsets.
  void Call(const std::string& statement);
  void Include(const std::string& header);
  std::string LayerName() const { return fmt::format("kLayer{}", index_); }

 private:
  ModuleBuilder& module_;
  const Interpreter& interp_;
  int index_;
};

// Emits node `ctx.index()`; false with `error` set when the op or its dtype is not supported.
using EmitFn = bool (*)(EmitContext& ctx, std::string* error);
EmitFn FindEmitter(int32_t builtin_code);

// Field helpers for Params().
std::string Lit(int64_t v);
inline std::string Lit(int32_t v) { return Lit(static_cast<int64_t>(v)); }
std::string Lit(float v);
std::string Lit(bool v);

}  // namespace mote::aot
