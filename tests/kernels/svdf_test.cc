// SVDF kernels against a model of the op written here with the state as a [batch][filter][memory]
// queue of real values: several invokes in a row (so every weights_time column and the state
// hand-over between invokes matter), float32 within tolerance and int8 (int16 and int8 state)
// within the rounding the quantized state and output allow; plus Prepare's rejections.
#include <gtest/gtest.h>

#include <deque>

#include "kernels/sequence_test_util.h"
#include "runtime/kernels/svdf.h"

namespace mote {
namespace {

using test::TestTensor;

struct Case {
  const char* name;
  int32_t batches, input_size, units, rank, memory;
  Activation act;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const Case kCases[] = {
    {"batch1_rank1", 1, 25, 11, 1, 10, Activation::kNone},
    {"batch1_rank2_relu", 1, 27, 10, 2, 6, Activation::kRelu},
    {"batch2_memory2", 2, 24, 13, 1, 2, Activation::kRelu},
    {"batch3_rank3", 3, 7, 4, 3, 5, Activation::kNone},
    {"memory1", 2, 5, 3, 2, 1, Activation::kRelu6},
    {"tiny", 1, 1, 1, 1, 3, Activation::kTanh},
};

// Real-valued SVDF: each invoke pushes one feature per filter and drops the oldest.
class SvdfModel {
 public:
  SvdfModel(const Case& c) : c_(c), state_(c.batches * c.units * c.rank, std::deque<double>(c.memory, 0.0)) {}
  // `feature(b, f)` is the new state value; returns output[b][u] before activation.
  template <typename Feature, typename WeightTime>
  std::vector<double> Step(Feature feature, WeightTime wt, const std::vector<double>& bias) {
    const int32_t filters = c_.units * c_.rank;
    for (int32_t b = 0; b < c_.batches; ++b)
      for (int32_t f = 0; f < filters; ++f) {
        auto& q = state_[b * filters + f];
        q.pop_front();
        q.push_back(feature(b, f));
      }
    std::vector<double> out(c_.batches * c_.units);
    for (int32_t b = 0; b < c_.batches; ++b)
      for (int32_t u = 0; u < c_.units; ++u) {
        double sum = bias.empty() ? 0.0 : bias[u];
        for (int32_t r = 0; r < c_.rank; ++r) {
          const int32_t f = u * c_.rank + r;
          for (int32_t m = 0; m < c_.memory; ++m) sum += wt(f, m) * state_[b * filters + f][m];
        }
        out[b * c_.units + u] = sum;
      }
    return out;
  }

