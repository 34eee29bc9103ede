// The device interpreter: runs a .tflite model from a pointer (flash) with all memory in one
// caller-given arena. Init verifies the flatbuffer, checks every index and shape, prepares each
// op, plans activation memory and reports the bytes it used; Invoke runs the ops in model order.
// No heap, no exceptions: every failure is a Status, and error() gives the full one-line reason
// (which op, which tensor).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/op_kernel.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace tflite {
struct Model;
}

namespace mote {

struct Node {
  const OpKernel* kernel = nullptr;
  int32_t builtin_code = 0;
  OpContext ctx;
  const int32_t* input_indices = nullptr;   // tensor indices, -1 for a left-out optional input
  const int32_t* output_indices = nullptr;
};

class Interpreter {
 public:
  // `model` must stay valid and be 16-byte aligned (constant tensors are read in place).
  Status Init(const void* model, size_t model_bytes, uint8_t* arena, size_t arena_bytes);
  Status Invoke();
  // Runs node n alone (Invoke() is all nodes in order): per-layer timing in `mote profile`.
  Status InvokeNode(int n);
  // Sets every variable tensor (LSTM/SVDF state) back to zero (int8: its zero point).
  void ResetState();

  int num_inputs() const { return num_inputs_; }
  int num_outputs() const { return num_outputs_; }
  Tensor* input(int i) const { return &tensors_[input_indices_[i]]; }
  Tensor* output(int i) const { return &tensors_[output_indices_[i]]; }

  // Whole-graph access for tools (inspect, profile).
  int num_tensors() const { return num_tensors_; }
  Tensor* tensor(int i) const { return &tensors_[i]; }
  int num_nodes() const { return num_nodes_; }
  const Node& node(int i) const { return nodes_[i]; }

  size_t arena_used_bytes() const { return planned_bytes_ + allocator_.persistent_bytes(); }
  size_t planned_bytes() const { return planned_bytes_; }
  size_t persistent_bytes() const { return allocator_.persistent_bytes(); }
  const char* error() const { return error_; }

 private:
  Status Fail(Status s, int node, int tensor);
  Status LoadTensors();
  Status LoadNodes();
  Status CheckDataflow();
  Status PrepareNodes();
  Status PlanMemory();

  const tflite::Model* model_ = nullptr;
  ArenaAllocator allocator_;
  Tensor* tensors_ = nullptr;
  int num_tensors_ = 0;
  Node* nodes_ = nullptr;
  int num_nodes_ = 0;
  const int32_t* input_indices_ = nullptr;
  int num_inputs_ = 0;
  const int32_t* output_indices_ = nullptr;
  int num_outputs_ = 0;
  size_t planned_bytes_ = 0;
  bool ready_ = false;
  char error_[256] = {};
};

}  // namespace mote
