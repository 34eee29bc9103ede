// The emitter registry: one entry per op `mote compile` can turn into a direct kernel call.
#include "compiler/aot/emitter.h"

namespace mote::aot {

#define MOTE_EMITTER(NAME, CODE) bool Emit_##NAME(EmitContext& ctx, std::string* error);
#include "compiler/aot/emitters.def"
#undef MOTE_EMITTER

EmitFn FindEmitter(int32_t builtin_code) {
  struct Entry {
    int32_t code;
    EmitFn fn;
  };
  static const Entry kEntries[] = {
#define MOTE_EMITTER(NAME, CODE) {CODE, Emit_##NAME},
#include "compiler/aot/emitters.def"
#undef MOTE_EMITTER
  };
  for (const Entry& e : kEntries)
    if (e.code == builtin_code) return e.fn;
  return nullptr;
}

}  // namespace mote::aot