 private:
  Case c_;
  std::vector<std::deque<double>> state_;
};

double Activate(Activation a, double v) {
  switch (a) {
    case Activation::kRelu: return std::max(0.0, v);
    case Activation::kRelu6: return std::min(6.0, std::max(0.0, v));
    case Activation::kTanh: return std::tanh(v);
    default: return v;
  }
}

class SvdfTest : public ::testing::TestWithParam<Case> {};

TEST_P(SvdfTest, Float32OverSeveralInvokes) {
  const Case& c = GetParam();
  const int32_t filters = c.units * c.rank;
  std::mt19937 rng(11);
  TestTensor<float> input(DType::kFloat32, {c.batches, c.input_size});
  TestTensor<float> wf(DType::kFloat32, {filters, c.input_size}), wt(DType::kFloat32, {filters, c.memory});
  TestTensor<float> bias(DType::kFloat32, {c.units}), out(DType::kFloat32, {c.batches, c.units});
  TestTensor<float> state(DType::kFloat32, {c.batches, filters * c.memory});
  state.t().is_variable = true;
  test::FillUniform(rng, wf.v(), -0.5, 0.5);
  test::FillUniform(rng, wt.v(), -0.5, 0.5);
  test::FillUniform(rng, bias.v(), -0.2, 0.2);
  SvdfParams p;
  ASSERT_TRUE(PrepareSvdf(input.t(), wf.t(), wt.t(), &bias.t(), state.t(), out.t(), {c.rank, c.act}, &p).ok());
  std::vector<uint8_t> scratch(SvdfScratchBytes(p, DType::kFloat32));
  SvdfModel model(c);
  const std::vector<double> b(bias.v().begin(), bias.v().end());
  for (int step = 0; step < c.memory + 3; ++step) {
    test::FillUniform(rng, input.v(), -1.0, 1.0);
    svdf_f32_ref(p, input.data(), wf.data(), wt.data(), bias.data(), state.data(), scratch.data(), out.data());
    const auto want = model.Step(
        [&](int32_t bi, int32_t f) {
          double s = 0;
          for (int32_t i = 0; i < c.input_size; ++i) s += wf.v()[f * c.input_size + i] * input.v()[bi * c.input_size + i];
          return s;
        },
        [&](int32_t f, int32_t m) { return static_cast<double>(wt.v()[f * c.memory + m]); }, b);
    for (size_t i = 0; i < want.size(); ++i)
      ASSERT_NEAR(out.v()[i], Activate(c.act, want[i]), 1e-4) << "step " << step << " at " << i;
  }
}

// The quantized model: the state holds quantized features; outputs are compared within the error
// a one-step difference in any contributing state value (plus one output LSB) can cause.
template <typename TState>
void CheckQuantized(const Case& c, DType state_type, int32_t input_zp, int32_t output_zp, uint32_t seed) {
  const int32_t filters = c.units * c.rank;
  const int32_t smin = sizeof(TState) == 2 ? -32768 : -128, smax = sizeof(TState) == 2 ? 32767 : 127;
  std::mt19937 rng(seed);
  const float in_s = 0.01f, wf_s = 0.004f, state_s = sizeof(TState) == 2 ? 0.0005f : 0.02f, wt_s = sizeof(TState) == 2 ? 0.00003f : 0.004f;
  const float out_s = 0.02f;
  const int32_t state_zp = sizeof(TState) == 2 ? 0 : 5;
  TestTensor<int8_t> input(DType::kInt8, {c.batches, c.input_size}, in_s, input_zp);
  TestTensor<int8_t> wf(DType::kInt8, {filters, c.input_size}, wf_s);
  TestTensor<TState> wt(state_type, {filters, c.memory}, wt_s);
  TestTensor<int32_t> bias(DType::kInt32, {c.units}, state_s * wt_s);
  TestTensor<TState> state(state_type, {c.batches, filters * c.memory}, state_s, state_zp);
  TestTensor<int8_t> out(DType::kInt8, {c.batches, c.units}, out_s, output_zp);
  state.t().is_variable = true;
  std::fill(state.v().begin(), state.v().end(), static_cast<TState>(state_zp));
  test::FillUniform(rng, wf.v(), -127, 127);
  test::FillUniform(rng, wt.v(), sizeof(TState) == 2 ? -20000 : -127, sizeof(TState) == 2 ? 20000 : 127);
  test::FillUniform(rng, bias.v(), -3000, 3000);
  SvdfParams p;
  ASSERT_TRUE(PrepareSvdf(input.t(), wf.t(), wt.t(), &bias.t(), state.t(), out.t(), {c.rank, c.act}, &p).ok());
  std::vector<uint8_t> scratch(SvdfScratchBytes(p, DType::kInt8));
  SvdfModel model(c);
  std::vector<double> b;
  for (int32_t v : bias.v()) b.push_back(v * static_cast<double>(state_s) * wt_s);
  for (int step = 0; step < c.memory + 3; ++step) {
    test::FillUniform(rng, input.v(), -128, 127);
    if constexpr (sizeof(TState) == 2)
      svdf_s8_ref(p, input.data(), wf.data(), wt.data(), bias.data(), state.data(), scratch.data(), out.data());
    else
      svdf_s8_ref(p, input.data(), wf.data(), wt.data(), bias.data(), state.data(), scratch.data(), out.data());
    const auto want = model.Step(
        [&](int32_t bi, int32_t f) {
          double s = 0;
          for (int32_t i = 0; i < c.input_size; ++i)
            s += wf_s * wf.v()[f * c.input_size + i] * in_s * (input.v()[bi * c.input_size + i] - input_zp);
          // The state stores the feature quantized and clamped to the state's range, then offset
          // by the zero point with the wrap-around of TFLM's narrowing store.
          const int32_t clamped = test::QuantizeTo(s, state_s, 0, smin, smax);
          const TState stored = static_cast<TState>(clamped + state_zp);
          return static_cast<double>(state_s) * (stored - state_zp);
        },
        [&](int32_t f, int32_t m) { return static_cast<double>(wt_s) * wt.v()[f * c.memory + m]; }, b);
    for (int32_t bi = 0; bi < c.batches; ++bi)
      for (int32_t u = 0; u < c.units; ++u) {
        double slack = 0;  // one state step on every contributing value
        for (int32_t r = 0; r < c.rank; ++r)
          for (int32_t m = 0; m < c.memory; ++m) slack += std::fabs(wt_s * wt.v()[(u * c.rank + r) * c.memory + m]) * state_s;
        const int32_t i = bi * c.units + u;
        const int32_t q = test::QuantizeTo(want[i], out_s, output_zp, -128, 127);
        ASSERT_NEAR(out.v()[i], q, 1.0 + slack / out_s) << "step " << step << " at " << i;
      }
  }
}

TEST_P(SvdfTest, Int8WithInt16State) { CheckQuantized<int16_t>(GetParam(), DType::kInt16, 3, -1, 21); }
TEST_P(SvdfTest, Int8WithInt8State) { CheckQuantized<int8_t>(GetParam(), DType::kInt8, -128, 127, 22); }
TEST_P(SvdfTest, Int8ExtremeZeroPoints) { CheckQuantized<int16_t>(GetParam(), DType::kInt16, 127, -128, 23); }

INSTANTIATE_TEST_SUITE_P(Shapes, SvdfTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// TFLM's integer SVDF ignores the fused activation: RELU must not clamp negative outputs.
TEST(SvdfInt8, IgnoresFusedActivation) {
  TestTensor<int8_t> input(DType::kInt8, {1, 1}, 1.0f), wf(DType::kInt8, {1, 1}, 1.0f), out(DType::kInt8, {1, 1}, 1.0f, 0);
  TestTensor<int16_t> wt(DType::kInt16, {1, 1}, 1.0f), state(DType::kInt16, {1, 1}, 1.0f);
  state.t().is_variable = true;
  input.v()[0] = -5;
  wf.v()[0] = 1;
  wt.v()[0] = 1;
  SvdfParams p;
  ASSERT_TRUE(PrepareSvdf(input.t(), wf.t(), wt.t(), nullptr, state.t(), out.t(), {1, Activation::kRelu}, &p).ok());
  std::vector<uint8_t> scratch(SvdfScratchBytes(p, DType::kInt8));
  svdf_s8_ref(p, input.data(), wf.data(), wt.data(), nullptr, state.data(), scratch.data(), out.data());
  EXPECT_EQ(out.v()[0], -5);
}

TEST(SvdfPrepare, RejectsInvalidModels) {
  struct Bad {
    const char* name;
    int32_t rank;
    std::vector<int32_t> input, wf, wt, state, out;
    bool variable;
    StatusCode code;
  };
  const Bad cases[] = {
      {"rank0", 0, {1, 4}, {6, 4}, {6, 3}, {1, 18}, {1, 6}, true, StatusCode::kInvalidModel},
      {"filters_not_multiple_of_rank", 4, {1, 4}, {6, 4}, {6, 3}, {1, 18}, {1, 1}, true, StatusCode::kShapeMismatch},
      {"input_depth", 1, {1, 5}, {6, 4}, {6, 3}, {1, 18}, {1, 6}, true, StatusCode::kShapeMismatch},
      {"weights_time_rows", 1, {1, 4}, {6, 4}, {5, 3}, {1, 18}, {1, 6}, true, StatusCode::kShapeMismatch},
      {"state_size", 1, {1, 4}, {6, 4}, {6, 3}, {1, 17}, {1, 6}, true, StatusCode::kShapeMismatch},
      {"state_not_variable", 1, {1, 4}, {6, 4}, {6, 3}, {1, 18}, {1, 6}, false, StatusCode::kInvalidModel},
      {"output_units", 2, {1, 4}, {6, 4}, {6, 3}, {1, 18}, {1, 6}, true, StatusCode::kShapeMismatch},
      {"input_rank3", 1, {1, 1, 4}, {6, 4}, {6, 3}, {1, 18}, {1, 6}, true, StatusCode::kShapeMismatch},
  };
  for (const Bad& c : cases) {
    TestTensor<float> input(DType::kFloat32, c.input), wf(DType::kFloat32, c.wf), wt(DType::kFloat32, c.wt);
    TestTensor<float> state(DType::kFloat32, c.state), out(DType::kFloat32, c.out);
    state.t().is_variable = c.variable;
    SvdfParams p;
    const Status s = PrepareSvdf(input.t(), wf.t(), wt.t(), nullptr, state.t(), out.t(), {c.rank, Activation::kNone}, &p);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.message();
  }
}

TEST(SvdfPrepare, RejectsMismatchedQuantizedTypes) {
  TestTensor<int8_t> input(DType::kInt8, {1, 4}, 0.1f), wf(DType::kInt8, {2, 4}, 0.1f), out(DType::kInt8, {1, 2}, 0.1f);
  TestTensor<int16_t> wt(DType::kInt16, {2, 3}, 0.1f);
  TestTensor<int8_t> state8(DType::kInt8, {1, 6}, 0.1f);
  state8.t().is_variable = true;
  SvdfParams p;
  EXPECT_EQ(PrepareSvdf(input.t(), wf.t(), wt.t(), nullptr, state8.t(), out.t(), {1, Activation::kNone}, &p).code(),
            StatusCode::kUnsupported);
  TestTensor<int16_t> state16(DType::kInt16, {1, 6}, 0.1f);
  state16.t().is_variable = true;
  TestTensor<int32_t> bias(DType::kInt32, {2}, 0.5f);  // should be 0.1 x 0.1
  EXPECT_EQ(PrepareSvdf(input.t(), wf.t(), wt.t(), &bias.t(), state16.t(), out.t(), {1, Activation::kNone}, &p).code(),
            StatusCode::kInvalidModel);
  TestTensor<float> fstate(DType::kFloat32, {1, 6});
  fstate.t().is_variable = true;
  TestTensor<float> fin(DType::kFloat32, {1, 4}), fwf(DType::kFloat32, {2, 4}), fwt(DType::kFloat32, {2, 3}), fout(DType::kFloat32, {1, 2});
  EXPECT_EQ(PrepareSvdf(fin.t(), fwf.t(), fwt.t(), nullptr, fstate.t(), fout.t(), {1, static_cast<Activation>(9)}, &p).code(),
            StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
