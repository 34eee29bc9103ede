// From a graph to the buffers the memory planner places: the order ops run in, which tensors
// share memory, and each buffer's lifetime in that order.
//
// Sharing. Tensors share one buffer when
//  - a streaming op (OpKernel::stream_lag: convolutions whose kernel writes in raster order) is
//    the only reader of its input: its output starts the buffer and the input sits `lag` bytes
//    in, so the output overwrites input rows no later output needs;
//  - an op's output is a view of its input (OpKernel::output_views_input: RESHAPE and kin), for
//    their whole lives, as neither is written again; or
//  - an op may write its output over an input (OpKernel::in_place_inputs) and that input's
//    buffer is read by no later op and holds no graph input or output, with equal bytes and
//    element size.
// No op writes its output over a graph input (as in TFLite Micro, a single-op model keeps its
// input), though like any buffer an input's memory is reused once its last reader has run.
// Graph outputs live to the end.
//
// Order. ChooseSchedule looks for a topological order of the ops whose peak of live bytes is
// lower than model order's (depth-first over orders, cut at the best peak so far, within a node
// budget); model order is kept unless strictly better is found. Ops that touch state (variable
// tensors) keep their relative model order.
//
// No heap: each function takes caller work memory of the size its *WorkBytes function gives.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime/interpreter.h"
#include "runtime/planner.h"
#include "runtime/status.h"

namespace mote {

// The graph the planner sees: the interpreter's tensors and nodes, by model index.
struct GraphView {
  const Tensor* tensors = nullptr;
  int32_t num_tensors = 0;
  const Node* nodes = nullptr;
  int32_t num_nodes = 0;
  const int32_t* inputs = nullptr;  // graph inputs
  int32_t num_inputs = 0;
  const int32_t* outputs = nullptr;  // graph outputs
  int32_t num_outputs = 0;
  bool stream_lags = true;  // let streaming ops share a buffer with their input (see Sharing)
};

constexpr uint32_t kScheduleDefaultBudget = 20000;

struct ScheduleResult {
  size_t model_order_peak = 0;  // live bytes at the worst step, ops in model order
  size_t peak = 0;              // the same in the chosen order
  bool reordered = false;       // the chosen order differs from model order
  bool searched = false;        // more than one order exists, and the search ran
  bool search_complete = false; // ... and finished within its budget
  uint32_t search_nodes = 0;
};

// True when model order is the only valid order: each op reads something the op before it
// wrote (or both touch state). Chains need no search and no stored order.
bool ScheduleIsFixed(const GraphView& g);

size_t ScheduleWorkBytes(const GraphView& g);
// Writes the chosen order (node index per step) to `order` (num_nodes entries).
Status ChooseSchedule(const GraphView& g, int32_t* order, void* work, size_t work_bytes, ScheduleResult* result,
                      uint32_t budget = kScheduleDefaultBudget);

// The live-bytes peak ChooseSchedule's model gives running the ops in `order` (same work size).
Status OrderPeak(const GraphView& g, const int32_t* order, void* work, size_t work_bytes, size_t* peak);

// Upper bound on the buffers BuildPlanBuffers makes: activation tensors plus scratch requests.
int32_t MaxPlanBuffers(const GraphView& g);
size_t LifetimeWorkBytes(const GraphView& g);
// The buffers for running the ops in `order` (nullptr: model order): one per group of tensors that share memory (in
// tensor order), then one per scratch request (ops in model order, requests in op order).
// tensor_buffer[t] is tensor t's buffer, or -1 when it gets none (constant, state, untouched);
// tensor_offset[t] (when given) its offset inside that buffer: 0, or the lag of a streaming op's
// input that shares a buffer with the op's output.
Status BuildPlanBuffers(const GraphView& g, const int32_t* order, PlanBuffer* buffers, int32_t* num_buffers,
                        int32_t* tensor_buffer, void* work, size_t work_bytes, size_t* tensor_offset = nullptr);

}  // namespace mote
