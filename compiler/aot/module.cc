#include "compiler/aot/module.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "compiler/aot/emitter.h"
#include "compiler/graph.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "runtime/op_kernel.h"

namespace mote::aot {

KernelIsa TargetKernelIsa(const std::string& target) {
  if (target == "cortex-m55") return KernelIsa::kMve;
  if (target == "cortex-m4" || target == "cortex-m7" || target == "cortex-m33") return KernelIsa::kDsp;
  return KernelIsa::kPortable;
}

bool IsKnownTarget(const std::string& t) {
  static const std::set<std::string> kTargets = {"host", "cortex-m4", "cortex-m7", "cortex-m33", "cortex-m55", "riscv"};
  return kTargets.count(t) > 0;
}

namespace {

const char* CType(DType t) {
  switch (t) {
    case DType::kFloat32: return "float";
    case DType::kInt32: return "int32_t";
    case DType::kUInt8: return "uint8_t";
    case DType::kInt64: return "int64_t";
    case DType::kBool: return "bool";
    case DType::kInt16: return "int16_t";
    case DType::kInt8: return "int8_t";
    default: return "uint8_t";
  }
}

uint64_t Fnv1a64(const uint8_t* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

std::string ShapeOf(const Tensor& t) {
  std::string s;
  for (int i = 0; i < t.shape.rank; ++i) s += (i ? "x" : "") + std::to_string(t.shape.dims[i]);
  return s.empty() ? "scalar" : s;
}

std::string FloatLiteral(float v) {
  if (std::isnan(v)) return "__builtin_nanf(\"\")";
  if (std::isinf(v)) return v > 0 ? "__builtin_inff()" : "-__builtin_inff()";
  return fmt::format("{:a}f", v);  // hex float: exact
}

// Values of a constant tensor as C++ initializer text, 16 per line.
std::string Initializer(const Tensor& t) {
  std::string out;
  const int64_t n = t.NumElements();
  for (int64_t i = 0; i < n; ++i) {
    if (i % 16 == 0) out += "\n   ";
    switch (t.type) {
      case DType::kFloat32: out += " " + FloatLiteral(t.Data<float>()[i]); break;
      case DType::kInt8: out += fmt::format(" {}", t.Data<int8_t>()[i]); break;
      case DType::kUInt8: out += fmt::format(" {}", t.Data<uint8_t>()[i]); break;
      case DType::kBool: out += t.Data<uint8_t>()[i] ? " true" : " false"; break;
      case DType::kInt16: out += fmt::format(" {}", t.Data<int16_t>()[i]); break;
      case DType::kInt32: {
        int32_t v;
        std::memcpy(&v, t.Data<uint8_t>() + 4 * i, 4);
        out += v == INT32_MIN ? " INT32_MIN" : fmt::format(" {}", v);
        break;
      }
      case DType::kInt64: {
        int64_t v;
        std::memcpy(&v, t.Data<uint8_t>() + 8 * i, 8);
        out += v == INT64_MIN ? " INT64_MIN" : fmt::format(" {}LL", v);
        break;
      }
      default: out += " 0"; break;
    }
    out += ",";
  }
  return out + "\n";
}

}  // namespace

// Collects the generated module's parts while the emitters run.
class ModuleBuilder {
 public:
  ModuleBuilder(const Interpreter& interp, const uint8_t* arena_base) : interp_(interp), arena_(arena_base) {}

  std::string Data(const Tensor* t, const char* ctype) {
    if (!t) return "nullptr";
    if (t->is_constant) return WeightSymbol(t, ctype);
    return fmt::format("At<{}>({})", ctype, Offset(t));
  }
  size_t Offset(const Tensor* t) {
    if (t->is_variable) return StateOffset(t);
    return static_cast<size_t>(static_cast<const uint8_t*>(t->data) - arena_);
  }
  std::string WeightSymbol(const Tensor* t, const char* ctype) {
    auto it = weights_.find(t);
    if (it == weights_.end()) {
      const std::string name = fmt::format("kW{}", weights_.size());
      it = weights_.emplace(t, name).first;
      weight_order_.push_back(t);
      weight_bytes_ += t->Bytes();
    }
    if (std::strcmp(ctype, CType(t->type)) == 0) return it->second;
    return fmt::format("reinterpret_cast<const {}*>({})", ctype, it->second);
  }
  size_t StateOffset(const Tensor* t) {
    auto it = state_.find(t);
    if (it != state_.end()) return it->second;
    const size_t off = state_end_;
    state_end_ += (t->Bytes() + 15) / 16 * 16;
    state_order_.push_back(t);
    return state_.emplace(t, off).first->second;
  }

