// AVERAGE_POOL_2D / MAX_POOL_2D kernels against a direct per-window evaluation written here
// (padding derived from first principles, averages rounded in double), over a table of named edge
// cases and seeded random configurations, plus the Prepare checks a hostile model must hit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/pooling.h"
#include "test_util.h"

namespace mote {
namespace {

struct PoolCase {
  std::string name;
  DType type;
  int batch, h, w, c;
  int filter_h, filter_w, stride_h, stride_w;
  Padding padding;
  Activation act;
  float scale;
  int zero_point;
};

Tensor MakeTensor(DType type, std::vector<int> dims, void* data, float scale = 0.0f, int zp = 0) {
  Tensor t;
  t.type = type;
  t.data = data;
  t.shape.rank = static_cast<int32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.shape.dims[i] = dims[i];
  t.q.scale = scale;
  t.q.zero_point = zp;
  return t;
}

int OutSize(Padding padding, int in, int filter, int stride) {
  return padding == Padding::kSame ? (in + stride - 1) / stride : (in - filter) / stride + 1;
}

// Independent activation bounds in the quantized domain (RELU clips at the zero point, RELU6 also
// at zp + round(6 / scale), RELU_N1_TO_1 at zp -/+ round(1 / scale)).
void QuantBounds(const PoolCase& pc, int qmin, int qmax, int* lo, int* hi) {
  *lo = qmin;
  *hi = qmax;
  auto q = [&](double real) { return pc.zero_point + static_cast<int>(std::round(real / pc.scale)); };
  if (pc.act == Activation::kRelu || pc.act == Activation::kRelu6) *lo = std::max(qmin, q(0.0));
  if (pc.act == Activation::kRelu6) *hi = std::min(qmax, q(6.0));
  if (pc.act == Activation::kReluN1To1) {
    *lo = std::max(qmin, q(-1.0));
    *hi = std::min(qmax, q(1.0));
  }
}

// Expected output from windows clipped to the input; padding cells never count.
template <typename T>
std::vector<double> Expected(const PoolCase& pc, const std::vector<T>& in, bool average) {
  const int oh = OutSize(pc.padding, pc.h, pc.filter_h, pc.stride_h);
  const int ow = OutSize(pc.padding, pc.w, pc.filter_w, pc.stride_w);
  const int pad_h = pc.padding == Padding::kSame
                        ? std::max(0, (oh - 1) * pc.stride_h + pc.filter_h - pc.h) / 2 : 0;
  const int pad_w = pc.padding == Padding::kSame
                        ? std::max(0, (ow - 1) * pc.stride_w + pc.filter_w - pc.w) / 2 : 0;
  std::vector<double> out;
  for (int b = 0; b < pc.batch; ++b)
    for (int oy = 0; oy < oh; ++oy)
      for (int ox = 0; ox < ow; ++ox)
        for (int ch = 0; ch < pc.c; ++ch) {
          double sum = 0, best = -1e300;
          int n = 0;
          for (int fy = 0; fy < pc.filter_h; ++fy)
            for (int fx = 0; fx < pc.filter_w; ++fx) {
              const int y = oy * pc.stride_h - pad_h + fy, x = ox * pc.stride_w - pad_w + fx;
              if (y < 0 || y >= pc.h || x < 0 || x >= pc.w) continue;
              const double v = in[((b * pc.h + y) * pc.w + x) * pc.c + ch];
              sum += v;
              best = std::max(best, v);
              ++n;
            }
          out.push_back(average ? sum / n : best);
        }
  return out;
}

template <typename T>
void RunQuantized(const PoolCase& pc, std::mt19937& rng) {
  constexpr int kMin = sizeof(T) == 1 ? -128 : -32768;
  constexpr int kMax = sizeof(T) == 1 ? 127 : 32767;
  const int oh = OutSize(pc.padding, pc.h, pc.filter_h, pc.stride_h);
  const int ow = OutSize(pc.padding, pc.w, pc.filter_w, pc.stride_w);
  std::vector<T> in = test::RandomInts<T>(rng, static_cast<size_t>(pc.batch) * pc.h * pc.w * pc.c, kMin, kMax);
  std::vector<T> out(static_cast<size_t>(pc.batch) * oh * ow * pc.c);
  Tensor ti = MakeTensor(pc.type, {pc.batch, pc.h, pc.w, pc.c}, in.data(), pc.scale, pc.zero_point);
  Tensor to = MakeTensor(pc.type, {pc.batch, oh, ow, pc.c}, out.data(), pc.scale, pc.zero_point);
  PoolOptions o{pc.padding, pc.stride_h, pc.stride_w, pc.filter_h, pc.filter_w, pc.act};
  PoolParams p;
  ASSERT_TRUE(PreparePool(ti, to, o, &p).ok());
  int lo, hi;
  QuantBounds(pc, kMin, kMax, &lo, &hi);
  for (bool average : {true, false}) {
    if constexpr (sizeof(T) == 1) {
      average ? average_pool_s8_ref(p, in.data(), out.data()) : max_pool_s8_ref(p, in.data(), out.data());
    } else {
      average ? average_pool_s16_ref(p, in.data(), out.data()) : max_pool_s16_ref(p, in.data(), out.data());
    }
    const std::vector<double> want = Expected(pc, in, average);
    ASSERT_EQ(want.size(), out.size());
    for (size_t i = 0; i < out.size(); ++i) {
      // Round half away from zero is exactly representable from the double mean of integers.
      const double r = average ? std::round(want[i]) : want[i];
      const int expected = std::clamp(static_cast<int>(r), lo, hi);
      ASSERT_EQ(out[i], expected) << (average ? "average" : "max") << " at " << i;
    }
  }
}

void RunFloat(const PoolCase& pc, std::mt19937& rng) {
  const int oh = OutSize(pc.padding, pc.h, pc.filter_h, pc.stride_h);
  const int ow = OutSize(pc.padding, pc.w, pc.filter_w, pc.stride_w);
  std::uniform_real_distribution<float> dist(-8.0f, 8.0f);
  std::vector<float> in(static_cast<size_t>(pc.batch) * pc.h * pc.w * pc.c);
  for (float& v : in) v = dist(rng);
  std::vector<float> out(static_cast<size_t>(pc.batch) * oh * ow * pc.c);
  Tensor ti = MakeTensor(DType::kFloat32, {pc.batch, pc.h, pc.w, pc.c}, in.data());
  Tensor to = MakeTensor(DType::kFloat32, {pc.batch, oh, ow, pc.c}, out.data());
  PoolOptions o{pc.padding, pc.stride_h, pc.stride_w, pc.filter_h, pc.filter_w, pc.act};
  PoolParams p;
  ASSERT_TRUE(PreparePool(ti, to, o, &p).ok());
  double lo = -1e300, hi = 1e300;
  if (pc.act == Activation::kRelu || pc.act == Activation::kRelu6) lo = 0;
  if (pc.act == Activation::kRelu6) hi = 6;
  if (pc.act == Activation::kReluN1To1) lo = -1, hi = 1;
  for (bool average : {true, false}) {
    average ? average_pool_f32_ref(p, in.data(), out.data()) : max_pool_f32_ref(p, in.data(), out.data());
    const std::vector<double> want = Expected(pc, in, average);
    ASSERT_EQ(want.size(), out.size());
    for (size_t i = 0; i < out.size(); ++i)
      ASSERT_NEAR(out[i], std::clamp(want[i], lo, hi), 1e-5) << (average ? "average" : "max") << " at " << i;
  }
}

std::vector<PoolCase> Cases() {
  std::vector<PoolCase> cases = {
      {"s8_valid_2x2_s2", DType::kInt8, 1, 9, 13, 9, 2, 2, 2, 2, Padding::kValid, Activation::kNone, 0.05f, -9},
      {"s8_same_3x3_s1_relu_zp_min", DType::kInt8, 2, 5, 7, 3, 3, 3, 1, 1, Padding::kSame, Activation::kRelu, 0.02f, -128},
      {"s8_same_filter_larger_than_input", DType::kInt8, 1, 3, 2, 4, 5, 4, 1, 1, Padding::kSame, Activation::kNone, 0.1f, 5},
      {"s8_same_stride_larger_than_filter", DType::kInt8, 1, 11, 10, 2, 2, 1, 4, 3, Padding::kSame, Activation::kRelu6, 0.05f, 127},
      {"s8_relu_n1_to_1", DType::kInt8, 1, 6, 6, 5, 2, 3, 1, 2, Padding::kValid, Activation::kReluN1To1, 0.01f, 3},
      {"s8_tanh_is_ignored_like_tflm", DType::kInt8, 1, 4, 4, 2, 2, 2, 1, 1, Padding::kValid, Activation::kTanh, 0.01f, 0},
      {"s8_1x1_identity", DType::kInt8, 1, 3, 5, 7, 1, 1, 1, 1, Padding::kValid, Activation::kNone, 0.3f, 0},
      {"s8_whole_image", DType::kInt8, 2, 7, 5, 3, 7, 5, 1, 1, Padding::kValid, Activation::kNone, 0.3f, -1},
      {"s16_same_4x4_s2", DType::kInt16, 2, 9, 6, 3, 4, 4, 2, 2, Padding::kSame, Activation::kNone, 0.0007f, 0},
      {"s16_valid_non_square_relu6", DType::kInt16, 1, 8, 9, 2, 1, 3, 2, 1, Padding::kValid, Activation::kRelu6, 0.0005f, 0},
      {"f32_same_3x2_s2_relu", DType::kFloat32, 2, 7, 8, 3, 3, 2, 2, 2, Padding::kSame, Activation::kRelu, 0, 0},
      {"f32_valid_4x4_relu6", DType::kFloat32, 1, 9, 9, 4, 4, 4, 1, 1, Padding::kValid, Activation::kRelu6, 0, 0},
  };
  // Seeded random configurations over every dtype, padding and activation.
  std::mt19937 rng(20240611);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const DType types[] = {DType::kFloat32, DType::kInt8, DType::kInt16};
  for (int i = 0; i < 30; ++i) {
    PoolCase pc;
    pc.name = "random_" + std::to_string(i);
    pc.type = types[i % 3];
    pc.batch = pick(1, 3);
    pc.h = pick(1, 12);
    pc.w = pick(1, 12);
    pc.c = pick(1, 6);
    pc.padding = pick(0, 1) ? Padding::kSame : Padding::kValid;
    pc.filter_h = pick(1, pc.padding == Padding::kValid ? pc.h : 5);
    pc.filter_w = pick(1, pc.padding == Padding::kValid ? pc.w : 5);
    pc.stride_h = pick(1, 3);
    pc.stride_w = pick(1, 3);
    pc.act = static_cast<Activation>(pick(0, 3));
    pc.scale = pc.type == DType::kInt16 ? 0.0005f : 0.04f;
    pc.zero_point = pc.type == DType::kInt8 ? pick(-128, 127) : 0;
    cases.push_back(pc);
  }
  return cases;
}

// gtest names cases by their `name`; print that instead of raw bytes.
void PrintTo(const PoolCase& c, std::ostream* os) { *os << c.name; }

class PoolingTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(PoolingTest, MatchesDirectWindowEvaluation) {
  const PoolCase& pc = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>()(pc.name)));
  switch (pc.type) {
    case DType::kFloat32: RunFloat(pc, rng); break;
    case DType::kInt8: RunQuantized<int8_t>(pc, rng); break;
    default: RunQuantized<int16_t>(pc, rng); break;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PoolingTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<PoolCase>& i) { return i.param.name; });

