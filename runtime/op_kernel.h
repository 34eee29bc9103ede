// The contract between the interpreter and each operator: an OpKernel is a prepare step (check
// shapes and dtypes, precompute multipliers into a params struct in persistent arena memory,
// request scratch) and an eval step (run the kernel on the prepared params). Glue for each op
// lives in runtime/ops/<op>.cc; the arithmetic lives in runtime/kernels/.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/kernels/kernel_isa.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace tflite {
struct Operator;
}

namespace mote {

class ArenaAllocator;
class OpContext;

struct OpKernel {
  const char* name;       // TFLite builtin name, e.g. "CONV_2D"
  int32_t builtin_code;   // TFLite BuiltinOperator value
  const char* dtypes;     // supported (op, dtype) keys, space-separated, as in the manifests:
                          // "float32 int8 int16x8"; `mote ops` and error messages print it
  Status (*prepare)(OpContext& ctx);
  Status (*eval)(OpContext& ctx);
  // What the memory planner may share (runtime/schedule.h). Bit i of `in_place_inputs`: output 0
  // may be written over input i when that input has the output's bytes and element size and no
  // later op reads it. Set it only where every kernel of the op reads element j of input i
  // before writing element j of the output and reads no other element of it afterwards
  // (MapElements, BroadcastBinary); never for ops that gather, reduce or read neighbours.
  uint8_t in_place_inputs = 0;
  // Output 0 is input 0's bytes unchanged (RESHAPE, SQUEEZE, EXPAND_DIMS): the two may share
  // memory for their whole lives, since no op writes either after it is made.
  bool output_views_input = false;
  // After prepare: true when output 0 may overlap input 0, placed `*lag` bytes below it (the
  // kernel streams: kernels/conv_common.h ConvStreamLag). The planner uses it when input 0 has
  // no other reader. nullptr: never.
  bool (*stream_lag)(const OpContext& ctx, size_t* lag) = nullptr;
};

constexpr uint8_t kInPlaceInput0 = 1;
constexpr uint8_t kInPlaceEitherInput = 3;

// Looks a builtin code up in the registry (runtime/ops/op_list.def); nullptr when unsupported.
const OpKernel* FindOpKernel(int32_t builtin_code);
// The whole registry, for `mote ops`.
const OpKernel* const* AllOpKernels(int* count);
// TFLite's name of any builtin code, supported or not ("UNKNOWN" outside the enum).
const char* BuiltinOpName(int32_t builtin_code);

constexpr int kMaxScratchPerOp = 4;
constexpr int kMaxOpInputs = 32;

// What an op sees of the graph. Inputs left out by the model (index -1) are nullptr.
class OpContext {
 public:
  int num_inputs() const { return num_inputs_; }
  int num_outputs() const { return num_outputs_; }
  Tensor* input(int i) const { return i < num_inputs_ ? inputs_[i] : nullptr; }
  Tensor* output(int i) const { return i < num_outputs_ ? outputs_[i] : nullptr; }
  const tflite::Operator* op() const { return op_; }

  // Prepare only: memory that lives as long as the interpreter (params, tables). Zeroed.
  void* AllocatePersistent(size_t bytes, size_t align = 8);
  template <typename T>
  T* AllocateParams() { return static_cast<T*>(AllocatePersistent(sizeof(T), alignof(T))); }
  // Prepare only: a buffer valid during this op's eval, placed by the memory planner.
  Status RequestScratch(size_t bytes, int* index);

  void set_params(void* p) { params_ = p; }
  template <typename T>
  T* params() const { return static_cast<T*>(params_); }
  void* scratch(int index) const { return scratch_[index]; }
  // The kernel variants Prepare sizes scratch for and Eval runs: the build's own, unless the
  // interpreter was told to prepare for another target (`mote compile --target`).
  KernelIsa isa() const { return isa_; }

  // --- set up by the interpreter ---
  Tensor** inputs_ = nullptr;
  Tensor** outputs_ = nullptr;
  int num_inputs_ = 0;
  int num_outputs_ = 0;
  const tflite::Operator* op_ = nullptr;
  ArenaAllocator* allocator_ = nullptr;
  void* params_ = nullptr;
  KernelIsa isa_ = kBuildIsa;
  int num_scratch_ = 0;
  size_t scratch_bytes_[kMaxScratchPerOp] = {};
  void* scratch_[kMaxScratchPerOp] = {};
};

// Bytes used from both ends of a caller-given arena: persistent data grows down from the top,
// the planned activation area sits at the bottom.
class ArenaAllocator {
 public:
  void Reset(uint8_t* base, size_t size) {
    base_ = base;
    size_ = size;
    top_ = size;
    failed_ = false;
  }
  void* AllocateTop(size_t bytes, size_t align);  // nullptr and failed() when out of space
  uint8_t* base() const { return base_; }
  size_t size() const { return size_; }
  size_t top() const { return top_; }             // first byte of the persistent area
  size_t persistent_bytes() const { return size_ - top_; }
  bool failed() const { return failed_; }
  size_t requested_beyond() const { return requested_beyond_; }

 private:
  uint8_t* base_ = nullptr;
  size_t size_ = 0;
  size_t top_ = 0;
  bool failed_ = false;
  size_t requested_beyond_ = 0;  // how many bytes a failed allocation lacked
};

}  // namespace mote