  std::set<std::string> includes{"runtime/status.h"};
  std::vector<std::string> decls;   // tables and params, in layer order
  std::vector<std::string> calls;   // invoke() body
  size_t state_begin_ = 0, state_end_ = 0;
  std::map<const Tensor*, std::string> weights_;
  std::vector<const Tensor*> weight_order_;
  struct Derived {
    std::string name, ctype, doc, initializer;
    size_t count;
  };
  std::vector<Derived> derived_;  // EmitContext::DerivedWeights, in layer order
  std::vector<const Tensor*> state_order_;
  std::map<const Tensor*, size_t> state_;
  size_t weight_bytes_ = 0;
  const Interpreter& interp_;
  const uint8_t* arena_;
};

std::string EmitContext::Data(const Tensor* t, const char* ctype) { return module_.Data(t, ctype); }

std::string EmitContext::Params(const std::string& type, const std::vector<Field>& fields) {
  std::string s = fmt::format("const mote::{} {} = {{\n", type, LayerName());
  for (const Field& f : fields) s += fmt::format("    /*{}=*/{},\n", f.name, f.value);
  module_.decls.push_back(s + "};");
  return LayerName();
}

template <typename T>
std::string EmitContext::Table(const std::string& suffix, const char* ctype, const T* values, size_t n) {
  const std::string name = LayerName() + "_" + suffix;
  std::string s = fmt::format("const {} {}[{}] = {{", ctype, name, n);
  for (size_t i = 0; i < n; ++i) s += fmt::format("{}{}{}", i % 16 == 0 ? "\n   " : "", " ", values[i]) + ",";
  module_.decls.push_back(s + "\n};");
  if constexpr (!std::is_same_v<T, std::string>) module_.weight_bytes_ += n * sizeof(T);  // flash, like weights
  return name;
}
template <typename T>
std::string EmitContext::DerivedWeights(const std::string& suffix, const char* ctype, const std::string& doc,
                                        const std::vector<T>& values) {
  std::string init;
  for (size_t i = 0; i < values.size(); ++i) {
    const int64_t v = values[i];
    init += fmt::format("{} {},", i % 16 == 0 ? "\n   " : "", v == INT32_MIN ? "INT32_MIN" : std::to_string(v));
  }
  const std::string name = LayerName() + "_" + suffix;
  module_.derived_.push_back({name, ctype, doc, init + "\n", values.size()});
  module_.weight_bytes_ += values.size() * sizeof(T);
  return name;
}
template std::string EmitContext::DerivedWeights<int8_t>(const std::string&, const char*, const std::string&,
                                                         const std::vector<int8_t>&);
template std::string EmitContext::DerivedWeights<int32_t>(const std::string&, const char*, const std::string&,
                                                          const std::vector<int32_t>&);

template std::string EmitContext::Table<int32_t>(const std::string&, const char*, const int32_t*, size_t);
template std::string EmitContext::Table<int16_t>(const std::string&, const char*, const int16_t*, size_t);
template std::string EmitContext::Table<int8_t>(const std::string&, const char*, const int8_t*, size_t);
template std::string EmitContext::Table<uint8_t>(const std::string&, const char*, const uint8_t*, size_t);
template std::string EmitContext::Table<std::string>(const std::string&, const char*, const std::string*, size_t);
template std::string EmitContext::Table<int64_t>(const std::string&, const char*, const int64_t*, size_t);

template <>
std::string EmitContext::Table<float>(const std::string& suffix, const char* ctype, const float* values, size_t n) {
  std::vector<std::string> lits;
  for (size_t i = 0; i < n; ++i) lits.push_back(FloatLiteral(values[i]));
  module_.weight_bytes_ += n * sizeof(float);
  return Table(suffix, ctype, lits.data(), n);
}

void EmitContext::Call(const std::string& statement) {
  const Node& n = node();
  std::string io;
  for (int i = 0; i < n.ctx.num_inputs(); ++i) {
    const Tensor* t = n.ctx.input(i);
    if (!t || t->is_constant) continue;
    io += fmt::format("{}{} {} @{}", io.empty() ? "" : ", ", ShapeOf(*t), DTypeName(t->type), module_.Offset(t));
  }
  std::string outs;
  for (int i = 0; i < n.ctx.num_outputs(); ++i) {
    const Tensor* t = n.ctx.output(i);
    outs += fmt::format("{}{} {} @{}", outs.empty() ? "" : ", ", ShapeOf(*t), DTypeName(t->type), module_.Offset(t));
  }
  // The hooks time each layer in `mote profile --per-layer`; they expand to nothing otherwise.
  module_.calls.push_back(fmt::format("  // layer {}: {}  {} -> {}\n  MOTE_AOT_LAYER_BEGIN({});\n  {}\n  MOTE_AOT_LAYER_END({});",
                                      index_, n.kernel->name, io, outs, index_, statement, index_));
}

void EmitContext::Include(const std::string& header) { module_.includes.insert(header); }

std::string EmitContext::Scratch(int index, const char* ctype) {
  const uint8_t* p = static_cast<const uint8_t*>(node().ctx.scratch(index));
  return fmt::format("At<{}>({})", ctype, static_cast<size_t>(p - module_.arena_));
}

std::string EmitContext::MutablePtr(const std::string& expr, const char* ctype) {
  return expr == "nullptr" ? expr : fmt::format("const_cast<{}*>({})", ctype, expr);
}

std::string EmitContext::TensorObject(const Tensor* t, const std::string& suffix) {
  if (!t) return "nullptr";
  const std::string name = LayerName() + "_" + suffix;
  std::string data;
  if (t->is_constant)
    data = fmt::format("const_cast<{}*>({})", CType(t->type), module_.WeightSymbol(t, CType(t->type)));
  else
    data = fmt::format("g_arena + {}", module_.Offset(t));
  std::string dims;
  for (int i = 0; i < kMaxRank; ++i) dims += fmt::format("{}{}", i ? ", " : "", t->shape.dims[i]);
  std::string scales = "nullptr";
  if (t->q.per_channel()) scales = Table(suffix + "_scales", "float", t->q.channel_scales, t->q.num_channels);
  module_.decls.push_back(fmt::format(
      "const mote::Tensor {} = {{\n    /*data=*/{},\n    /*type=*/mote::DType({}),\n    /*shape=*/{{{}, {{{}}}}},\n"
      "    /*q=*/{{{}, {}, {}, {}, {}}},\n    /*is_constant=*/{},\n    /*is_variable=*/{},\n    /*name=*/\"\",\n}};",
      name, data, static_cast<int>(t->type), t->shape.rank, dims, FloatLiteral(t->q.scale), t->q.zero_point, scales,
      t->q.num_channels, t->q.axis, t->is_constant ? "true" : "false", t->is_variable ? "true" : "false"));
  Include("runtime/tensor.h");
  return name;
}

std::string Lit(int64_t v) { return v == INT64_MIN ? "INT64_MIN" : (v == INT32_MIN ? "INT32_MIN" : std::to_string(v)); }
std::string Lit(float v) { return FloatLiteral(v); }
std::string Lit(bool v) { return v ? "true" : "false"; }

namespace {

bool ValidName(const std::string& n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string TensorDoc(const Tensor& t) {
  std::string q = t.q.quantized() ? fmt::format(", scale {}, zero point {}", t.q.scale, t.q.zero_point) : "";
  return fmt::format("'{}': {} {}{}", t.name, DTypeName(t.type), ShapeOf(t), q);
}

std::string HeaderText(const ModuleBuilder& m, const Interpreter& in, const CompileOptions& o, const std::string& origin,
                       size_t arena_bytes) {
  std::string h = origin;
  h += "#pragma once\n\n#include <stddef.h>\n#include <stdint.h>\n\n#include \"runtime/status.h\"\n\n";
  h += fmt::format("namespace {} {{\n\n", o.name);
  h += fmt::format("// One static arena holds every activation, scratch buffer and state tensor.\n"
                   "constexpr size_t kArenaBytes = {};\nconstexpr size_t kWeightBytes = {};\n"
                   "constexpr int kNumInputs = {};\nconstexpr int kNumOutputs = {};\n\n",
                   arena_bytes, m.weight_bytes_, in.num_inputs(), in.num_outputs());
  auto io = [&](const char* kind, const char* Kind, int i, const Tensor& t, bool writable) {
    std::string dims;
    for (int d = 0; d < t.shape.rank; ++d) dims += fmt::format("{}{}", d ? ", " : "", t.shape.dims[d]);
    std::string s = fmt::format("// {} {} {}\n", Kind, i, TensorDoc(t));
    s += fmt::format("constexpr int32_t k{}{}Shape[] = {{{}}};\n", Kind, i, dims.empty() ? "1" : dims);
    s += fmt::format("constexpr size_t k{}{}Bytes = {};\n", Kind, i, t.Bytes());
    if (t.q.quantized())
      s += fmt::format("constexpr float k{}{}Scale = {};\nconstexpr int32_t k{}{}ZeroPoint = {};\n", Kind, i,
                       FloatLiteral(t.q.scale), Kind, i, t.q.zero_point);
    s += fmt::format("{}{}* {}{}();\n\n", writable ? "" : "const ", CType(t.type), kind, i);
    return s;
  };
  for (int i = 0; i < in.num_inputs(); ++i) h += io("input", "Input", i, *in.input(i), true);
  for (int i = 0; i < in.num_outputs(); ++i) h += io("output", "Output", i, *in.output(i), false);
  h += "// The same by index, for generic drivers.\nvoid* input_data(int i);\nsize_t input_bytes(int i);\n"
       "const void* output_data(int i);\nsize_t output_bytes(int i);\n\n";
  h += "// Zeroes the state tensors (LSTM/SVDF; int8 state to its zero point). Call once before the first\n"
       "// invoke and whenever a new sequence starts.\nvoid init();\n"
       "// Runs every layer once on the current inputs.\nmote::Status invoke();\n\n";
  return h + fmt::format("}}  // namespace {}\n", o.name);
}

}  // namespace

bool CompileModel(const std::string& model_path, const CompileOptions& o, CompileReport* report, std::string* error) {
  if (!ValidName(o.name)) {
    *error = fmt::format("--name '{}' is not a C++ identifier", o.name);
    return false;
  }
  if (!IsKnownTarget(o.target)) {
    *error = fmt::format("unknown target '{}' (host, cortex-m4, cortex-m7, cortex-m33, cortex-m55, riscv)", o.target);
    return false;
  }
  // Prepared for the target's kernel variants, so their scratch buffers are in the plan.
  auto model = HostModel::Load(model_path, error, size_t{64} << 20, TargetKernelIsa(o.target));
  if (!model) return false;
  const Interpreter& in = model->interpreter();
  ModuleBuilder m(in, model->arena_base());
  m.state_begin_ = m.state_end_ = (in.planned_bytes() + 15) / 16 * 16;
  for (int step = 0; step < in.num_nodes(); ++step) {
    const int n = in.node_at_step(step);  // the interpreter's planned order
    EmitFn emit = FindEmitter(in.node(n).builtin_code);
    if (!emit) {
      *error = fmt::format("{}: op {} ({}): `mote compile` has no code emitter for this op yet (`mote run` supports it)",
                           model_path, n, in.node(n).kernel->name);
      return false;
    }
    EmitContext ctx(m, in, n);
    if (!emit(ctx, error)) {
      *error = fmt::format("{}: op {} ({}): {}", model_path, n, in.node(n).kernel->name, *error);
      return false;
    }
  }
  // Graph inputs/outputs that are also state or never touched by a layer still need offsets.
  for (int i = 0; i < in.num_inputs(); ++i) m.Offset(in.input(i));
  const size_t arena_bytes = std::max<size_t>(16, (m.state_end_ + 15) / 16 * 16);

  AlignedBytes bytes;
  ReadFileAligned(model_path, &bytes, error);
  const std::string origin = fmt::format(
      "// Generated by mote {} from {} (fnv1a64 {:016x}, {} bytes) for target {}.\n"
      "// Do not edit: run `mote compile` again.\n",
      MOTE_VERSION_STRING, std::filesystem::path(model_path).filename().string(), Fnv1a64(bytes.data(), bytes.size()),
      bytes.size(), o.target);

  std::filesystem::create_directories(o.out_dir);
  report->header_path = o.out_dir + "/" + o.name + ".h";
  report->source_path = o.out_dir + "/" + o.name + ".cc";
  report->weights_path = o.out_dir + "/" + o.name + "_weights.cc";
  report->arena_bytes = arena_bytes;
  report->weight_bytes = m.weight_bytes_;
  report->layers = in.num_nodes();

  std::string src = origin + fmt::format("#include \"{}.h\"\n\n", o.name);
  for (const auto& inc : m.includes) src += fmt::format("#include \"{}\"\n", inc);
  src += "\n// Per-layer timing hooks: empty unless the build defines them (`mote profile --per-layer`).\n"
         "#ifndef MOTE_AOT_LAYER_BEGIN\n#define MOTE_AOT_LAYER_BEGIN(layer) ((void)0)\n#endif\n"
         "#ifndef MOTE_AOT_LAYER_END\n#define MOTE_AOT_LAYER_END(layer) ((void)0)\n#endif\n";
  src += fmt::format("\nnamespace {} {{\n\n", o.name);
  for (const Tensor* t : m.weight_order_)
    src += fmt::format("extern const {} {}[{}];  // {}\n", CType(t->type), m.weights_.at(t), t->NumElements(), TensorDoc(*t));
  for (const auto& d : m.derived_) src += fmt::format("extern const {} {}[{}];  // {}\n", d.ctype, d.name, d.count, d.doc);
  src += fmt::format("\nnamespace {{\n\nalignas(16) uint8_t g_arena[kArenaBytes];\n\n"
                     "template <typename T>\nT* At(size_t offset) {{ return reinterpret_cast<T*>(g_arena + offset); }}\n\n");
  for (const auto& d : m.decls) src += d + "\n\n";
  src += "}  // namespace\n\n";
  for (int i = 0; i < in.num_inputs(); ++i)
    src += fmt::format("{}* input{}() {{ return At<{}>({}); }}\n", CType(in.input(i)->type), i, CType(in.input(i)->type),
                       m.Offset(in.input(i)));
  for (int i = 0; i < in.num_outputs(); ++i)
    src += fmt::format("const {}* output{}() {{ return At<{}>({}); }}\n", CType(in.output(i)->type), i,
                       CType(in.output(i)->type), m.Offset(in.output(i)));
  auto by_index = [&](const char* fn, const char* ret, int count, auto get, bool bytes) {
    src += fmt::format("{} {}(int i) {{\n  switch (i) {{\n", ret, fn);
    for (int i = 0; i < count; ++i) {
      const Tensor* t = get(i);
      src += bytes ? fmt::format("    case {}: return {};\n", i, t->Bytes())
                   : fmt::format("    case {}: return g_arena + {};\n", i, m.Offset(t));
    }
    src += fmt::format("    default: return {};\n  }}\n}}\n", bytes ? "0" : "nullptr");
  };
  by_index("input_data", "void*", in.num_inputs(), [&](int i) { return in.input(i); }, false);
  by_index("input_bytes", "size_t", in.num_inputs(), [&](int i) { return in.input(i); }, true);
  by_index("output_data", "const void*", in.num_outputs(), [&](int i) { return in.output(i); }, false);
  by_index("output_bytes", "size_t", in.num_outputs(), [&](int i) { return in.output(i); }, true);
  src += "\nvoid init() {\n";
  for (const Tensor* t : m.state_order_)
    src += fmt::format("  __builtin_memset(g_arena + {}, {}, {});  // state {}\n", m.state_.at(t),
                       t->type == DType::kInt8 ? t->q.zero_point : 0, t->Bytes(), TensorDoc(*t));
  src += "}\n\nmote::Status invoke() {\n";
  for (const auto& c : m.calls) src += c + "\n";
  src += "  return mote::Status::Ok();\n}\n\n" + fmt::format("}}  // namespace {}\n", o.name);

  std::string w = origin + fmt::format("#include <stdint.h>\n\nnamespace {} {{\n\n", o.name);
  for (const Tensor* t : m.weight_order_)
    w += fmt::format("// {}\nalignas(16) extern const {} {}[{}] = {{{}}};\n\n", TensorDoc(*t), CType(t->type),
                     m.weights_.at(t), t->NumElements(), Initializer(*t));
  for (const auto& d : m.derived_)
    w += fmt::format("// {}\nalignas(16) extern const {} {}[{}] = {{{}}};\n\n", d.doc, d.ctype, d.name, d.count, d.initializer);
  w += fmt::format("}}  // namespace {}\n", o.name);

  return WriteFile(report->header_path, HeaderText(m, in, o, origin, arena_bytes).data(),
                   HeaderText(m, in, o, origin, arena_bytes).size(), error) &&
         WriteFile(report->source_path, src.data(), src.size(), error) &&
         WriteFile(report->weights_path, w.data(), w.size(), error);
}

}  // namespace mote::aot
