// `mote compile` on single-op models built here, for what the ../shared goldens do not reach:
// index tensors computed at run time (graph inputs here), which the emitted module must resolve
// on every invoke, including index values the op rejects; and ops or dtypes without a shared
// folder (REDUCE_MAX, REDUCE_MIN, ARG_MIN, int16 SUM, float32 ARG_MAX and L2_NORMALIZATION).
// Each model is compiled once, built with -Werror and run once per listed invoke; the expected
// outputs are worked out by hand.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/aot/module.h"
#include "compiler/io.h"
#include "compiler/tflite_writer.h"

#include "test_util.h"

namespace mote {
namespace {

using Bytes = std::vector<uint8_t>;
using Op = tflite::BuiltinOperator;

template <typename T>
Bytes Raw(std::initializer_list<T> values) {
  Bytes b(values.size() * sizeof(T));
  std::memcpy(b.data(), values.begin(), b.size());
  return b;
}

// ---- models ----

tflite::BuiltinOptionsUnion ReducerOptions(bool keep_dims) {
  tflite::BuiltinOptionsUnion u;
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  u.Set(o);
  return u;
}

// input float32 [3, 4], begin and size int32 [2] from the caller, output [2, 2].
Bytes SliceComputed() {
  TfliteBuilder b;
  const int32_t in = b.AddTensor("in", DType::kFloat32, {3, 4});
  const int32_t begin = b.AddTensor("begin", DType::kInt32, {2});
  const int32_t size = b.AddTensor("size", DType::kInt32, {2});
  const int32_t out = b.AddTensor("out", DType::kFloat32, {2, 2});
  b.AddOp(Op::SLICE, {in, begin, size}, {out});
  b.SetInputs({in, begin, size});
  b.SetOutputs({out});
  return b.Finish();
}

// input int8 [3, 4], begin, end and strides int32 [2] from the caller, output [2, 2].
Bytes StridedSliceComputed() {
  TfliteBuilder b;
  const int32_t in = b.AddTensor("in", DType::kInt8, {3, 4}, {0.5f}, {0});
  const int32_t begin = b.AddTensor("begin", DType::kInt32, {2});
  const int32_t end = b.AddTensor("end", DType::kInt32, {2});
  const int32_t strides = b.AddTensor("strides", DType::kInt32, {2});
  const int32_t out = b.AddTensor("out", DType::kInt8, {2, 2}, {0.5f}, {0});
  b.AddOp(Op::STRIDED_SLICE, {in, begin, end, strides}, {out}, [] {
    tflite::BuiltinOptionsUnion u;
    u.Set(tflite::StridedSliceOptionsT());
    return u;
  }());
  b.SetInputs({in, begin, end, strides});
  b.SetOutputs({out});
  return b.Finish();
}

// `op` over a [2, 2] input with one axis, computed (a graph input) or the constant `axis`;
// output [2]. Quantized types use scale 1 and zero point 0 throughout, so sums stay exact.
Bytes ReduceModel(Op op, DType type, bool computed_axis, int32_t axis) {
  TfliteBuilder b;
  const std::vector<float> scale = type == DType::kFloat32 ? std::vector<float>{} : std::vector<float>{1.0f};
  const int32_t in = b.AddTensor("in", type, {2, 2}, scale);
  const int32_t ax = computed_axis ? b.AddTensor("axis", DType::kInt32, {1})
                                   : b.AddConstant<int32_t>("axis", DType::kInt32, {1}, {axis});
  const int32_t out = b.AddTensor("out", type, {2}, scale);
  b.AddOp(op, {in, ax}, {out}, ReducerOptions(false));
  b.SetInputs(computed_axis ? std::vector<int32_t>{in, ax} : std::vector<int32_t>{in});
  b.SetOutputs({out});
  return b.Finish();
}

// ARG_MAX / ARG_MIN over a [2, 3] input, int32 output [2] or [3] by axis.
Bytes ArgModel(Op op, DType type, bool computed_axis, int32_t axis) {
  TfliteBuilder b;
  const std::vector<float> scale = type == DType::kFloat32 ? std::vector<float>{} : std::vector<float>{0.25f};
  const int32_t in = b.AddTensor("in", type, {2, 3}, scale);
  const int32_t ax = computed_axis ? b.AddTensor("axis", DType::kInt32, {1})
                                   : b.AddConstant<int32_t>("axis", DType::kInt32, {1}, {axis});
  const int32_t out = b.AddTensor("out", DType::kInt32, {axis == 0 ? 3 : 2});
  tflite::BuiltinOptionsUnion options;
  if (op == Op::ARG_MAX) {
    tflite::ArgMaxOptionsT o;
    o.output_type = tflite::TensorType::INT32;
    options.Set(o);
  } else {
    tflite::ArgMinOptionsT o;
    o.output_type = tflite::TensorType::INT32;
    options.Set(o);
  }
  b.AddOp(op, {in, ax}, {out}, options);
  b.SetInputs(computed_axis ? std::vector<int32_t>{in, ax} : std::vector<int32_t>{in});
  b.SetOutputs({out});
  return b.Finish();
}

Bytes L2NormFloat() {
  TfliteBuilder b;
  const int32_t in = b.AddTensor("in", DType::kFloat32, {2, 2});
  const int32_t out = b.AddTensor("out", DType::kFloat32, {2, 2});
  b.AddOp(Op::L2_NORMALIZATION, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// ---- cases ----

struct Invoke {
  std::vector<Bytes> inputs;
  Bytes expected;          // ignored when the invoke must fail
  bool fails = false;      // a computed index the op rejects: invoke() returns an error status
};

struct AotCase {
  const char* name;
  Bytes model;
  bool resolves_at_invoke;  // the module must carry the op's index resolution
  std::vector<Invoke> invokes;
};

// gtest prints a failing case by name rather than as raw bytes.
void PrintTo(const AotCase& c, std::ostream* os) { *os << c.name; }

const Bytes kIota12f = Raw<float>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
const Bytes kIota12s8 = Raw<int8_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

std::vector<AotCase> Cases() {
  return {
      {"slice_computed_begin_size", SliceComputed(), true,
       {{{kIota12f, Raw<int32_t>({1, 1}), Raw<int32_t>({2, 2})}, Raw<float>({5, 6, 9, 10})},
        {{kIota12f, Raw<int32_t>({0, 2}), Raw<int32_t>({-1, 2})}, {}, true},  // 3 rows do not fit 2x2
        {{kIota12f, Raw<int32_t>({1, 0}), Raw<int32_t>({2, -1})}, {}, true},  // 8 elements
        {{kIota12f, Raw<int32_t>({0, 2}), Raw<int32_t>({2, 2})}, Raw<float>({2, 3, 6, 7})},
        {{kIota12f, Raw<int32_t>({2, 3}), Raw<int32_t>({2, 2})}, {}, true}}},  // past the end
      {"strided_slice_computed", StridedSliceComputed(), true,
       {{{kIota12s8, Raw<int32_t>({0, 0}), Raw<int32_t>({3, 4}), Raw<int32_t>({2, 2})}, Raw<int8_t>({0, 2, 8, 10})},
        {{kIota12s8, Raw<int32_t>({2, 3}), Raw<int32_t>({0, 1}), Raw<int32_t>({-1, -1})},
         Raw<int8_t>({11, 10, 7, 6})},
        {{kIota12s8, Raw<int32_t>({0, 0}), Raw<int32_t>({3, 4}), Raw<int32_t>({1, 0})}, {}, true}}},  // stride 0
      {"mean_float32_computed_axis", ReduceModel(Op::MEAN, DType::kFloat32, true, 0), true,
       {{{Raw<float>({1, 2, 3, 4}), Raw<int32_t>({1})}, Raw<float>({1.5f, 3.5f})},
        {{Raw<float>({1, 2, 3, 4}), Raw<int32_t>({0})}, Raw<float>({2, 3})},
        {{Raw<float>({1, 2, 3, 4}), Raw<int32_t>({2})}, {}, true}}},  // axis out of range
      {"sum_int8_computed_axis", ReduceModel(Op::SUM, DType::kInt8, true, 0), true,
       {{{Raw<int8_t>({1, 2, 3, 4}), Raw<int32_t>({0})}, Raw<int8_t>({4, 6})},
        {{Raw<int8_t>({1, 2, 3, 4}), Raw<int32_t>({-1})}, Raw<int8_t>({3, 7})}}},
      {"sum_int16_constant_axis", ReduceModel(Op::SUM, DType::kInt16, false, 1), false,
       {{{Raw<int16_t>({1000, 2000, -3000, 4})}, Raw<int16_t>({3000, -2996})}}},
      {"reduce_max_float32_computed_axis", ReduceModel(Op::REDUCE_MAX, DType::kFloat32, true, 0), true,
       {{{Raw<float>({1, 4, 3, 2}), Raw<int32_t>({0})}, Raw<float>({3, 4})},
        {{Raw<float>({1, 4, 3, 2}), Raw<int32_t>({1})}, Raw<float>({4, 3})}}},
      {"reduce_max_int8_constant_axis", ReduceModel(Op::REDUCE_MAX, DType::kInt8, false, 1), false,
       {{{Raw<int8_t>({-5, -7, 3, 9})}, Raw<int8_t>({-5, 9})}}},
      {"reduce_min_int16_constant_axis", ReduceModel(Op::REDUCE_MIN, DType::kInt16, false, 0), false,
       {{{Raw<int16_t>({-5, -7, 3, -9})}, Raw<int16_t>({-5, -9})}}},
      {"reduce_min_float32_computed_axis", ReduceModel(Op::REDUCE_MIN, DType::kFloat32, true, 0), true,
       {{{Raw<float>({1, 4, 3, 2}), Raw<int32_t>({1})}, Raw<float>({1, 2})}}},
      {"arg_max_float32_computed_axis", ArgModel(Op::ARG_MAX, DType::kFloat32, true, 1), true,
       {{{Raw<float>({1, 5, 2, 7, 0, 3}), Raw<int32_t>({1})}, Raw<int32_t>({1, 0})},
        {{Raw<float>({1, 5, 2, 7, 0, 3}), Raw<int32_t>({-1})}, Raw<int32_t>({1, 0})},
        {{Raw<float>({1, 5, 2, 7, 0, 3}), Raw<int32_t>({0})}, {}, true}}},  // output would be [3]
      {"arg_min_int8_constant_axis", ArgModel(Op::ARG_MIN, DType::kInt8, false, 0), false,
       {{{Raw<int8_t>({1, 5, 2, 7, 0, 2})}, Raw<int32_t>({0, 1, 0})}}},  // a tie keeps the first
      {"arg_min_float32_computed_axis", ArgModel(Op::ARG_MIN, DType::kFloat32, true, 1), true,
       {{{Raw<float>({1, 5, 2, 7, 0, 3}), Raw<int32_t>({1})}, Raw<int32_t>({0, 1})}}},
      {"l2_normalization_float32", L2NormFloat(), false,
       {{{Raw<float>({3, 4, 0, -2})}, Raw<float>({0.6f, 0.8f, 0, -1})}}},
  };
}

// ---- running ----

using test::Shell;
using test::Slurp;

void WriteBytes(const std::string& path, const Bytes& b) {
  std::string error;
  ASSERT_TRUE(WriteFile(path, b.data(), b.size(), &error)) << error;
}

class AotOps : public ::testing::TestWithParam<AotCase> {};

TEST_P(AotOps, CompiledModuleComputesByHandExpectations) {
  const AotCase& c = GetParam();
  const std::string dir = std::string(MOTE_BINARY_DIR) + "/aot_ops/" + c.name;
  std::filesystem::create_directories(dir);
  WriteBytes(dir + "/model.tflite", c.model);
  aot::CompileOptions o;
  o.name = std::string("m_") + c.name;
  o.out_dir = dir;
  aot::CompileReport report;
  std::string error;
  ASSERT_TRUE(aot::CompileModel(dir + "/model.tflite", o, &report, &error)) << error;
  const std::string source = Slurp(report.source_path);
  EXPECT_EQ(source.find("MOTE_TRY(mote::Resolve") != std::string::npos, c.resolves_at_invoke) << source;

  const std::string driver = dir + "/driver";
  const std::string build = fmt::format(
      "c++ -std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti -I{} -I{} -I{} "
      "-DMOTE_AOT_HEADER='\"{}.h\"' -DMOTE_AOT_NS={} {} {} {}/tests/aot_driver.cc {} -o {}",
      MOTE_SOURCE_DIR, MOTE_GEN_DIR, dir, o.name, o.name, report.source_path, report.weights_path, MOTE_SOURCE_DIR,
      MOTE_RUNTIME_LIB, driver);
  std::string log;
  ASSERT_EQ(Shell(build, &log), 0) << build << "\n" << log;
  if (std::system("command -v arm-none-eabi-g++ >/dev/null 2>&1") == 0) {
    const std::string arm = fmt::format(
        "arm-none-eabi-g++ -std=c++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -ffreestanding "
        "-fno-exceptions -fno-rtti -Wall -Wextra -Werror -O1 -I{} -I{} -c {} -o {}/module_m4.o",
        MOTE_SOURCE_DIR, MOTE_GEN_DIR, report.source_path, dir);
    log.clear();
    EXPECT_EQ(Shell(arm, &log), 0) << arm << "\n" << log;
  }

  for (size_t k = 0; k < c.invokes.size(); ++k) {
    const Invoke& run = c.invokes[k];
    std::string cmd = driver;
    for (size_t i = 0; i < run.inputs.size(); ++i) {
      const std::string path = fmt::format("{}/run{}_in{}.bin", dir, k, i);
      WriteBytes(path, run.inputs[i]);
      cmd += " " + path;
    }
    const std::string out = fmt::format("{}/run{}_out.bin", dir, k);
    std::remove(out.c_str());
    cmd += " -- " + out;
    log.clear();
    const int rc = Shell(cmd, &log);
    if (run.fails) {
      // The driver's exit code for a failed invoke(): an error status, not a crash.
      EXPECT_EQ(rc, 5) << "invoke " << k << ": " << log;
      continue;
    }
    ASSERT_EQ(rc, 0) << "invoke " << k << ": " << cmd << "\n" << log;
    const std::string got = Slurp(out);
    EXPECT_EQ(got, std::string(run.expected.begin(), run.expected.end())) << "invoke " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, AotOps, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<AotCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
