// UNIDIRECTIONAL_SEQUENCE_LSTM kernels against a textbook LSTM written here in double:
// time- and batch-major layouts, one to three batch rows, cell clipping, state carried across
// invokes; float32 within tolerance, int8 and int16x8 within a few LSB of the real-valued model
// (the quantized kernels use table-based sigmoid/tanh and requantize at every gate). Also every
// LSTM variant and shape Prepare must reject.
#include <gtest/gtest.h>

#include <array>
#include <memory>

#include "kernels/sequence_test_util.h"
#include "runtime/kernels/lstm.h"

namespace mote {
namespace {

using test::TestTensor;

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Case {
  const char* name;
  int32_t batches, time_steps, input_size, units;
  bool time_major;
  float cell_clip;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const Case kCases[] = {
    {"batch_major_b1", 1, 3, 9, 5, false, 0.0f},
    {"time_major_b2", 2, 8, 9, 4, true, 0.0f},
    {"batch_major_b2_clip8", 2, 6, 3, 7, false, 8.0f},
    {"time_major_b3_clip", 3, 4, 5, 6, true, 0.5f},
    {"batch_major_b3_clip", 3, 5, 2, 3, false, 0.3f},
    {"one_unit_one_step", 1, 1, 1, 1, true, 0.0f},
};

// The 24-input layout: which slots hold a tensor, everything else left out.
struct LstmTensors {
  std::array<Tensor*, kLstmInputCount> in{};
  Tensor* output = nullptr;
};

template <typename TAct, typename TWeight, typename TBias, typename TCell>
struct LstmFixture {
  TestTensor<TAct> input, hidden, output;
  TestTensor<TCell> cell;
  std::array<TestTensor<TWeight>, kLstmGates> w, r;
  std::array<TestTensor<TBias>, kLstmGates> b;

  LstmFixture(const Case& c, DType act, DType weight, DType bias, DType cell_type, float in_s, int32_t in_zp,
              float h_s, int32_t h_zp, float w_s, float c_s) {
    const std::vector<int32_t> shape = c.time_major ? std::vector<int32_t>{c.time_steps, c.batches, c.input_size}
                                                    : std::vector<int32_t>{c.batches, c.time_steps, c.input_size};
    std::vector<int32_t> out_shape = shape;
    out_shape[2] = c.units;
    input = TestTensor<TAct>(act, shape, in_s, in_zp);
    output = TestTensor<TAct>(act, out_shape, h_s, h_zp);
    hidden = TestTensor<TAct>(act, {c.batches, c.units}, h_s, h_zp);
    cell = TestTensor<TCell>(cell_type, {c.batches, c.units}, c_s);
    for (int g = 0; g < kLstmGates; ++g) {
      w[g] = TestTensor<TWeight>(weight, {c.units, c.input_size}, w_s);
      r[g] = TestTensor<TWeight>(weight, {c.units, c.units}, w_s);
      b[g] = TestTensor<TBias>(bias, {c.units}, in_s * w_s);
    }
    std::fill(hidden.v().begin(), hidden.v().end(), static_cast<TAct>(h_zp));
  }
  LstmTensors Tensors() {
    LstmTensors t;
    t.in[kLstmInput] = &input.t();
    for (int g = 0; g < kLstmGates; ++g) {
      t.in[kLstmInputWeights + g] = &w[g].t();
      t.in[kLstmRecurrentWeights + g] = &r[g].t();
      t.in[kLstmBias + g] = &b[g].t();
    }
    t.in[kLstmHiddenState] = &hidden.t();
    t.in[kLstmCellState] = &cell.t();
    hidden.t().is_variable = true;
    cell.t().is_variable = true;
    t.output = &output.t();
    return t;
  }
  LstmData<TAct, TWeight, TBias, TCell> Data(void* scratch) {
    LstmData<TAct, TWeight, TBias, TCell> d;
    d.input = input.data();
    for (int g = 0; g < kLstmGates; ++g) {
      d.input_weights[g] = w[g].data();
      d.recurrent_weights[g] = r[g].data();
      d.bias[g] = b[g].data();
    }
    d.hidden = hidden.data();
    d.cell = cell.data();
    d.scratch = static_cast<TCell*>(scratch);
    d.output = output.data();
    return d;
  }
};

// Textbook LSTM over real values; returns the output sequence in the input's layout and keeps
// h and c between calls. Quantized kernels store h and c in a grid with saturation: the model
// can snap its states to the same grid (`snap_h`, `snap_c`) so that saturation is not mistaken
// for an error.
double NoSnap(double v) { return v; }

class LstmModel {
 public:
  LstmModel(const Case& c, double (*snap_h)(double) = NoSnap, double (*snap_c)(double) = NoSnap)
      : c_(c), snap_h_(snap_h), snap_c_(snap_c), h_(c.batches * c.units, 0.0), cell_(c.batches * c.units, 0.0) {}
  template <typename X, typename W, typename R, typename B>
  std::vector<double> Run(X x, W w, R r, B bias) {
    std::vector<double> out(c_.batches * c_.time_steps * c_.units);
    for (int32_t t = 0; t < c_.time_steps; ++t)
      for (int32_t b = 0; b < c_.batches; ++b) {
        const int32_t row = c_.time_major ? t * c_.batches + b : b * c_.time_steps + t;
        double* h = &h_[b * c_.units];
        double* cs = &cell_[b * c_.units];
        std::vector<double> pre(kLstmGates * c_.units);
        for (int g = 0; g < kLstmGates; ++g)
          for (int32_t u = 0; u < c_.units; ++u) {
            double v = bias(g, u);
            for (int32_t i = 0; i < c_.input_size; ++i) v += w(g, u, i) * x(row, i);
            for (int32_t j = 0; j < c_.units; ++j) v += r(g, u, j) * h[j];
            pre[g * c_.units + u] = v;
          }
        for (int32_t u = 0; u < c_.units; ++u) {
          const double ig = Sigmoid(pre[kLstmInputGate * c_.units + u]);
          const double fg = Sigmoid(pre[kLstmForgetGate * c_.units + u]);
          const double cg = std::tanh(pre[kLstmCellGate * c_.units + u]);
          double cv = fg * cs[u] + ig * cg;
          if (c_.cell_clip > 0) cv = std::min<double>(c_.cell_clip, std::max<double>(-c_.cell_clip, cv));
          cs[u] = snap_c_(cv);
        }
        for (int32_t u = 0; u < c_.units; ++u) {
          const double og = Sigmoid(pre[kLstmOutputGate * c_.units + u]);
          h[u] = snap_h_(og * std::tanh(cs[u]));
          out[row * c_.units + u] = h[u];
        }
      }
    return out;
  }

 private:
  Case c_;
  double (*snap_h_)(double);
  double (*snap_c_)(double);
  std::vector<double> h_, cell_;
};

class LstmTest : public ::testing::TestWithParam<Case> {};

TEST_P(LstmTest, Float32OverTwoInvokes) {
  const Case& c = GetParam();
  std::mt19937 rng(3);
  LstmFixture<float, float, float, float> f(c, DType::kFloat32, DType::kFloat32, DType::kFloat32, DType::kFloat32,
                                            0, 0, 0, 0, 0, 0);
  for (int g = 0; g < kLstmGates; ++g) {
    test::FillUniform(rng, f.w[g].v(), -0.8, 0.8);
    test::FillUniform(rng, f.r[g].v(), -0.8, 0.8);
    test::FillUniform(rng, f.b[g].v(), -0.5, 0.5);
  }
  LstmTensors t = f.Tensors();
  LstmParams p;
  ASSERT_TRUE(PrepareLstm(t.in.data(), *t.output, {Activation::kTanh, c.cell_clip, c.time_major}, &p).ok());
  std::vector<uint8_t> scratch(LstmScratchBytes(p, DType::kFloat32));
  LstmModel model(c);
  for (int invoke = 0; invoke < 2; ++invoke) {
    test::FillUniform(rng, f.input.v(), -2.0, 2.0);
    lstm_f32_ref(p, f.Data(scratch.data()));
    const auto want = model.Run([&](int32_t row, int32_t i) { return f.input.v()[row * c.input_size + i]; },
                                [&](int g, int32_t u, int32_t i) { return f.w[g].v()[u * c.input_size + i]; },
                                [&](int g, int32_t u, int32_t j) { return f.r[g].v()[u * c.units + j]; },
                                [&](int g, int32_t u) { return f.b[g].v()[u]; });
    for (size_t i = 0; i < want.size(); ++i) ASSERT_NEAR(f.output.v()[i], want[i], 1e-5) << "invoke " << invoke << " at " << i;
  }
}

template <typename TAct, typename TBias>
void CheckQuantized(const Case& c, DType act, DType bias_type, int32_t in_zp, int32_t h_zp, int cell_power, int tolerance) {
  std::mt19937 rng(17);
  const bool s16 = sizeof(TAct) == 2;
  const int32_t qmin = s16 ? -32768 : -128, qmax = s16 ? 32767 : 127;
  const float in_s = 2.5f / (qmax + 1), h_s = 1.0f / (qmax + 1), w_s = 0.8f / 127;
  const float c_s = std::ldexp(1.0f, cell_power);
  LstmFixture<TAct, int8_t, TBias, int16_t> f(c, act, DType::kInt8, bias_type, DType::kInt16, in_s, in_zp, h_s, h_zp, w_s, c_s);
  for (int g = 0; g < kLstmGates; ++g) {
    test::FillUniform(rng, f.w[g].v(), -127, 127);
    test::FillUniform(rng, f.r[g].v(), -127, 127);
    for (auto& v : f.b[g].v()) v = static_cast<TBias>(std::uniform_real_distribution<double>(-0.5, 0.5)(rng) / (in_s * w_s));
  }
  LstmTensors t = f.Tensors();
  LstmParams p;
  const Status s = PrepareLstm(t.in.data(), *t.output, {Activation::kTanh, c.cell_clip, c.time_major}, &p);
  ASSERT_TRUE(s.ok()) << s.message();
  std::vector<uint8_t> scratch(LstmScratchBytes(p, act));
  // Captureless snaps for the model: the grids are parameters of this instantiation.
  static double snap_scale, snap_zp, cell_scale;
  snap_scale = h_s;
  snap_zp = h_zp;
  cell_scale = c_s;
  const auto snap_h = [](double v) {
    const int32_t lo = sizeof(TAct) == 2 ? -32768 : -128, hi = sizeof(TAct) == 2 ? 32767 : 127;
    return snap_scale * (test::QuantizeTo(v, snap_scale, static_cast<int32_t>(snap_zp), lo, hi) - snap_zp);
  };
  const auto snap_c = [](double v) { return cell_scale * test::QuantizeTo(v, cell_scale, 0, -32768, 32767); };
  LstmModel model(c, snap_h, snap_c);
  for (int invoke = 0; invoke < 2; ++invoke) {
    test::FillUniform(rng, f.input.v(), qmin, qmax);
    if constexpr (sizeof(TAct) == 1) lstm_s8_ref(p, f.Data(scratch.data()));
    else lstm_s16_ref(p, f.Data(scratch.data()));
    const auto want = model.Run(
        [&](int32_t row, int32_t i) { return in_s * (f.input.v()[row * c.input_size + i] - static_cast<double>(in_zp)); },
        [&](int g, int32_t u, int32_t i) { return w_s * static_cast<double>(f.w[g].v()[u * c.input_size + i]); },
        [&](int g, int32_t u, int32_t j) { return w_s * static_cast<double>(f.r[g].v()[u * c.units + j]); },
        [&](int g, int32_t u) { return in_s * w_s * static_cast<double>(f.b[g].v()[u]); });
    int worst = 0;
    for (size_t i = 0; i < want.size(); ++i)
      worst = std::max(worst, std::abs(f.output.v()[i] - test::QuantizeTo(want[i], h_s, h_zp, qmin, qmax)));
    EXPECT_LE(worst, tolerance) << "invoke " << invoke;
  }
}

TEST_P(LstmTest, Int8NearRealModel) {
  CheckQuantized<int8_t, int32_t>(GetParam(), DType::kInt8, DType::kInt32, 5, 0, -11, 2);
}
TEST_P(LstmTest, Int8ExtremeZeroPointsAndCellScale) {
  CheckQuantized<int8_t, int32_t>(GetParam(), DType::kInt8, DType::kInt32, -128, 127, -12, 2);
  CheckQuantized<int8_t, int32_t>(GetParam(), DType::kInt8, DType::kInt32, 127, -128, -10, 2);
}
TEST_P(LstmTest, Int16x8NearRealModel) {
  // int16 hidden steps are 256x finer than int8 ones, so the error of the table activations
  // (about 1e-4, a few Q0.15 steps through two stages) shows as tens of steps: 48 is 0.0015.
  CheckQuantized<int16_t, int64_t>(GetParam(), DType::kInt16, DType::kInt64, 0, 0, -11, 48);
}

INSTANTIATE_TEST_SUITE_P(Shapes, LstmTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// TFLM enables clipping by the float option: a clip below one cell step pins the cell to 0, so
// h = output_gate * tanh(0) is exactly the hidden zero point.
TEST(LstmInt8, ClipBelowOneCellStepZeroesTheCell) {
  const Case c{"", 2, 3, 4, 5, true, 1e-5f};
  LstmFixture<int8_t, int8_t, int32_t, int16_t> f(c, DType::kInt8, DType::kInt8, DType::kInt32, DType::kInt16,
                                                  0.02f, 3, 1.0f / 128, -7, 0.01f, 1.0f / 2048);
  std::mt19937 rng(5);
  for (int g = 0; g < kLstmGates; ++g) {
    test::FillUniform(rng, f.w[g].v(), -127, 127);
    test::FillUniform(rng, f.r[g].v(), -127, 127);
  }
  test::FillUniform(rng, f.input.v(), -128, 127);
  LstmTensors t = f.Tensors();
  LstmParams p;
  ASSERT_TRUE(PrepareLstm(t.in.data(), *t.output, {Activation::kTanh, c.cell_clip, c.time_major}, &p).ok());
  EXPECT_EQ(p.quantized_cell_clip, 0);
  std::vector<uint8_t> scratch(LstmScratchBytes(p, DType::kInt8));
  lstm_s8_ref(p, f.Data(scratch.data()));
  for (int8_t v : f.output.v()) EXPECT_EQ(v, -7);
  for (int16_t v : f.cell.v()) EXPECT_EQ(v, 0);
}

// Builds a valid float LSTM, lets `mutate` break it, and returns Prepare's status.
template <typename Mutate>
Status PrepareMutated(Mutate mutate, LstmOptions options = {Activation::kTanh, 0.0f, false}) {
  const Case c{"", 2, 3, 4, 5, false, 0.0f};
  LstmFixture<float, float, float, float> f(c, DType::kFloat32, DType::kFloat32, DType::kFloat32, DType::kFloat32,
                                            0, 0, 0, 0, 0, 0);
  TestTensor<float> extra(DType::kFloat32, {5});
  TestTensor<int8_t> wrong(DType::kInt8, {5, 4}, 0.1f);
  LstmTensors t = f.Tensors();
  mutate(t, extra.t(), wrong.t());
  LstmParams p;
  return PrepareLstm(t.in.data(), *t.output, options, &p);
}

TEST(LstmPrepare, AcceptsTheStandardLstm) {
  EXPECT_TRUE(PrepareMutated([](LstmTensors&, Tensor&, Tensor&) {}).ok());
}

TEST(LstmPrepare, RejectsVariantsAndBadModels) {
  struct Bad {
    const char* name;
    void (*mutate)(LstmTensors&, Tensor&, Tensor&);
    StatusCode code;
  };
  const Bad cases[] = {
      {"peephole", [](LstmTensors& t, Tensor& x, Tensor&) { t.in[kLstmPeepholeWeights + 1] = &x; }, StatusCode::kUnsupported},
      {"projection", [](LstmTensors& t, Tensor& x, Tensor&) { t.in[kLstmProjectionWeights] = &x; }, StatusCode::kUnsupported},
      {"projection_bias", [](LstmTensors& t, Tensor& x, Tensor&) { t.in[kLstmProjectionBias] = &x; }, StatusCode::kUnsupported},
      {"layer_norm", [](LstmTensors& t, Tensor& x, Tensor&) { t.in[kLstmLayerNormWeights + 2] = &x; }, StatusCode::kUnsupported},
      {"cifg", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmInputWeights] = nullptr; t.in[kLstmRecurrentWeights] = nullptr; }, StatusCode::kUnsupported},
      {"missing_bias", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmBias + 2] = nullptr; }, StatusCode::kInvalidModel},
      {"missing_cell", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmCellState] = nullptr; }, StatusCode::kInvalidModel},
      {"hidden_not_variable", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmHiddenState]->is_variable = false; }, StatusCode::kInvalidModel},
      {"weight_shape", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmRecurrentWeights + 3]->shape.dims[1] = 4; }, StatusCode::kShapeMismatch},
      {"bias_shape", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmBias]->shape.dims[0] = 4; }, StatusCode::kShapeMismatch},
      {"input_rank", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmInput]->shape.rank = 2; }, StatusCode::kShapeMismatch},
      {"output_units", [](LstmTensors& t, Tensor&, Tensor&) { t.output->shape.dims[2] = 4; }, StatusCode::kShapeMismatch},
      {"state_size", [](LstmTensors& t, Tensor&, Tensor&) { t.in[kLstmCellState]->shape.dims[0] = 1; }, StatusCode::kShapeMismatch},
      {"mixed_weight_dtype", [](LstmTensors& t, Tensor&, Tensor& w) { t.in[kLstmInputWeights + 1] = &w; }, StatusCode::kUnsupported},
  };
  for (const Bad& c : cases) {
    const Status s = PrepareMutated(c.mutate);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.message();
  }
}

