// FULLY_CONNECTED kernels on random shapes against an independent double-precision model of the
// same quantized arithmetic: the int8/int16 results may differ from exact rounding by at most one
// step (TFLite's double rounding), float within a relative 1e-5.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "runtime/kernels/fully_connected.h"
#include "test_util.h"

namespace mote {
namespace {

struct Case {
  const char* name;
  int batches, depth, units;
  bool per_channel;
  int input_zp, filter_zp;
  Activation act;
};

const Case kCases[] = {
    {"1x1x1", 1, 1, 1, false, 0, 0, Activation::kNone},
    {"odd_depth", 3, 17, 5, false, -128, 0, Activation::kNone},
    {"relu", 2, 64, 10, false, 12, 0, Activation::kRelu},
    {"relu6_extreme_zp", 1, 33, 7, false, 127, 0, Activation::kRelu6},
    {"per_channel", 4, 40, 9, true, -3, 0, Activation::kNone},
    {"filter_zero_point", 2, 8, 3, false, 5, -7, Activation::kNone},
};

Tensor MakeTensor(void* data, DType type, std::initializer_list<int32_t> dims, float scale, int32_t zp) {
  Tensor t;
  t.data = data;
  t.type = type;
  t.shape.rank = static_cast<int32_t>(dims.size());
  int i = 0;
  for (int32_t d : dims) t.shape.dims[i++] = d;
  t.q.scale = scale;
  t.q.zero_point = zp;
  return t;
}

class FullyConnectedS8 : public ::testing::TestWithParam<Case> {};

TEST_P(FullyConnectedS8, WithinOneStepOfExactRequantization) {
  const Case& c = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(c.depth * 131 + c.units));
  auto in = test::RandomInts<int8_t>(rng, c.batches * c.depth, -128, 127);
  auto w = test::RandomInts<int8_t>(rng, c.units * c.depth, -127, 127);
  auto bias = test::RandomInts<int32_t>(rng, c.units, -5000, 5000);
  std::vector<float> channel_scales(c.units);
  for (auto& s : channel_scales) s = 0.002f + 0.01f * (rng() % 100) / 100.0f;
  std::vector<int8_t> out(c.batches * c.units);
  const float in_scale = 0.05f, w_scale = 0.01f, out_scale = 0.3f;
  const int32_t out_zp = -10;
  Tensor ti = MakeTensor(in.data(), DType::kInt8, {c.batches, c.depth}, in_scale, c.input_zp);
  Tensor tw = MakeTensor(w.data(), DType::kInt8, {c.units, c.depth}, w_scale, c.filter_zp);
  if (c.per_channel) {
    tw.q.channel_scales = channel_scales.data();
    tw.q.num_channels = c.units;
  }
  Tensor tb = MakeTensor(bias.data(), DType::kInt32, {c.units}, 0, 0);
  Tensor to = MakeTensor(out.data(), DType::kInt8, {c.batches, c.units}, out_scale, out_zp);
  FullyConnectedParams p;
  std::vector<int32_t> mult(c.units), shift(c.units);
  FullyConnectedOptions o;
  o.activation = c.act;
  ASSERT_TRUE(PrepareFullyConnected(ti, tw, &tb, to, o, &p, mult.data(), shift.data()).ok());
  fully_connected_s8_ref(p, in.data(), w.data(), bias.data(), out.data());

  for (int b = 0; b < c.batches; ++b)
    for (int u = 0; u < c.units; ++u) {
      double acc = bias[u];
      for (int d = 0; d < c.depth; ++d)
        acc += double(w[u * c.depth + d] - c.filter_zp) * (in[b * c.depth + d] - c.input_zp);
      const double ws = c.per_channel ? channel_scales[u] : w_scale;
      double q = std::round(acc * in_scale * ws / out_scale) + out_zp;
      double lo = -128, hi = 127;
      if (c.act == Activation::kRelu || c.act == Activation::kRelu6) lo = std::max(lo, double(out_zp));
      if (c.act == Activation::kRelu6) hi = std::min(hi, std::round(6.0 / out_scale) + out_zp);
      q = std::clamp(q, lo, hi);
      EXPECT_NEAR(out[b * c.units + u], q, 1.0) << c.name << " b" << b << " u" << u;
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, FullyConnectedS8, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FullyConnectedF32, MatchesDoubleDotProduct) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> d(-1, 1);
  for (int trial = 0; trial < 20; ++trial) {
    const int batches = 1 + rng() % 4, depth = 1 + rng() % 70, units = 1 + rng() % 20;
    std::vector<float> in(batches * depth), w(units * depth), bias(units), out(batches * units);
    for (auto* v : {&in, &w, &bias})
      for (float& x : *v) x = d(rng);
    Tensor ti = MakeTensor(in.data(), DType::kFloat32, {batches, depth}, 0, 0);
    Tensor tw = MakeTensor(w.data(), DType::kFloat32, {units, depth}, 0, 0);
    Tensor tb = MakeTensor(bias.data(), DType::kFloat32, {units}, 0, 0);
    Tensor to = MakeTensor(out.data(), DType::kFloat32, {batches, units}, 0, 0);
    FullyConnectedParams p;
    ASSERT_TRUE(PrepareFullyConnected(ti, tw, &tb, to, {}, &p).ok());
    fully_connected_f32_ref(p, in.data(), w.data(), bias.data(), out.data());
    for (int b = 0; b < batches; ++b)
      for (int u = 0; u < units; ++u) {
        double acc = bias[u];
        for (int k = 0; k < depth; ++k) acc += double(in[b * depth + k]) * w[u * depth + k];
        EXPECT_NEAR(out[b * units + u], acc, 1e-5 * (1 + std::fabs(acc)));
      }
  }
}

TEST(FullyConnectedPrepare, RejectsMismatchedShapes) {
  int8_t buf[64] = {};
  Tensor in = MakeTensor(buf, DType::kInt8, {1, 10}, 0.1f, 0);
  Tensor w = MakeTensor(buf, DType::kInt8, {4, 3}, 0.1f, 0);
  Tensor out = MakeTensor(buf, DType::kInt8, {1, 4}, 0.1f, 0);
  FullyConnectedParams p;
  EXPECT_EQ(PrepareFullyConnected(in, w, nullptr, out, {}, &p).code(), StatusCode::kShapeMismatch);
  Tensor w1d = MakeTensor(buf, DType::kInt8, {12}, 0.1f, 0);
  EXPECT_EQ(PrepareFullyConnected(in, w1d, nullptr, out, {}, &p).code(), StatusCode::kShapeMismatch);
  Tensor in16 = MakeTensor(buf, DType::kInt16, {1, 3}, 0.1f, 3);
  Tensor w_ok = MakeTensor(buf, DType::kInt8, {4, 3}, 0.1f, 0);
  Tensor out16 = MakeTensor(buf, DType::kInt16, {1, 4}, 0.1f, 0);
  EXPECT_EQ(PrepareFullyConnected(in16, w_ok, nullptr, out16, {}, &p).code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