struct BadCase {
  std::string name;
  std::vector<int> in_dims, out_dims;
  DType in_type, out_type;
  float out_scale;
  int out_zp;
  PoolOptions options;
  std::string reason;  // a substring of the expected error message
};

// gtest names cases by their `name`; print that instead of raw bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class PoolingRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(PoolingRejects, PrepareFails) {
  const BadCase& bc = GetParam();
  Tensor in = MakeTensor(bc.in_type, bc.in_dims, nullptr, 0.1f, 0);
  Tensor out = MakeTensor(bc.out_type, bc.out_dims, nullptr, bc.out_scale, bc.out_zp);
  PoolParams p;
  const Status s = PreparePool(in, out, bc.options, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find(bc.reason), std::string::npos) << s.message();
}

PoolOptions Opt(int stride, int filter, Padding pad = Padding::kValid, Activation act = Activation::kNone) {
  return PoolOptions{pad, stride, stride, filter, filter, act};
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PoolingRejects,
    ::testing::Values(
        BadCase{"rank3_input", {4, 4, 2}, {2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0, Opt(2, 2), "4-D"},
        BadCase{"zero_stride", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0, Opt(0, 2), "stride"},
        BadCase{"zero_filter", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0, Opt(2, 0), "filter size"},
        BadCase{"valid_filter_too_big", {1, 2, 2, 1}, {1, 0, 0, 1}, DType::kInt8, DType::kInt8, 0.1f, 0, Opt(1, 3), "larger than the input"},
        BadCase{"wrong_output_shape", {1, 4, 4, 2}, {1, 3, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0, Opt(2, 2), "output shape"},
        BadCase{"output_scale_differs", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.2f, 0, Opt(2, 2), "share scale"},
        BadCase{"output_zero_point_differs", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 1, Opt(2, 2), "share scale"},
        BadCase{"dtype_mismatch", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt16, 0.1f, 0, Opt(2, 2), "output dtype"},
        BadCase{"int32_input", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt32, DType::kInt32, 0.1f, 0, Opt(2, 2), "supports float32"},
        BadCase{"unknown_padding", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0,
                Opt(2, 2, static_cast<Padding>(7)), "padding"},
        BadCase{"unknown_activation", {1, 4, 4, 2}, {1, 2, 2, 2}, DType::kInt8, DType::kInt8, 0.1f, 0,
                Opt(2, 2, Padding::kValid, static_cast<Activation>(9)), "activation"},
        BadCase{"huge_stride", {1, 4, 4, 2}, {1, 1, 1, 2}, DType::kInt8, DType::kInt8, 0.1f, 0,
                Opt(2000000000, 1, Padding::kSame), "too large"}),
    [](const ::testing::TestParamInfo<BadCase>& i) { return i.param.name; });

}  // namespace
}  // namespace mote
