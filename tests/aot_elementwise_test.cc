// `mote compile` emitters of the elementwise ops on the (op, dtype) pairs the ../shared goldens do
// not reach (int16 binary ops, int32/int64 MAXIMUM/MINIMUM, the rarer QUANTIZE pairs, int8 and
// float SOFTMAX, RSQRT's failing Eval...). Each case builds a one-op model, runs it through the
// runtime interpreter on random inputs, then compiles it, builds the module with -Werror and a
// driver, runs the same inputs and requires the same output bytes (or the same failure).
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/aot/module.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "compiler/tflite_writer.h"
#include "test_util.h"

namespace mote {
namespace {

using Op = tflite::BuiltinOperator;
using Act = tflite::ActivationFunctionType;

struct TensorSpec {
  DType type;
  std::vector<int32_t> shape;
  float scale = 0.0f;  // 0: not quantized
  int64_t zero_point = 0;
  bool constant = false;  // random values stored in the model instead of fed as an input
};

enum class Options { kNone, kAddRelu, kSubRelu6, kSoftmaxBetaHalf, kSoftmaxBetaOne };

struct Case {
  const char* name;
  Op op;
  std::vector<TensorSpec> inputs;
  TensorSpec output;
  Options options = Options::kNone;
  bool invoke_fails = false;  // the interpreter's Eval fails; the module's invoke() must too
};

// gtest names a failing case by this rather than by its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

TensorSpec F32(std::vector<int32_t> shape) { return {DType::kFloat32, std::move(shape)}; }
TensorSpec Q(DType type, std::vector<int32_t> shape, float scale, int64_t zero_point) {
  return {type, std::move(shape), scale, zero_point};
}
TensorSpec Const(TensorSpec t) {
  t.constant = true;
  return t;
}

const DType kS8 = DType::kInt8, kU8 = DType::kUInt8, kS16 = DType::kInt16, kS32 = DType::kInt32,
            kS64 = DType::kInt64;

const Case kCases[] = {
    {"add_int8_broadcast_const_relu", Op::ADD,
     {Q(kS8, {2, 3, 4}, 0.05f, 3), Const(Q(kS8, {4}, 0.1f, -5))}, Q(kS8, {2, 3, 4}, 0.08f, -10), Options::kAddRelu},
    {"add_int16_broadcast_both", Op::ADD, {Q(kS16, {3, 1, 5}, 0.001f, 0), Q(kS16, {1, 4, 5}, 0.002f, 0)},
     Q(kS16, {3, 4, 5}, 0.003f, 0)},
    {"sub_float32_const_relu6", Op::SUB, {F32({2, 5}), Const(F32({5}))}, F32({2, 5}), Options::kSubRelu6},
    {"squared_difference_int16", Op::SQUARED_DIFFERENCE, {Q(kS16, {4, 6}, 0.002f, 0), Q(kS16, {4, 6}, 0.003f, 0)},
     Q(kS16, {4, 6}, 0.05f, 0)},
    {"maximum_int16_broadcast", Op::MAXIMUM, {Q(kS16, {3, 4}, 0.01f, 0), Q(kS16, {4}, 0.01f, 0)},
     Q(kS16, {3, 4}, 0.01f, 0)},
    {"minimum_int16_broadcast", Op::MINIMUM, {Q(kS16, {3, 1}, 0.01f, 0), Q(kS16, {3, 4}, 0.01f, 0)},
     Q(kS16, {3, 4}, 0.01f, 0)},
    {"maximum_int32", Op::MAXIMUM, {{kS32, {2, 7}}, {kS32, {2, 7}}}, {kS32, {2, 7}}},
    {"minimum_int64_const", Op::MINIMUM, {{kS64, {2, 3}}, Const({kS64, {3}})}, {kS64, {2, 3}}},
    {"prelu_int16_const_alpha", Op::PRELU, {Q(kS16, {2, 3, 4}, 0.01f, 0), Const(Q(kS8, {4}, 0.02f, 1))},
     Q(kS16, {2, 3, 4}, 0.012f, 0)},
    {"relu_int16", Op::RELU, {Q(kS16, {5, 7}, 0.01f, 0)}, Q(kS16, {5, 7}, 0.02f, 0)},
    {"relu6_int16", Op::RELU6, {Q(kS16, {5, 7}, 0.001f, 0)}, Q(kS16, {5, 7}, 0.001f, 0)},
    {"abs_int16", Op::ABS, {Q(kS16, {9}, 0.01f, 0)}, Q(kS16, {9}, 0.015f, 0)},
    {"abs_int16_unquantized", Op::ABS, {{kS16, {9}}}, {kS16, {9}}},
    {"quantize_float32_to_int16", Op::QUANTIZE, {F32({3, 5})}, Q(kS16, {3, 5}, 0.0005f, 0)},
    {"quantize_int8_to_uint8", Op::QUANTIZE, {Q(kS8, {11}, 0.1f, -3)}, Q(kU8, {11}, 0.1f, 125)},
    {"quantize_int8_to_int32", Op::QUANTIZE, {Q(kS8, {11}, 0.1f, 4)}, Q(kS32, {11}, 0.01f, 0)},
    {"quantize_uint8_to_int8", Op::QUANTIZE, {Q(kU8, {11}, 0.05f, 130)}, Q(kS8, {11}, 0.05f, 2)},
    {"quantize_int16_to_int16", Op::QUANTIZE, {Q(kS16, {11}, 0.001f, 0)}, Q(kS16, {11}, 0.0007f, 0)},
    {"quantize_int16_to_int32", Op::QUANTIZE, {Q(kS16, {11}, 0.001f, 0)}, Q(kS32, {11}, 0.0001f, 0)},
    {"quantize_int32_to_int8", Op::QUANTIZE, {Q(kS32, {11}, 1e-6f, 0)}, Q(kS8, {11}, 0.02f, -1)},
    {"quantize_int32_to_int16", Op::QUANTIZE, {Q(kS32, {11}, 1e-6f, 0)}, Q(kS16, {11}, 0.0001f, 0)},
    {"dequantize_uint8", Op::DEQUANTIZE, {Q(kU8, {2, 6}, 0.03f, 128)}, F32({2, 6})},
    // Zero point -128: every int8 input is at or above it, so no element is negative.
    {"rsqrt_int8_nonnegative", Op::RSQRT, {Q(kS8, {4, 6}, 0.05f, -128)}, Q(kS8, {4, 6}, 0.02f, -128)},
    {"rsqrt_int8_negative_input_fails", Op::RSQRT, {Q(kS8, {4, 6}, 0.05f, 0)}, Q(kS8, {4, 6}, 0.02f, -128), {}, true},
    {"softmax_int8", Op::SOFTMAX, {Q(kS8, {3, 10}, 0.1f, 5)}, Q(kS8, {3, 10}, 1.0f / 256, -128),
     Options::kSoftmaxBetaOne},
    {"softmax_float32_beta_half", Op::SOFTMAX, {F32({4, 9})}, F32({4, 9}), Options::kSoftmaxBetaHalf},
    {"log_softmax_float32", Op::LOG_SOFTMAX, {F32({4, 9})}, F32({4, 9})},
};

tflite::BuiltinOptionsUnion MakeOptions(Options o) {
  tflite::BuiltinOptionsUnion u;
  switch (o) {
    case Options::kNone: break;
    case Options::kAddRelu: {
      auto* add = new tflite::AddOptionsT();
      add->fused_activation_function = Act::RELU;
      u.type = tflite::BuiltinOptions::AddOptions;
      u.value = add;
      break;
    }
    case Options::kSubRelu6: {
      auto* sub = new tflite::SubOptionsT();
      sub->fused_activation_function = Act::RELU6;
      u.type = tflite::BuiltinOptions::SubOptions;
      u.value = sub;
      break;
    }
    case Options::kSoftmaxBetaHalf:
    case Options::kSoftmaxBetaOne: {
      auto* softmax = new tflite::SoftmaxOptionsT();
      softmax->beta = o == Options::kSoftmaxBetaHalf ? 0.5f : 1.0f;
      u.type = tflite::BuiltinOptions::SoftmaxOptions;
      u.value = softmax;
      break;
    }
  }
  return u;
}

size_t Elements(const TensorSpec& t) {
  size_t n = 1;
  for (int32_t d : t.shape) n *= static_cast<size_t>(d);
  return n;
}

// Random tensor bytes: floats in [-4, 4] (no NaNs or overflow), integers over their whole range.
std::vector<uint8_t> RandomBytes(std::mt19937& rng, const TensorSpec& t) {
  const size_t n = Elements(t);
  std::vector<uint8_t> bytes(n * DTypeSize(t.type));
  if (t.type == DType::kFloat32) {
    std::uniform_real_distribution<float> d(-4.0f, 4.0f);
    for (size_t i = 0; i < n; ++i) {
      const float v = d(rng);
      std::memcpy(bytes.data() + 4 * i, &v, 4);
    }
  } else {
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
  }
  return bytes;
}

int32_t AddSpec(TfliteBuilder& b, const std::string& name, const TensorSpec& t, const std::vector<uint8_t>& data) {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  if (t.scale != 0.0f) {
    scales = {t.scale};
    zero_points = {t.zero_point};
  }
  return b.AddTensor(name, t.type, t.shape, scales, zero_points, data);
}

struct Built {
  std::vector<uint8_t> model;
  std::vector<std::vector<uint8_t>> inputs;  // one per non-constant input, in order
};

Built BuildModel(const Case& c, std::mt19937& rng) {
  Built out;
  TfliteBuilder b;
  std::vector<int32_t> op_inputs, graph_inputs;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    const TensorSpec& t = c.inputs[i];
    const std::vector<uint8_t> data = RandomBytes(rng, t);
    const int32_t id = AddSpec(b, fmt::format("in{}", i), t, t.constant ? data : std::vector<uint8_t>{});
    op_inputs.push_back(id);
    if (!t.constant) {
      graph_inputs.push_back(id);
      out.inputs.push_back(data);
    }
  }
  const int32_t result = AddSpec(b, "out", c.output, {});
  b.AddOp(c.op, op_inputs, {result}, MakeOptions(c.options));
  b.SetInputs(graph_inputs);
  b.SetOutputs({result});
  out.model = b.Finish();
  return out;
}

class AotElementwise : public ::testing::TestWithParam<Case> {};

TEST_P(AotElementwise, ModuleMatchesInterpreter) {
  const Case& c = GetParam();
  std::mt19937 rng(1234);
  const Built built = BuildModel(c, rng);
  const std::string dir = std::string(MOTE_BINARY_DIR) + "/aot_elementwise/" + c.name;
  std::filesystem::create_directories(dir);
  std::string error;
  const std::string model_path = dir + "/model.tflite";
  ASSERT_TRUE(WriteFile(model_path, built.model.data(), built.model.size(), &error)) << error;

  // The interpreter's answer.
  auto host = HostModel::Load(model_path, &error);
  ASSERT_TRUE(host) << error;
  std::string driver_args;
  for (size_t i = 0; i < built.inputs.size(); ++i) {
    ASSERT_TRUE(host->SetInput(static_cast<int>(i), built.inputs[i], &error)) << error;
    const std::string path = fmt::format("{}/in{}.bin", dir, i);
    ASSERT_TRUE(WriteFile(path, built.inputs[i].data(), built.inputs[i].size(), &error)) << error;
    driver_args += " " + path;
  }
  const bool interpreted = host->Invoke(&error);
  ASSERT_EQ(interpreted, !c.invoke_fails) << error;

  // The compiled module's.
  aot::CompileOptions o;
  o.name = std::string("m_") + c.name;
  o.out_dir = dir;
  aot::CompileReport report;
  ASSERT_TRUE(aot::CompileModel(model_path, o, &report, &error)) << error;
  const std::string driver = dir + "/driver";
  std::string log;
  ASSERT_TRUE(test::BuildAotDriver(report, o.name, driver, &log)) << log;
  const std::string out_path = dir + "/out0.bin";
  std::filesystem::remove(out_path);
  log.clear();
  const int rc = test::Shell(driver + driver_args + " -- " + out_path, &log);
  if (c.invoke_fails) {
    EXPECT_EQ(rc, 5) << "the driver's code for a failed invoke()\n" << log;
    return;
  }
  ASSERT_EQ(rc, 0) << log;
  const Tensor* expected = host->interpreter().output(0);
  const std::string want(static_cast<const char*>(expected->data), expected->Bytes());
  EXPECT_EQ(test::Slurp(out_path), want) << "module output differs from the interpreter's";
}

INSTANTIATE_TEST_SUITE_P(Ops, AotElementwise, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
