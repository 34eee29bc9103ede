// The device interpreter: runs a .tflite model from a pointer (flash) with all memory in one
// caller-given arena. Init verifies the flatbuffer, checks every index and shape, prepares each
// op, plans activation memory and reports the bytes it used; Invoke runs the ops in the planned
// order (model order unless another order needs less memory, runtime/schedule.h).
// No heap, no exceptions: every failure is a Status, and error() gives the full one-line reason
// (which op, which tensor).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/op_kernel.h"
#include "runtime/planner.h"
#include "runtime/status.h"
#include "runtime/tensor.h"

namespace tflite {
struct Model;
}

namespace mote {

struct GraphView;

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
  // Before Init: prepare for another target's kernel variants (their scratch buffers). The AOT
  // compiler runs on the host but plans the arena of a Cortex-M module this way.
  void set_kernel_isa(KernelIsa isa) { isa_ = isa; }
  KernelIsa kernel_isa() const { return isa_; }
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
  // The node (model index) that runs at `step` of Invoke.
  int node_at_step(int step) const { return schedule_ ? schedule_[step] : step; }
  // The graph as the planner sees it (runtime/schedule.h).
  GraphView graph() const;

  // The smallest 16-byte multiple Init accepts as arena size: the planned activations (or, if
  // larger, the temporary memory planning needed) plus the persistent area.
  size_t arena_used_bytes() const {
    const size_t bottom = planned_bytes_ > init_temp_bytes_ ? planned_bytes_ : init_temp_bytes_;
    return (bottom + allocator_.persistent_bytes() + 15) / 16 * 16;
  }
  size_t planned_bytes() const { return planned_bytes_; }
  size_t persistent_bytes() const { return allocator_.persistent_bytes(); }
  // Largest sum of activation and scratch bytes alive at one step of the planned order: no
  // placement of these buffers needs less than this.
  size_t arena_lower_bound() const { return plan_.lower_bound; }
  const PlanResult& plan_result() const { return plan_; }
  // Live-bytes peak in model order and in the planned order.
  size_t model_order_peak() const { return model_order_peak_; }
  bool reordered() const { return schedule_ != nullptr; }
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
  size_t init_temp_bytes_ = 0;   // most bytes Init used below the persistent area at once
  size_t model_order_peak_ = 0;
  bool stream_lags_ = false;  // the plan lets streaming layers overlap their inputs
  PlanResult plan_;
  const int32_t* schedule_ = nullptr;  // node per step when not model order
  bool ready_ = false;
  KernelIsa isa_ = kBuildIsa;
  char error_[256] = {};
};

}  // namespace mote
