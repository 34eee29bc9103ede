// `mote compile` emitters on small synthetic models that reach the kernel overloads and paths the
// ../shared folders do not: int16 convolutions with an int32, int16 or missing bias (the s16
// kernels are overloaded on the bias type), int16 BATCH_MATMUL and LSTM, and state tensors
// carried over several invokes (SVDF, LSTM; int8 state starts at its zero point). Each model is
// compiled, built with -Wall -Wextra -Werror, stepped a few times, and every step's output must
// equal, byte for byte, what the runtime interpreter (a separate path: flatbuffer glue, no
// emitted code) computes from the same inputs.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/aot/module.h"
#include "compiler/host_model.h"
#include "compiler/io.h"
#include "compiler/tflite_writer.h"

#include "test_util.h"

namespace mote {
namespace {

template <typename T>
tflite::BuiltinOptionsUnion Options(T options) {
  tflite::BuiltinOptionsUnion u;
  u.Set(std::move(options));
  return u;
}

template <typename T>
std::vector<T> Random(std::mt19937& rng, size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(d(rng));
  return v;
}

std::vector<float> RandomFloats(std::mt19937& rng, size_t n) {
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

// TfliteBuilder has no variable tensors: mark them on the unpacked model and pack it again.
std::vector<uint8_t> MarkVariable(const std::vector<uint8_t>& bytes, const std::vector<int32_t>& tensors) {
  std::unique_ptr<tflite::ModelT> model(tflite::GetModel(bytes.data())->UnPack());
  for (int32_t t : tensors) model->subgraphs[0]->tensors[t]->is_variable = true;
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::Model::Pack(fbb, model.get()), tflite::ModelIdentifier());
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

// --- CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV, int16 activations -----------------------

enum class Bias { kNone, kInt16, kInt32, kInt64 };

std::vector<float> ChannelScales(int n) {
  std::vector<float> s;
  for (int i = 0; i < n; ++i) s.push_back(0.004f + 0.001f * static_cast<float>(i));
  return s;
}

// A bias of `n` channels in the requested dtype, or -1 when there is none.
int32_t AddBias(TfliteBuilder& b, std::mt19937& rng, Bias bias, int n) {
  switch (bias) {
    case Bias::kNone: return -1;
    case Bias::kInt16: return b.AddConstant("bias", DType::kInt16, {n}, Random<int16_t>(rng, n, -3000, 3000), {1e-5f});
    case Bias::kInt32:
      return b.AddConstant("bias", DType::kInt32, {n}, Random<int32_t>(rng, n, -90000, 90000), {1e-5f});
    case Bias::kInt64:
      return b.AddConstant("bias", DType::kInt64, {n}, Random<int64_t>(rng, n, -90000, 90000), {1e-5f});
  }
  return -1;
}

std::vector<int32_t> WithBias(std::vector<int32_t> inputs, int32_t bias) {
  if (bias >= 0) inputs.push_back(bias);
  return inputs;
}

// 3x3 VALID convolution of a 1x6x6x16 int16 input into 8 channels. `hint` is the model's
// quantized_bias_type option (what a bias-less int16 layer accumulates in).
std::vector<uint8_t> Conv2DS16(Bias bias, tflite::TensorType hint) {
  std::mt19937 rng(11);
  TfliteBuilder b;
  const int32_t in = b.AddTensor("in", DType::kInt16, {1, 6, 6, 16}, {1.0f / 4096}, {0});
  const int32_t filter = b.AddConstant("filter", DType::kInt8, {8, 3, 3, 16},
                                       Random<int8_t>(rng, 8 * 9 * 16, -127, 127), ChannelScales(8),
                                       std::vector<int64_t>(8, 0), 0);
  const int32_t bias_t = AddBias(b, rng, bias, 8);
  const int32_t out = b.AddTensor("out", DType::kInt16, {1, 4, 4, 8}, {1.0f / 1024}, {0});
  tflite::Conv2DOptionsT o;
  o.padding = tflite::Padding::VALID;
  o.stride_h = o.stride_w = 1;
  o.quantized_bias_type = hint;
  b.AddOp(tflite::BuiltinOperator::CONV_2D, WithBias({in, filter}, bias_t), {out}, Options(o));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<uint8_t> Conv2DS16Int32Bias() { return Conv2DS16(Bias::kInt32, tflite::TensorType::FLOAT32); }
std::vector<uint8_t> Conv2DS16NoBias() { return Conv2DS16(Bias::kNone, tflite::TensorType::FLOAT32); }
std::vector<uint8_t> Conv2DS16NoBiasInt32Hint() { return Conv2DS16(Bias::kNone, tflite::TensorType::INT32); }

// Depth multiplier 2, SAME padding, no bias.
std::vector<uint8_t> DepthwiseS16NoBias() {
  std::mt19937 rng(12);
  TfliteBuilder b;
  const int32_t in = b.AddTensor("in", DType::kInt16, {1, 5, 5, 4}, {1.0f / 4096}, {0});
  const int32_t filter = b.AddConstant("filter", DType::kInt8, {1, 3, 3, 8}, Random<int8_t>(rng, 9 * 8, -127, 127),
                                       ChannelScales(8), std::vector<int64_t>(8, 0), 3);
  const int32_t out = b.AddTensor("out", DType::kInt16, {1, 5, 5, 8}, {1.0f / 2048}, {0});
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = tflite::Padding::SAME;
  o.stride_h = o.stride_w = 1;
  o.depth_multiplier = 2;
  b.AddOp(tflite::BuiltinOperator::DEPTHWISE_CONV_2D, {in, filter}, {out}, Options(o));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// Stride-2 SAME transpose convolution 1x4x4x6 -> 1x8x8x4.
std::vector<uint8_t> TransposeConvS16(Bias bias) {
  std::mt19937 rng(13);
  TfliteBuilder b;
  const int32_t shape = b.AddConstant("output_shape", DType::kInt32, {4}, std::vector<int32_t>{1, 8, 8, 4});
  const int32_t filter = b.AddConstant("filter", DType::kInt8, {4, 3, 3, 6}, Random<int8_t>(rng, 4 * 9 * 6, -127, 127),
                                       ChannelScales(4), std::vector<int64_t>(4, 0), 0);
  const int32_t in = b.AddTensor("in", DType::kInt16, {1, 4, 4, 6}, {1.0f / 4096}, {0});
  const int32_t bias_t = AddBias(b, rng, bias, 4);
  const int32_t out = b.AddTensor("out", DType::kInt16, {1, 8, 8, 4}, {1.0f / 4096}, {0});
  tflite::TransposeConvOptionsT o;
  o.padding = tflite::Padding::SAME;
  o.stride_h = o.stride_w = 2;
  b.AddOp(tflite::BuiltinOperator::TRANSPOSE_CONV, WithBias({shape, filter, in}, bias_t), {out}, Options(o));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<uint8_t> TransposeConvS16Int16Bias() { return TransposeConvS16(Bias::kInt16); }
std::vector<uint8_t> TransposeConvS16NoBias() { return TransposeConvS16(Bias::kNone); }

// --- BATCH_MATMUL int16: two activations, the rhs broadcast over the lhs batch --------------

std::vector<uint8_t> BatchMatMulS16() {
  TfliteBuilder b;
  const int32_t lhs = b.AddTensor("lhs", DType::kInt16, {2, 3, 5}, {1.0f / 4096}, {0});
  const int32_t rhs = b.AddTensor("rhs", DType::kInt16, {1, 4, 5}, {1.0f / 4096}, {0});
  const int32_t out = b.AddTensor("out", DType::kInt16, {2, 3, 4}, {1.0f / 8192}, {0});
  tflite::BatchMatMulOptionsT o;
  o.adj_y = true;
  b.AddOp(tflite::BuiltinOperator::BATCH_MATMUL, {lhs, rhs}, {out}, Options(o));
  b.SetInputs({lhs, rhs});
  b.SetOutputs({out});
  return b.Finish();
}

// --- SVDF: state carried across invokes -------------------------------------------------------

// rank 2, 6 filters (3 units), memory 5, input 6, batch 1; int8 state with a non-zero zero point
// (so init() must fill it with that value) or float32 throughout. Scales keep the int8 state and
// output mostly unsaturated.
std::vector<uint8_t> Svdf(bool quantized) {
  std::mt19937 rng(14);
  TfliteBuilder b;
  int32_t in, wf, wt, bias, state, out;
  if (quantized) {
    in = b.AddTensor("in", DType::kInt8, {1, 6}, {0.01f}, {2});
    wf = b.AddConstant("weights_feature", DType::kInt8, {6, 6}, Random<int8_t>(rng, 36, -127, 127), {0.005f});
    wt = b.AddConstant("weights_time", DType::kInt8, {6, 5}, Random<int8_t>(rng, 30, -127, 127), {0.01f});
    bias = b.AddConstant("bias", DType::kInt32, {3}, Random<int32_t>(rng, 3, -500, 500), {0.02f * 0.01f});
    state = b.AddTensor("state", DType::kInt8, {1, 30}, {0.02f}, {-3});
    out = b.AddTensor("out", DType::kInt8, {1, 3}, {0.01f}, {1});
  } else {
    in = b.AddTensor("in", DType::kFloat32, {1, 6});
    wf = b.AddConstant("weights_feature", DType::kFloat32, {6, 6}, RandomFloats(rng, 36));
    wt = b.AddConstant("weights_time", DType::kFloat32, {6, 5}, RandomFloats(rng, 30));
    bias = b.AddConstant("bias", DType::kFloat32, {3}, RandomFloats(rng, 3));
    state = b.AddTensor("state", DType::kFloat32, {1, 30});
    out = b.AddTensor("out", DType::kFloat32, {1, 3});
  }
  tflite::SVDFOptionsT o;
  o.rank = 2;
  o.fused_activation_function = tflite::ActivationFunctionType::RELU;
  b.AddOp(tflite::BuiltinOperator::SVDF, {in, wf, wt, bias, state}, {out}, Options(o));
  b.SetInputs({in});
  b.SetOutputs({out});
  return MarkVariable(b.Finish(), {state});
}

std::vector<uint8_t> SvdfS8() { return Svdf(true); }
std::vector<uint8_t> SvdfF32() { return Svdf(false); }

// --- UNIDIRECTIONAL_SEQUENCE_LSTM: int16 and int8, hidden and cell state across invokes -----

// 2 batches x 3 steps x 5 features into 4 units. int16: zero points 0, int64 bias; int8: a
// non-zero hidden zero point (init() fills the hidden state with it), int32 bias.
std::vector<uint8_t> Lstm(DType act, bool time_major) {
  std::mt19937 rng(15);
  const bool s16 = act == DType::kInt16;
  const int units = 4, features = 5;
  const float act_scale = s16 ? 1.0f / 4096 : 0.02f;
  const int64_t in_zp = s16 ? 0 : 3, hidden_zp = s16 ? 0 : 5;
  const std::vector<int32_t> seq = time_major ? std::vector<int32_t>{3, 2} : std::vector<int32_t>{2, 3};
  TfliteBuilder b;
  std::vector<int32_t> inputs(24, -1);
  inputs[0] = b.AddTensor("in", act, {seq[0], seq[1], features}, {act_scale}, {in_zp});
  for (int g = 0; g < 4; ++g) {
    inputs[1 + g] = b.AddConstant(fmt::format("w{}", g), DType::kInt8, {units, features},
                                  Random<int8_t>(rng, units * features, -127, 127), {0.01f});
    inputs[5 + g] = b.AddConstant(fmt::format("r{}", g), DType::kInt8, {units, units},
                                  Random<int8_t>(rng, units * units, -127, 127), {0.01f});
    inputs[12 + g] = s16 ? b.AddConstant(fmt::format("b{}", g), DType::kInt64, {units},
                                         Random<int64_t>(rng, units, -2000, 2000), {act_scale * 0.01f})
                         : b.AddConstant(fmt::format("b{}", g), DType::kInt32, {units},
                                         Random<int32_t>(rng, units, -2000, 2000), {act_scale * 0.01f});
  }
  const float hidden_scale = s16 ? 1.0f / 4096 : 1.0f / 128;
  inputs[18] = b.AddTensor("hidden", act, {2, units}, {hidden_scale}, {hidden_zp});
  inputs[19] = b.AddTensor("cell", DType::kInt16, {2, units}, {1.0f / 2048}, {0});
  const int32_t out = b.AddTensor("out", act, {seq[0], seq[1], units}, {hidden_scale}, {hidden_zp});
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = tflite::ActivationFunctionType::TANH;
  o.cell_clip = 3.0f;
  o.time_major = time_major;
  b.AddOp(tflite::BuiltinOperator::UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, {out}, Options(o));
  b.SetInputs({inputs[0]});
  b.SetOutputs({out});
  return MarkVariable(b.Finish(), {inputs[18], inputs[19]});
}

std::vector<uint8_t> LstmS16BatchMajor() { return Lstm(DType::kInt16, false); }
std::vector<uint8_t> LstmS8TimeMajor() { return Lstm(DType::kInt8, true); }

// --- the check ---------------------------------------------------------------------------------

struct EmitCase {
  const char* name;
  std::vector<uint8_t> (*build)();
  int invokes;  // > 1: state must carry over from one invoke to the next
};

const EmitCase kCases[] = {
    {"conv2d_s16_int32_bias", Conv2DS16Int32Bias, 1},
    {"conv2d_s16_no_bias", Conv2DS16NoBias, 1},
    {"conv2d_s16_no_bias_int32_hint", Conv2DS16NoBiasInt32Hint, 1},
    {"depthwise_s16_no_bias", DepthwiseS16NoBias, 1},
    {"transpose_conv_s16_int16_bias", TransposeConvS16Int16Bias, 1},
    {"transpose_conv_s16_no_bias", TransposeConvS16NoBias, 1},
    {"batch_matmul_s16", BatchMatMulS16, 1},
    {"svdf_s8_int8_state", SvdfS8, 4},
    {"svdf_f32", SvdfF32, 4},
    {"lstm_s16_batch_major", LstmS16BatchMajor, 3},
    {"lstm_s8_time_major", LstmS8TimeMajor, 3},
};

// Steps a compiled module: init() once, then per step reads DIR/step<k>_in<i>.bin, invokes and
// writes DIR/step<k>_out<j>.bin.
constexpr const char* kSteppingDriver = R"(#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include MOTE_AOT_HEADER
namespace m = MOTE_AOT_NS;
int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const int steps = std::atoi(argv[2]);
  char path[4096];
  m::init();
  for (int k = 0; k < steps; ++k) {
    for (int i = 0; i < m::kNumInputs; ++i) {
      std::snprintf(path, sizeof path, "%s/step%d_in%d.bin", argv[1], k, i);
      FILE* f = std::fopen(path, "rb");
      if (!f || std::fread(m::input_data(i), 1, m::input_bytes(i), f) != m::input_bytes(i)) return 3;
      std::fclose(f);
    }
    if (!m::invoke().ok()) return 4;
    for (int o = 0; o < m::kNumOutputs; ++o) {
      std::snprintf(path, sizeof path, "%s/step%d_out%d.bin", argv[1], k, o);
      FILE* f = std::fopen(path, "wb");
      if (!f || std::fwrite(m::output_data(o), 1, m::output_bytes(o), f) != m::output_bytes(o)) return 5;
      std::fclose(f);
    }
  }
  return 0;
}
)";

using test::Shell;
using test::Slurp;

// Input bytes for one invoke: values a real model would see for the tensor's dtype (int16
// activations kept well inside their range, floats in [-1, 1]).
std::vector<uint8_t> InputBytes(std::mt19937& rng, const Tensor& t) {
  const size_t n = static_cast<size_t>(t.NumElements());
  std::vector<uint8_t> bytes(t.Bytes());
  auto copy = [&](const auto& v) { std::memcpy(bytes.data(), v.data(), bytes.size()); };
  switch (t.type) {
    case DType::kFloat32: copy(RandomFloats(rng, n)); break;
    case DType::kInt16: copy(Random<int16_t>(rng, n, -8000, 8000)); break;
    default: copy(Random<int8_t>(rng, n, -128, 127)); break;
  }
  return bytes;
}

// Empty when equal; otherwise how many bytes differ and where the first one is.
std::string ByteDifference(const std::string& got, const std::string& want) {
  if (got.size() != want.size()) return fmt::format("{} bytes, expected {}", got.size(), want.size());
  size_t count = 0, first = 0;
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i] != want[i] && count++ == 0) first = i;
  return count ? fmt::format("{} of {} bytes differ, first at byte {}", count, got.size(), first) : "";
}

// The runtime library the module links against is instrumented in sanitizer builds: the module
// and driver need the same runtime support (GCC defines __SANITIZE_ADDRESS__; this project's
// sanitizer build always pairs ASan with UBSan).
#if defined(__SANITIZE_ADDRESS__)
constexpr const char* kSanitizerFlags = "-fsanitize=address,undefined";
#else
constexpr const char* kSanitizerFlags = "";
#endif

class AotEmit : public ::testing::TestWithParam<EmitCase> {};

TEST_P(AotEmit, CompiledModuleMatchesInterpreterStepByStep) {
  const EmitCase& c = GetParam();
  const std::string dir = std::string(MOTE_BINARY_DIR) + "/aot_emit/" + c.name;
  std::filesystem::create_directories(dir);
  const std::string model_path = dir + "/model.tflite";
  const std::vector<uint8_t> model = c.build();
  std::string error;
  ASSERT_TRUE(WriteFile(model_path, model.data(), model.size(), &error)) << error;

  // Reference: the interpreter stepped over the same inputs, state carried between invokes.
  auto host = HostModel::Load(model_path, &error);
  ASSERT_TRUE(host) << error;
  std::mt19937 rng(7);
  std::vector<std::vector<std::string>> want(c.invokes);
  for (int k = 0; k < c.invokes; ++k) {
    for (int i = 0; i < host->interpreter().num_inputs(); ++i) {
      const std::vector<uint8_t> in = InputBytes(rng, *host->interpreter().input(i));
      ASSERT_TRUE(WriteFile(fmt::format("{}/step{}_in{}.bin", dir, k, i), in.data(), in.size(), &error)) << error;
      ASSERT_TRUE(host->SetInput(i, in, &error)) << error;
    }
    ASSERT_TRUE(host->Invoke(&error)) << error;
    for (int o = 0; o < host->interpreter().num_outputs(); ++o) {
      const Tensor& t = *host->interpreter().output(o);
      want[k].emplace_back(static_cast<const char*>(t.data), t.Bytes());
    }
  }

  aot::CompileOptions options;
  options.name = std::string("m_") + c.name;
  options.out_dir = dir;
  aot::CompileReport report;
  ASSERT_TRUE(aot::CompileModel(model_path, options, &report, &error)) << error;
  const std::string driver_src = dir + "/stepping_driver.cc";
  ASSERT_TRUE(WriteFile(driver_src, kSteppingDriver, std::strlen(kSteppingDriver), &error)) << error;
  const std::string driver = dir + "/driver";
  const std::string build = fmt::format(
      "c++ -std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti {} -I{} -I{} -I{} "
      "-DMOTE_AOT_HEADER='\"{}.h\"' -DMOTE_AOT_NS={} {} {} {} {} -o {}",
      kSanitizerFlags, MOTE_SOURCE_DIR, MOTE_GEN_DIR, dir, options.name, options.name, report.source_path,
      report.weights_path, driver_src, MOTE_RUNTIME_LIB, driver);
  std::string log;
  ASSERT_EQ(Shell(build, &log), 0) << build << "\n" << log;
  log.clear();
  ASSERT_EQ(Shell(fmt::format("{} {} {}", driver, dir, c.invokes), &log), 0) << log;

  for (int k = 0; k < c.invokes; ++k)
    for (size_t o = 0; o < want[k].size(); ++o)
      EXPECT_EQ(ByteDifference(Slurp(fmt::format("{}/step{}_out{}.bin", dir, k, o)), want[k][o]), "")
          << c.name << ": invoke " << k << " output " << o << " differs from the interpreter's";
}

void PrintTo(const EmitCase& c, std::ostream* os) { *os << c.name; }

std::string CaseName(const ::testing::TestParamInfo<EmitCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Synthetic, AotEmit, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace mote
