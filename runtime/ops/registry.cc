// The op table the interpreter and `mote ops` read, generated from op_list.def.
#include "runtime/op_kernel.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {

#define MOTE_OP(NAME) extern const OpKernel kOp_##NAME;
#include "runtime/ops/op_list.def"
#undef MOTE_OP

namespace {
const OpKernel* const kAllKernels[] = {
#define MOTE_OP(NAME) &kOp_##NAME,
#include "runtime/ops/op_list.def"
#undef MOTE_OP
};
constexpr int kNumKernels = sizeof(kAllKernels) / sizeof(kAllKernels[0]);
}  // namespace

const OpKernel* FindOpKernel(int32_t builtin_code) {
  for (const OpKernel* k : kAllKernels)
    if (k->builtin_code == builtin_code) return k;
  return nullptr;
}

const OpKernel* const* AllOpKernels(int* count) {
  *count = kNumKernels;
  return kAllKernels;
}

const char* BuiltinOpName(int32_t builtin_code) {
  if (builtin_code < static_cast<int32_t>(tflite::BuiltinOperator::MIN) ||
      builtin_code > static_cast<int32_t>(tflite::BuiltinOperator::MAX))
    return "UNKNOWN";
  const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(builtin_code));
  return name && name[0] ? name : "UNKNOWN";
}

}  // namespace mote
