// Kernel-call operand lists for the emitters. Each operand's C++ expression is made in list
// order, so weight arrays are numbered in the order the call names them (the arguments of one
// fmt::format call are evaluated in an unspecified order, which would number them backwards on
// some compilers).
#pragma once

#include <initializer_list>
#include <string>

#include "compiler/aot/emitter.h"

namespace mote::aot {

struct Operand {
  const Tensor* tensor;  // nullptr: an optional tensor the model left out
  const char* ctype;
  // A left-out tensor as `static_cast<const T*>(nullptr)` rather than `nullptr`, for kernels
  // overloaded on that pointer's type.
  bool typed_null = false;
};

inline std::string Operands(EmitContext& ctx, std::initializer_list<Operand> operands) {
  std::string out;
  for (const Operand& o : operands) {
    if (!out.empty()) out += ", ";
    out += !o.tensor && o.typed_null ? fmt::format("static_cast<const {}*>(nullptr)", o.ctype)
                                     : ctx.Data(o.tensor, o.ctype);
  }
  return out;
}

}  // namespace mote::aot