TEST(LstmPrepare, RejectsBadOptions) {
  const auto keep = [](LstmTensors&, Tensor&, Tensor&) {};
  EXPECT_EQ(PrepareMutated(keep, {Activation::kRelu, 0.0f, false}).code(), StatusCode::kUnsupported);
  EXPECT_EQ(PrepareMutated(keep, {Activation::kNone, 0.0f, false}).code(), StatusCode::kUnsupported);
  EXPECT_EQ(PrepareMutated(keep, {Activation::kTanh, -1.0f, false}).code(), StatusCode::kInvalidModel);
  // Time major reads [time, batch, input]: the fixture's [2, 3, 4] input then has 3 batch rows,
  // which no longer match the state of 2 x 5.
  EXPECT_EQ(PrepareMutated(keep, {Activation::kTanh, 0.0f, true}).code(), StatusCode::kShapeMismatch);
}

TEST(LstmPrepare, RejectsQuantizedTypeMismatches) {
  const Case c{"", 1, 2, 3, 4, false, 0.0f};
  LstmFixture<int8_t, int8_t, int32_t, int16_t> f(c, DType::kInt8, DType::kInt8, DType::kInt32, DType::kInt16,
                                                  0.1f, 0, 0.01f, 0, 0.01f, 1.0f / 2048);
  LstmTensors t = f.Tensors();
  LstmParams p;
  ASSERT_TRUE(PrepareLstm(t.in.data(), *t.output, {Activation::kTanh, 1.0f, false}, &p).ok());
  EXPECT_EQ(p.quantized_cell_clip, 2048);
  f.cell.t().type = DType::kInt8;
  EXPECT_EQ(PrepareLstm(t.in.data(), *t.output, {}, &p).code(), StatusCode::kUnsupported);
  f.cell.t().type = DType::kInt16;
  f.b[1].t().type = DType::kInt64;
  EXPECT_EQ(PrepareLstm(t.in.data(), *t.output, {}, &p).code(), StatusCode::kUnsupported);
  f.b[1].t().type = DType::kInt32;
  f.cell.t().q.scale = 1e20f;  // cell scale power far outside the tanh rescale's range
  EXPECT_EQ(PrepareLstm(t.in.data(), *t.output, {}, &p).code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
