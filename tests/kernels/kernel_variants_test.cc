// The optimized kernel variants (`*_dsp`, `*_mve`) against the reference kernels, byte for byte.
// On the host the variants run on acle_emu.h / mve_emu.h; the same comparison on emulated
// Cortex-M4 and M55 boards is the QEMU goldens test (tests/qemu), which runs whole models
// through the variants their builds select.
//
// Named cases target the remainder paths (window lengths and depths not a multiple of 4 or 16,
// pixel counts not a multiple of 4, odd filter widths, padding on every side), then seeded random
// shapes sweep strides, dilations, per-channel scales, extreme zero points and activations.
// Requantize() and the MVE lane requantization are checked against quant.h's
// MultiplyByQuantizedMultiplier on edge values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/add.h"
#include "runtime/kernels/conv2d.h"
#include "runtime/kernels/depthwise_conv2d.h"
#include "runtime/kernels/fully_connected.h"
#include "runtime/kernels/mve.h"
#include "runtime/kernels/pooling.h"
#include "runtime/kernels/requant_dsp.h"
#include "test_util.h"

namespace mote {
namespace {

// --- Requantize ----------------------------------------------------------------------------

struct RequantCase {
  const char* name;
  int32_t multiplier;
  int32_t shift;
};

const RequantCase kRequantCases[] = {
    {"zero_multiplier", 0, 0},
    {"smallest_normal", 1 << 30, -31},
    {"largest_mantissa_deep_shift", INT32_MAX, -31},
    {"half_shift_1", 1 << 30, -1},
    {"typical_conv", 1550817258, -9},
    {"shift_0", 1717986918, 0},
    {"left_shift_1", 1288490189, 1},
    {"left_shift_30", 1 << 30, 30},
    {"largest_mantissa_shift_1", INT32_MAX, -1},
    {"shift_2_ties", 1 << 30, -2},
};

std::vector<int32_t> EdgeAccumulators() {
  std::vector<int32_t> v = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1,
                            1 << 30, -(1 << 30), (1 << 30) + 1, -(1 << 30) - 1, 1 << 15, -(1 << 15)};
  // Exact halves after the first rounding: x * 2^30 / 2^31 = x / 2.
  for (int32_t k = -40; k <= 40; ++k) v.push_back(k);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  std::uniform_int_distribution<int32_t> small(-300000, 300000);
  for (int i = 0; i < 4000; ++i) v.push_back(any(rng));
  for (int i = 0; i < 4000; ++i) v.push_back(small(rng));
  return v;
}

class RequantizeExact : public ::testing::TestWithParam<RequantCase> {};

TEST_P(RequantizeExact, MatchesMultiplyByQuantizedMultiplier) {
  const RequantCase& c = GetParam();
  const ChannelRequant q = MakeChannelRequant(c.multiplier, c.shift);
  for (int32_t acc : EdgeAccumulators())
    ASSERT_EQ(Requantize(q, acc), MultiplyByQuantizedMultiplier(acc, c.multiplier, c.shift)) << "acc " << acc;
}

INSTANTIATE_TEST_SUITE_P(Dsp, RequantizeExact, ::testing::ValuesIn(kRequantCases),
                         [](const auto& info) { return std::string(info.param.name); });

// The folded form (zero point in the rounding constant, SSAT clamp) against the reference output
// stage, over every shift it accepts, the extreme zero points and activation ranges narrower than
// int8 (RELU, RELU6, RELU_N1_TO_1 and arbitrary ones): each clamp kind for the ranges it serves,
// the both-bounds one for every range; MakeFoldedRequant takes the full range alone.
TEST(RequantizeExact, FoldedFormMatchesReferenceOutputStage) {
  std::mt19937 rng(14);
  std::uniform_int_distribution<int32_t> mantissa(1 << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  int folded = 0;
  for (int32_t shift = -31; shift <= 2; ++shift) {
    for (int32_t zp : {-128, -1, 0, 1, 127}) {
      for (const OutputRange r : {OutputRange{zp, -128, 127}, OutputRange{zp, zp, 127}, OutputRange{zp, -128, -100},
                                  OutputRange{zp, -3, 4}, OutputRange{zp, 120, 127}}) {
        for (int i = 0; i < 1000; ++i) {
          const int32_t m = mantissa(rng), acc = any(rng) >> (rng() % 32);
          FoldedRequant f;
          if (!MakeFoldedRequantAnyRange(MakeChannelRequant(m, shift), r, &f)) continue;
          ++folded;
          FoldedRequant full;
          ASSERT_EQ(MakeFoldedRequant(MakeChannelRequant(m, shift), r, &full), FullRange(r));
          const int32_t want = Clamp(MultiplyByQuantizedMultiplier(acc, m, shift) + zp, r.act_min, r.act_max);
          int32_t got = 0;
          switch (FoldedClampOf(r)) {
            case FoldedClamp::kFull: got = OutputS8FoldedClamped<FoldedClamp::kFull>(f, acc, r.act_min, r.act_max); break;
            case FoldedClamp::kLow: got = OutputS8FoldedClamped<FoldedClamp::kLow>(f, acc, r.act_min, r.act_max); break;
            default: got = OutputS8FoldedClamped<FoldedClamp::kBoth>(f, acc, r.act_min, r.act_max); break;
          }
          ASSERT_EQ(got, want) << "acc " << acc << " multiplier " << m << " shift " << shift << " range ["
                               << r.act_min << ", " << r.act_max << "]";
          ASSERT_EQ(OutputS8FoldedClamped<FoldedClamp::kBoth>(f, acc, r.act_min, r.act_max), want);
        }
        // The unfolded form, the zero point added after the shift: every right shift.
        for (int i = 0; i < 200 && shift < 0; ++i) {
          const int32_t m = mantissa(rng), acc = any(rng) >> (rng() % 32);
          FoldedRequant f;
          ASSERT_TRUE(MakeUnfoldedRequant(MakeChannelRequant(m, shift), &f));
          const int32_t want = Clamp(MultiplyByQuantizedMultiplier(acc, m, shift) + zp, r.act_min, r.act_max);
          ASSERT_EQ(OutputS8FoldedClamped<FoldedClamp::kBoth>(f, acc, r.act_min, r.act_max, zp), want)
              << "unfolded: acc " << acc << " multiplier " << m << " shift " << shift;
        }
      }
    }
  }
  EXPECT_EQ(folded, 23 * 5 * 5 * 1000);  // shifts -23..-1 take the folded form
}

// The four-lane Helium form, lane by lane, against the reference.
TEST(RequantizeExact, LaneFormMatchesMultiplyByQuantizedMultiplier) {
  std::mt19937 rng(13);
  std::uniform_int_distribution<int32_t> mantissa(1 << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> shift(-31, 30);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  const std::vector<int32_t> edges = EdgeAccumulators();
  for (int i = 0; i < 60000; ++i) {
    int32_t m[4], s[4], acc[4];
    for (int l = 0; l < 4; ++l) {
      m[l] = rng() % 50 == 0 ? 0 : mantissa(rng);
      s[l] = shift(rng);
      acc[l] = i < static_cast<int>(edges.size()) ? edges[(i + l) % edges.size()] : any(rng) >> (rng() % 32);
    }
    const LaneRequant q = MakeLaneRequant(vldrwq_s32(m), vldrwq_s32(s));
    int32_t got[4];
    const int32x4_t r = RequantizeLanes(vldrwq_s32(acc), q);
    for (int l = 0; l < 4; ++l) got[l] = (&r.lane[0])[l];
    for (int l = 0; l < 4; ++l)
      ASSERT_EQ(got[l], MultiplyByQuantizedMultiplier(acc[l], m[l], s[l]))
          << "acc " << acc[l] << " multiplier " << m[l] << " shift " << s[l];
  }
}

TEST(RequantizeExact, RandomMultipliersAndShifts) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int32_t> mantissa(1 << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> shift(-31, 30);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  for (int i = 0; i < 200000; ++i) {
    const int32_t m = mantissa(rng), s = shift(rng), acc = any(rng) >> (rng() % 32);
    ASSERT_EQ(Requantize(MakeChannelRequant(m, s), acc), MultiplyByQuantizedMultiplier(acc, m, s))
        << "acc " << acc << " multiplier " << m << " shift " << s;
  }
}

// --- shared set-up -----------------------------------------------------------------------------

Tensor MakeTensor(DType type, const std::vector<int32_t>& shape, void* data) {
  Tensor t;
  t.type = type;
  t.data = data;
  t.shape.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) t.shape.dims[i] = shape[i];
  return t;
}

size_t Count(const std::vector<int32_t>& s) {
  size_t n = 1;
  for (int32_t v : s) n *= static_cast<size_t>(v);
  return n;
}

struct Quant {
  int in_zp = 0, out_zp = 0;
  bool per_channel = true;
  Activation act = Activation::kNone;
  float out_scale_factor = 1.0f;  // below 1: more outputs saturate
  bool dead_channel = false;       // channel 0 with a filter scale so small that its multiplier is 0
};

Quant RandomQuant(std::mt19937& rng) {
  static const int kZeroPoints[] = {-128, 127, 0, -1, 5, -77};
  static const Activation kActs[] = {Activation::kNone, Activation::kRelu, Activation::kRelu6,
                                     Activation::kReluN1To1};
  Quant q;
  q.in_zp = kZeroPoints[rng() % 6];
  q.out_zp = kZeroPoints[rng() % 6];
  q.per_channel = rng() % 4 != 0;
  q.act = kActs[rng() % 4];
  q.out_scale_factor = (rng() % 3 == 0) ? 0.3f : 1.0f;
  return q;
}

// Scales such that outputs spread over the int8 range: filter scales vary per channel by up to
// 16x, which exercises different shifts within one layer.
struct Scales {
  float input = 0, output = 0;
  std::vector<float> filter;
};

Scales MakeScales(std::mt19937& rng, int channels, int window, const Quant& q) {
  std::uniform_real_distribution<float> spread(0.0f, 4.0f);
  Scales s;
  s.input = 0.02f;
  s.filter.resize(channels);
  for (float& f : s.filter) f = 0.001f * std::exp2(spread(rng));
  if (!q.per_channel) std::fill(s.filter.begin(), s.filter.end(), s.filter[0]);
  // Typical |sum| ~ sqrt(window) * 64 * 64 (in units of input * filter scale).
  s.output = static_cast<float>(s.input * 0.004 * 64 * 64 * std::sqrt(static_cast<double>(window)) / 64 *
                                q.out_scale_factor);
  return s;
}

// --- CONV_2D --------------------------------------------------------------------------------

struct ConvCase {
  std::string name;
  int n = 1, h = 5, w = 5, c = 4;
  int kh = 3, kw = 3, out_c = 5;
  int sh = 1, sw = 1, dh = 1, dw = 1;
  Padding padding = Padding::kSame;
  bool bias = true;
  Quant q;
};

std::string Describe(const ConvCase& c) {
  return c.name + ": n" + std::to_string(c.n) + " " + std::to_string(c.h) + "x" + std::to_string(c.w) + "x" +
         std::to_string(c.c) + " k" + std::to_string(c.kh) + "x" + std::to_string(c.kw) + " o" +
         std::to_string(c.out_c) + " s" + std::to_string(c.sh) + "," + std::to_string(c.sw) + " d" +
         std::to_string(c.dh) + "," + std::to_string(c.dw) + (c.padding == Padding::kSame ? " same" : " valid") +
         " zp" + std::to_string(c.q.in_zp) + "/" + std::to_string(c.q.out_zp) + " act" +
         std::to_string(static_cast<int>(c.q.act)) + (c.q.per_channel ? " per-channel" : " per-tensor");
}

struct Prepared {
  ConvParams p;
  std::vector<int32_t> multipliers, shifts;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;
  size_t output_size = 0;
  bool ok = false;
};

// Prepares a CONV_2D (depthwise = false) or DEPTHWISE_CONV_2D case through the ops' Prepare.
Prepared PrepareCase(const ConvCase& c, bool depthwise, std::mt19937& rng) {
  Prepared r;
  const std::vector<int32_t> in_shape = {c.n, c.h, c.w, c.c};
  const std::vector<int32_t> filter_shape =
      depthwise ? std::vector<int32_t>{1, c.kh, c.kw, c.out_c} : std::vector<int32_t>{c.out_c, c.kh, c.kw, c.c};
  r.input = test::RandomInts<int8_t>(rng, Count(in_shape), -128, 127);
  r.filter = test::RandomInts<int8_t>(rng, Count(filter_shape), -127, 127);
  r.bias = test::RandomInts<int32_t>(rng, c.out_c, -20000, 20000);
  const int window = depthwise ? c.kh * c.kw : c.kh * c.kw * c.c;
  Scales s = MakeScales(rng, c.out_c, window, c.q);
  if (c.q.dead_channel) s.filter[0] = 1e-30f;

  ConvOptions o;
  o.padding = c.padding;
  o.stride_h = c.sh;
  o.stride_w = c.sw;
  o.dilation_h = c.dh;
  o.dilation_w = c.dw;
  o.activation = c.q.act;
  // The output shape from the op's own window arithmetic: prepare once on a probe.
  int32_t oh = 0, ow = 0, pad = 0;
  if (!ConvWindow(c.padding, c.h, c.kh, c.sh, c.dh, &oh, &pad).ok()) return r;
  if (!ConvWindow(c.padding, c.w, c.kw, c.sw, c.dw, &ow, &pad).ok()) return r;
  if (oh <= 0 || ow <= 0) return r;  // a window larger than a VALID image: nothing to compare
  const std::vector<int32_t> out_shape = {c.n, oh, ow, c.out_c};
  r.output_size = Count(out_shape);

  Tensor ti = MakeTensor(DType::kInt8, in_shape, r.input.data());
  ti.q.scale = s.input;
  ti.q.zero_point = c.q.in_zp;
  Tensor tf = MakeTensor(DType::kInt8, filter_shape, r.filter.data());
  tf.q.scale = s.filter[0];
  if (c.q.per_channel) {
    tf.q.channel_scales = s.filter.data();
    tf.q.num_channels = c.out_c;
    tf.q.axis = depthwise ? 3 : 0;
  }
  Tensor tb = MakeTensor(DType::kInt32, {c.out_c}, r.bias.data());
  Tensor to = MakeTensor(DType::kInt8, out_shape, nullptr);
  to.q.scale = s.output;
  to.q.zero_point = c.q.out_zp;
  r.multipliers.resize(c.out_c);
  r.shifts.resize(c.out_c);
  r.p.channel_multipliers = r.multipliers.data();
  r.p.channel_shifts = r.shifts.data();
  const Status st = depthwise ? PrepareDepthwiseConv2D(ti, tf, c.bias ? &tb : nullptr, to, o, &r.p)
                              : PrepareConv2D(ti, tf, c.bias ? &tb : nullptr, to, o, &r.p);
  EXPECT_TRUE(st.ok()) << st.message();
  r.ok = st.ok();
  return r;
}

// How many compared outputs were strictly inside the activation range: a sweep whose outputs
// all saturate would compare nothing of the requantization. Extreme output zero points and
// ReLUs clip about half of them by design, so the sweeps require a quarter inside.
struct Coverage {
  size_t outputs = 0, inside = 0;
  void Add(const std::vector<int8_t>& v, int32_t lo, int32_t hi) {
    for (int8_t x : v) {
      ++outputs;
      inside += x > lo && x < hi;
    }
  }
};

// Scratch of exactly the requested size (so ASan flags any overrun), filled with garbage that
// the kernel must not depend on.
std::vector<int32_t> Scratch(size_t bytes, std::mt19937& rng) {
  std::vector<int32_t> s((bytes + 3) / 4);
  for (int32_t& v : s) v = static_cast<int32_t>(rng());
  return s;
}

void CheckConv(const ConvCase& c, std::mt19937& rng, Coverage* coverage) {
  SCOPED_TRACE(Describe(c));
  Prepared r = PrepareCase(c, false, rng);
  if (!r.ok) return;
  ASSERT_TRUE(Conv2DS8DspSupports(r.p));
  if (c.q.dead_channel) ASSERT_EQ(r.p.channel_multipliers[0], 0);
  const int32_t* bias = c.bias ? r.bias.data() : nullptr;
  std::vector<int8_t> want(r.output_size, 0x55), got(r.output_size, 0x2A);
  conv2d_s8_ref(r.p, r.input.data(), r.filter.data(), bias, want.data());
  std::vector<int32_t> scratch = Scratch(Conv2DS8DspScratchBytes(r.p), rng);
  conv2d_s8_dsp(r.p, r.input.data(), r.filter.data(), bias, got.data(), scratch.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
  ASSERT_TRUE(Conv2DS8MveSupports(r.p));
  std::vector<int8_t> got_mve(r.output_size, 0x2A);
  scratch = Scratch(Conv2DS8MveScratchBytes(r.p), rng);
  conv2d_s8_mve(r.p, r.input.data(), r.filter.data(), bias, got_mve.data(), scratch.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_mve[i], want[i]) << "mve output element " << i;
  ASSERT_TRUE(Conv2DS8BlockedSupports(r.p));
  std::vector<int8_t> got_blocked(r.output_size, 0x2A);
  conv2d_s8_blocked(r.p, r.input.data(), r.filter.data(), bias, got_blocked.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_blocked[i], want[i]) << "blocked output element " << i;
  coverage->Add(want, r.p.act_min, r.p.act_max);
}

std::vector<ConvCase> NamedConvCases() {
  std::vector<ConvCase> v;
  auto add = [&](ConvCase c) { v.push_back(c); };
  {ConvCase c; c.name = "pointwise_depth_64"; c.h = 5; c.w = 5; c.c = 64; c.kh = c.kw = 1; c.out_c = 64; add(c);}
  {ConvCase c; c.name = "pointwise_pixels_not_multiple_of_4"; c.h = 3; c.w = 3; c.c = 8; c.kh = c.kw = 1; add(c);}
  {ConvCase c; c.name = "depth_3_window_27"; c.h = 9; c.w = 7; c.c = 3; c.out_c = 8; c.sh = c.sw = 2; add(c);}
  {ConvCase c; c.name = "depth_1_window_10x4"; c.h = 13; c.w = 6; c.c = 1; c.kh = 10; c.kw = 4; c.out_c = 7;
   c.sh = c.sw = 2; add(c);}
  {ConvCase c; c.name = "depth_5_odd"; c.c = 5; c.out_c = 3; add(c);}
  {ConvCase c; c.name = "pointwise_depth_37_strided"; c.h = 7; c.w = 6; c.c = 37; c.kh = c.kw = 1; c.out_c = 9;
   c.sh = c.sw = 2; c.padding = Padding::kValid; add(c);}
  {ConvCase c; c.name = "single_pixel"; c.h = c.w = 1; c.c = 4; c.kh = c.kw = 1; c.out_c = 1; add(c);}
  {ConvCase c; c.name = "valid_no_padding"; c.h = 7; c.w = 6; c.c = 12; c.padding = Padding::kValid; add(c);}
  {ConvCase c; c.name = "dilation_2"; c.h = 9; c.w = 9; c.c = 4; c.dh = c.dw = 2; add(c);}
  {ConvCase c; c.name = "batches_3"; c.n = 3; c.h = 3; c.w = 2; c.c = 8; c.out_c = 6; add(c);}
  {ConvCase c; c.name = "no_bias"; c.bias = false; c.c = 6; add(c);}
  {ConvCase c; c.name = "per_tensor_relu6"; c.q.per_channel = false; c.q.act = Activation::kRelu6; add(c);}
  {ConvCase c; c.name = "extreme_zero_points"; c.q.in_zp = -128; c.q.out_zp = 127; c.c = 8; add(c);}
  {ConvCase c; c.name = "extreme_zero_points_reversed"; c.q.in_zp = 127; c.q.out_zp = -128; c.c = 7; add(c);}
  {ConvCase c; c.name = "saturating_outputs"; c.q.out_scale_factor = 0.05f; c.c = 16; add(c);}
  // Multipliers so small that the right shift exceeds 23: the zero point cannot ride in the
  // rounding constant (the DSP kernel's unfolded output stage), per channel and per tensor.
  {ConvCase c; c.name = "shift_beyond_23"; c.q.out_scale_factor = 4e4f; c.q.out_zp = 5; c.c = 16; c.out_c = 8; add(c);}
  {ConvCase c; c.name = "dead_channel"; c.q.dead_channel = true; c.c = 16; c.out_c = 6; add(c);}
  {ConvCase c; c.name = "dead_channel_pointwise_relu"; c.q.dead_channel = true; c.q.act = Activation::kRelu;
   c.q.out_zp = 3; c.h = 6; c.w = 6; c.c = 8; c.kh = c.kw = 1; c.out_c = 8; add(c);}
  {ConvCase c; c.name = "shift_beyond_23_pointwise_relu6"; c.q.out_scale_factor = 4e4f; c.q.per_channel = false;
   c.q.act = Activation::kRelu6; c.q.out_zp = -128; c.h = 6; c.w = 6; c.c = 8; c.kh = c.kw = 1; c.out_c = 8; add(c);}
  {ConvCase c; c.name = "wide_filter_stride_3"; c.h = 11; c.w = 17; c.c = 2; c.kh = 2; c.kw = 5; c.sh = 3; c.sw = 3;
   add(c);}
  return v;
}

TEST(Conv2DS8Dsp, NamedCasesMatchReference) {
  std::mt19937 rng(1);
  Coverage coverage;
  for (const ConvCase& c : NamedConvCases()) CheckConv(c, rng, &coverage);
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(Conv2DS8Dsp, RandomShapesMatchReference) {
  std::mt19937 rng(2);
  Coverage coverage;
  for (int i = 0; i < 400; ++i) {
    ConvCase c;
    c.name = "random_" + std::to_string(i);
    c.n = 1 + static_cast<int>(rng() % 2);
    c.h = 1 + static_cast<int>(rng() % 9);
    c.w = 1 + static_cast<int>(rng() % 9);
    c.c = 1 + static_cast<int>(rng() % 13);
    c.kh = 1 + static_cast<int>(rng() % 4);
    c.kw = 1 + static_cast<int>(rng() % 4);
    c.out_c = 1 + static_cast<int>(rng() % 11);
    c.sh = 1 + static_cast<int>(rng() % 3);
    c.sw = 1 + static_cast<int>(rng() % 3);
    c.dh = 1 + static_cast<int>(rng() % 2);
    c.dw = 1 + static_cast<int>(rng() % 2);
    c.padding = rng() % 2 ? Padding::kSame : Padding::kValid;
    c.bias = rng() % 5 != 0;
    c.q = RandomQuant(rng);
    CheckConv(c, rng, &coverage);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(Conv2DS8Dsp, DeclinesGroupedConvolution) {
  ConvParams p;
  p.groups = 2;
  EXPECT_FALSE(Conv2DS8DspSupports(p));
}

// --- DEPTHWISE_CONV_2D ----------------------------------------------------------------------

void ExpectMveDepthwise(const Prepared& r, const int32_t* bias, const std::vector<int8_t>& want, std::mt19937& rng) {
  std::vector<int8_t> got(r.output_size, 0x2A);
  std::vector<int32_t> scratch = Scratch(DepthwiseConv2DS8MveScratchBytes(r.p), rng);
  depthwise_conv2d_s8_mve(r.p, r.input.data(), r.filter.data(), bias, got.data(), scratch.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
}

void CheckDepthwise(const ConvCase& c, std::mt19937& rng, Coverage* coverage) {
  SCOPED_TRACE(Describe(c));
  Prepared r = PrepareCase(c, true, rng);
  if (!r.ok) return;
  ASSERT_TRUE(DepthwiseConv2DS8DspSupports(r.p));
  const int32_t* bias = c.bias ? r.bias.data() : nullptr;
  std::vector<int8_t> want(r.output_size, 0x55), got(r.output_size, 0x2A);
  depthwise_conv2d_s8_ref(r.p, r.input.data(), r.filter.data(), bias, want.data());
  std::vector<int32_t> scratch = Scratch(DepthwiseConv2DS8DspScratchBytes(r.p), rng);
  depthwise_conv2d_s8_dsp(r.p, r.input.data(), r.filter.data(), bias, got.data(), scratch.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
  if (DepthwiseConv2DS8BlockedSupports(r.p)) {
    std::vector<int8_t> got_blocked(r.output_size, 0x2A);
    depthwise_conv2d_s8_blocked(r.p, r.input.data(), r.filter.data(), bias, got_blocked.data());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_blocked[i], want[i]) << "blocked output element " << i;
  }
  if (DepthwiseConv2DS8MveSupports(r.p)) {
    SCOPED_TRACE("mve variant");
    ExpectMveDepthwise(r, bias, want, rng);
    if (::testing::Test::HasFatalFailure()) return;
  }
  if (DepthwiseConv2DS8Dsp3x3Supports(r.p)) {
    SCOPED_TRACE("3x3 variant");
    std::vector<int8_t> got3(r.output_size, 0x2A);
    scratch = Scratch(DepthwiseConv2DS8Dsp3x3ScratchBytes(r.p), rng);
    depthwise_conv2d_s8_3x3_dsp(r.p, r.input.data(), r.filter.data(), bias, got3.data(), scratch.data());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got3[i], want[i]) << "output element " << i;
  }
  coverage->Add(want, r.p.act_min, r.p.act_max);
}

std::vector<ConvCase> NamedDepthwiseCases() {
  std::vector<ConvCase> v;
  auto add = [&](ConvCase c) { v.push_back(c); };
  {ConvCase c; c.name = "3x3_stride_1_same"; c.h = 6; c.w = 7; c.c = 8; c.out_c = 8; add(c);}
  {ConvCase c; c.name = "3x3_stride_2_same"; c.h = 9; c.w = 8; c.c = 5; c.out_c = 5; c.sh = c.sw = 2; add(c);}
  {ConvCase c; c.name = "3x3_valid_odd_width"; c.h = 5; c.w = 9; c.c = 3; c.out_c = 3; c.padding = Padding::kValid;
   add(c);}
  {ConvCase c; c.name = "multiplier_8_filter_10x8"; c.h = 20; c.w = 15; c.c = 1; c.out_c = 8; c.kh = 10; c.kw = 8;
   c.sh = c.sw = 2; add(c);}
  {ConvCase c; c.name = "multiplier_3"; c.c = 2; c.out_c = 6; add(c);}
  {ConvCase c; c.name = "filter_1x1"; c.kh = c.kw = 1; c.c = 9; c.out_c = 9; add(c);}
  {ConvCase c; c.name = "filter_5x5_pad_wide"; c.h = 3; c.w = 4; c.kh = c.kw = 5; c.c = 4; c.out_c = 4; add(c);}
  {ConvCase c; c.name = "dilation_h_3"; c.h = 12; c.w = 6; c.dh = 3; c.c = 3; c.out_c = 3; add(c);}
  {ConvCase c; c.name = "image_smaller_than_filter_valid"; c.h = 2; c.w = 2; c.padding = Padding::kValid; c.c = 2;
   c.out_c = 2; add(c);}
  {ConvCase c; c.name = "batches_2_no_bias"; c.n = 2; c.bias = false; c.c = 3; c.out_c = 3; add(c);}
  {ConvCase c; c.name = "extreme_zero_points"; c.q.in_zp = -128; c.q.out_zp = 127; c.c = 4; c.out_c = 4; add(c);}
  {ConvCase c; c.name = "extreme_zero_points_relu6"; c.q.in_zp = 127; c.q.out_zp = -128; c.q.act = Activation::kRelu6;
   c.c = 4; c.out_c = 4; add(c);}
  {ConvCase c; c.name = "per_tensor"; c.q.per_channel = false; c.c = 6; c.out_c = 6; add(c);}
  // Images of more outputs per channel than a 3x3 band holds (128): several bands, the staged
  // rows' ring wrapping around; a narrow tall image (mlperf_kws' 25x5) is one band.
  {ConvCase c; c.name = "3x3_stride_1_ring_wraps"; c.h = 40; c.w = 21; c.c = 3; c.out_c = 3; c.q.act = Activation::kRelu;
   c.q.out_zp = -128; add(c);}
  {ConvCase c; c.name = "3x3_stride_2_ring_wraps"; c.h = 41; c.w = 33; c.c = 2; c.out_c = 4; c.sh = c.sw = 2;
   c.q.act = Activation::kRelu6; c.q.out_zp = 10; add(c);}
  {ConvCase c; c.name = "3x3_kws_shape"; c.h = 25; c.w = 5; c.c = 8; c.out_c = 8; add(c);}
  return v;
}

TEST(DepthwiseConv2DS8Dsp, NamedCasesMatchReference) {
  std::mt19937 rng(3);
  Coverage coverage;
  for (const ConvCase& c : NamedDepthwiseCases()) CheckDepthwise(c, rng, &coverage);
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(DepthwiseConv2DS8Dsp, RandomShapesMatchReference) {
  std::mt19937 rng(4);
  Coverage coverage;
  for (int i = 0; i < 400; ++i) {
    ConvCase c;
    c.name = "random_" + std::to_string(i);
    c.n = 1 + static_cast<int>(rng() % 2);
    c.h = 1 + static_cast<int>(rng() % 11);
    c.w = 1 + static_cast<int>(rng() % 11);
    c.c = 1 + static_cast<int>(rng() % 9);
    c.out_c = c.c * (1 + static_cast<int>(rng() % 3));
    c.kh = 1 + static_cast<int>(rng() % 5);
    c.kw = 1 + static_cast<int>(rng() % 5);
    if (i % 2 == 0) c.kh = c.kw = 3;  // the 3x3 variant's shapes
    c.sh = 1 + static_cast<int>(rng() % 3);
    c.sw = 1 + static_cast<int>(rng() % 3);
    c.dh = 1 + static_cast<int>(rng() % 3);
    c.padding = rng() % 2 ? Padding::kSame : Padding::kValid;
    c.bias = rng() % 5 != 0;
    c.q = RandomQuant(rng);
    CheckDepthwise(c, rng, &coverage);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

// The Helium kernel alone, on shapes the DSP kernels decline too (horizontal dilation) and on
// more channels (whole groups of eight plus a predicated rest).
void CheckDepthwiseMve(const ConvCase& c, std::mt19937& rng, Coverage* coverage) {
  SCOPED_TRACE(Describe(c));
  Prepared r = PrepareCase(c, true, rng);
  if (!r.ok) return;
  ASSERT_TRUE(DepthwiseConv2DS8MveSupports(r.p));
  const int32_t* bias = c.bias ? r.bias.data() : nullptr;
  std::vector<int8_t> want(r.output_size, 0x55);
  depthwise_conv2d_s8_ref(r.p, r.input.data(), r.filter.data(), bias, want.data());
  ExpectMveDepthwise(r, bias, want, rng);
  coverage->Add(want, r.p.act_min, r.p.act_max);
}

TEST(DepthwiseConv2DS8Mve, ChannelLanesMatchReference) {
  std::mt19937 rng(14);
  Coverage coverage;
  auto draw = [&rng](int n) { return 1 + static_cast<int>(rng() % n); };  // 1..n
  for (int i = 0; i < 300; ++i) {
    ConvCase c;
    c.name = "random_" + std::to_string(i);
    c.n = draw(2);
    c.h = draw(9);
    c.w = draw(9);
    c.c = c.out_c = draw(37);
    c.kh = i % 2 == 0 ? 3 : draw(4);  // even cases: the unrolled 3x3 interior
    c.kw = i % 2 == 0 ? 3 : draw(4);
    c.sh = draw(3);
    c.sw = draw(3);
    c.dh = draw(3);
    c.dw = draw(3);
    c.padding = rng() % 2 ? Padding::kSame : Padding::kValid;
    c.bias = rng() % 5 != 0;
    c.q = RandomQuant(rng);
    CheckDepthwiseMve(c, rng, &coverage);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(DepthwiseConv2DS8Dsp, DeclinesHorizontalDilationAndTallFilters) {
  ConvParams p;
  p.filter_h = 3;
  p.dilation_w = 2;
  EXPECT_FALSE(DepthwiseConv2DS8DspSupports(p));
  p.dilation_w = 1;
  p.filter_h = 17;
  EXPECT_FALSE(DepthwiseConv2DS8DspSupports(p));
  p.filter_h = 16;
  EXPECT_TRUE(DepthwiseConv2DS8DspSupports(p));
}

// --- FULLY_CONNECTED ------------------------------------------------------------------------

// --- Streaming: output overlapping the input at ConvStreamLag's lag --------------------------------

// Runs `kernel` with its output `lag` bytes below its input in one buffer (the planner's layout
// for a streaming layer) and checks it against the reference run on separate buffers.
template <typename Kernel>
void CheckStreaming(const Prepared& r, const int32_t* bias, const std::vector<int8_t>& want, const char* variant,
                    Kernel kernel) {
  SCOPED_TRACE(variant);
  size_t lag = 0;
  if (!ConvStreamLag(r.p, 1, 1, &lag)) return;  // batches > 1
  std::vector<int8_t> buffer(std::max(r.output_size, lag + r.input.size()) + 16, 0x33);
  std::copy(r.input.begin(), r.input.end(), buffer.begin() + static_cast<std::ptrdiff_t>(lag));
  kernel(buffer.data() + lag, buffer.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(buffer[i], want[i]) << "output element " << i << ", lag " << lag;
}

// The case prepared as CONV_2D or DEPTHWISE_CONV_2D, with the reference's output on separate
// buffers; r.ok false when the shape has no output.
struct StreamCase {
  Prepared r;
  const int32_t* bias = nullptr;
  std::vector<int8_t> want;
};

StreamCase PrepareStreamCase(const ConvCase& c, bool depthwise, std::mt19937& rng) {
  StreamCase s;
  s.r = PrepareCase(c, depthwise, rng);
  if (!s.r.ok) return s;
  s.bias = c.bias ? s.r.bias.data() : nullptr;
  s.want.resize(s.r.output_size);
  if (depthwise)
    depthwise_conv2d_s8_ref(s.r.p, s.r.input.data(), s.r.filter.data(), s.bias, s.want.data());
  else
    conv2d_s8_ref(s.r.p, s.r.input.data(), s.r.filter.data(), s.bias, s.want.data());
  return s;
}

void CheckConvStreams(const ConvCase& c, std::mt19937& rng) {
  SCOPED_TRACE(Describe(c));
  const StreamCase s = PrepareStreamCase(c, false, rng);
  if (!s.r.ok) return;
  const Prepared& r = s.r;
  CheckStreaming(r, s.bias, s.want, "ref", [&](const int8_t* in, int8_t* out) {
    conv2d_s8_ref(r.p, in, r.filter.data(), s.bias, out);
  });
  CheckStreaming(r, s.bias, s.want, "blocked", [&](const int8_t* in, int8_t* out) {
    conv2d_s8_blocked(r.p, in, r.filter.data(), s.bias, out);
  });
  std::vector<int32_t> scratch = Scratch(Conv2DS8DspScratchBytes(r.p), rng);
  if (Conv2DS8DspStreams(r.p))
    CheckStreaming(r, s.bias, s.want, "dsp", [&](const int8_t* in, int8_t* out) {
      conv2d_s8_dsp(r.p, in, r.filter.data(), s.bias, out, scratch.data());
    });
  std::vector<int32_t> mve_scratch = Scratch(Conv2DS8MveScratchBytes(r.p), rng);
  if (Conv2DS8MveStreams(r.p))
    CheckStreaming(r, s.bias, s.want, "mve", [&](const int8_t* in, int8_t* out) {
      conv2d_s8_mve(r.p, in, r.filter.data(), s.bias, out, mve_scratch.data());
    });
}

void CheckDepthwiseStreams(const ConvCase& c, std::mt19937& rng) {
  SCOPED_TRACE(Describe(c));
  const StreamCase s = PrepareStreamCase(c, true, rng);
  if (!s.r.ok) return;
  CheckStreaming(s.r, s.bias, s.want, "ref", [&](const int8_t* in, int8_t* out) {
    depthwise_conv2d_s8_ref(s.r.p, in, s.r.filter.data(), s.bias, out);
  });
  if (DepthwiseConv2DS8BlockedSupports(s.r.p))
    CheckStreaming(s.r, s.bias, s.want, "blocked", [&](const int8_t* in, int8_t* out) {
      depthwise_conv2d_s8_blocked(s.r.p, in, s.r.filter.data(), s.bias, out);
    });
}

ConvCase RandomStreamingCase(std::mt19937& rng, int i, bool depthwise) {
  auto pick = [&rng](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  ConvCase c;
  c.name = "streaming_" + std::to_string(i);
  c.h = pick(1, 12), c.w = pick(1, 9), c.c = pick(1, 13);
  c.kh = pick(1, 4), c.kw = pick(1, 4);
  c.out_c = depthwise ? c.c * pick(1, 2) : pick(1, 17);
  c.sh = pick(1, 3), c.sw = pick(1, 3), c.dh = pick(1, 2), c.dw = pick(1, 2);
  c.padding = pick(0, 1) ? Padding::kSame : Padding::kValid;
  c.bias = pick(0, 4) != 0;
  c.q = RandomQuant(rng);
  return c;
}

TEST(ConvStreaming, NamedCasesWithOutputOverInput) {
  std::mt19937 rng(11);
  for (const ConvCase& c : NamedConvCases()) CheckConvStreams(c, rng);
  for (const ConvCase& c : NamedDepthwiseCases()) CheckDepthwiseStreams(c, rng);
}

TEST(ConvStreaming, RandomShapesWithOutputOverInput) {
  std::mt19937 rng(12);
  for (int i = 0; i < 300; ++i) {
    CheckConvStreams(RandomStreamingCase(rng, i, false), rng);
    CheckDepthwiseStreams(RandomStreamingCase(rng, i, true), rng);
    if (HasFatalFailure()) return;
  }
}

// The lag is what makes the overlap safe: half of it must break some case, or the test above
// proves nothing about the formula.
TEST(ConvStreaming, SmallerLagBreaksSomeCase) {
  std::mt19937 rng(13);
  int broken = 0;
  for (int i = 0; i < 100; ++i) {
    const StreamCase s = PrepareStreamCase(RandomStreamingCase(rng, i, false), false, rng);
    size_t lag = 0;
    if (!s.r.ok || !ConvStreamLag(s.r.p, 1, 1, &lag) || lag < 32) continue;
    const size_t short_lag = lag / 2 / 16 * 16;
    std::vector<int8_t> buffer(std::max(s.r.output_size, short_lag + s.r.input.size()) + 16, 0x33);
    std::copy(s.r.input.begin(), s.r.input.end(), buffer.begin() + static_cast<std::ptrdiff_t>(short_lag));
    conv2d_s8_ref(s.r.p, buffer.data() + short_lag, s.r.filter.data(), s.bias, buffer.data());
    broken += !std::equal(s.want.begin(), s.want.end(), buffer.begin());
  }
  EXPECT_GT(broken, 0);
}

struct FcCase {
  std::string name;
  int batches = 1, depth = 16, units = 8;
  bool bias = true;
  Quant q;
};

void CheckFullyConnected(const FcCase& c, std::mt19937& rng, Coverage* coverage) {
  SCOPED_TRACE(c.name + ": batches " + std::to_string(c.batches) + " depth " + std::to_string(c.depth) +
               " units " + std::to_string(c.units));
  std::vector<int8_t> in = test::RandomInts<int8_t>(rng, static_cast<size_t>(c.batches) * c.depth, -128, 127);
  std::vector<int8_t> w = test::RandomInts<int8_t>(rng, static_cast<size_t>(c.units) * c.depth, -127, 127);
  std::vector<int32_t> bias = test::RandomInts<int32_t>(rng, c.units, -20000, 20000);
  const Scales s = MakeScales(rng, c.units, c.depth, c.q);
  Tensor ti = MakeTensor(DType::kInt8, {c.batches, c.depth}, in.data());
  ti.q.scale = s.input;
  ti.q.zero_point = c.q.in_zp;
  Tensor tw = MakeTensor(DType::kInt8, {c.units, c.depth}, w.data());
  tw.q.scale = s.filter[0];
  if (c.q.per_channel) {
    tw.q.channel_scales = s.filter.data();
    tw.q.num_channels = c.units;
  }
  Tensor tb = MakeTensor(DType::kInt32, {c.units}, bias.data());
  Tensor to = MakeTensor(DType::kInt8, {c.batches, c.units}, nullptr);
  to.q.scale = s.output;
  to.q.zero_point = c.q.out_zp;
  FullyConnectedOptions o;
  o.activation = c.q.act;
  FullyConnectedParams p;
  std::vector<int32_t> multipliers(c.units), shifts(c.units);
  const Status st = PrepareFullyConnected(ti, tw, c.bias ? &tb : nullptr, to, o, &p, multipliers.data(), shifts.data());
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_TRUE(FullyConnectedS8DspSupports(p));
  const int32_t* b = c.bias ? bias.data() : nullptr;
  std::vector<int8_t> want(static_cast<size_t>(c.batches) * c.units, 0x55), got(want.size(), 0x2A);
  fully_connected_s8_ref(p, in.data(), w.data(), b, want.data());
  std::vector<int32_t> scratch = Scratch(FullyConnectedS8DspScratchBytes(p), rng);
  fully_connected_s8_dsp(p, in.data(), w.data(), b, got.data(), scratch.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
  ASSERT_TRUE(FullyConnectedS8MveSupports(p));
  std::vector<int8_t> got_mve(want.size(), 0x2A);
  fully_connected_s8_mve(p, in.data(), w.data(), b, got_mve.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_mve[i], want[i]) << "mve output element " << i;
  ASSERT_TRUE(FullyConnectedS8BlockedSupports(p));
  std::vector<int8_t> got_blocked(want.size(), 0x2A);
  fully_connected_s8_blocked(p, in.data(), w.data(), b, got_blocked.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_blocked[i], want[i]) << "blocked output element " << i;
  // The forms `mote compile` prepares from a constant filter.
  std::vector<int32_t> folded(static_cast<size_t>(c.units), 0x5A5A5A5A);
  FoldFullyConnectedS8Bias(p, w.data(), b, folded.data());
  std::vector<int8_t> got_folded(want.size(), 0x2A);
  fully_connected_s8_mve_folded(p, in.data(), w.data(), folded.data(), got_folded.data());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_folded[i], want[i]) << "mve folded output element " << i;
  if (FullyConnectedS8Rows4DspSupports(p)) {
    ASSERT_EQ(FullyConnectedS8Rows4ScratchBytes(p), FullyConnectedS8DspScratchBytes(p));
    std::vector<int32_t> packed_words((FullyConnectedS8Rows4Bytes(p) + 3) / 4, 0x77777777);
    int8_t* packed = reinterpret_cast<int8_t*>(packed_words.data());
    PackFullyConnectedS8Rows4(p, w.data(), packed);
    std::vector<int8_t> got_rows4(want.size(), 0x2A);
    std::vector<int32_t> scratch4 = Scratch(FullyConnectedS8Rows4ScratchBytes(p), rng);
    fully_connected_s8_rows4_dsp(p, in.data(), packed, b, got_rows4.data(), scratch4.data());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got_rows4[i], want[i]) << "rows4 output element " << i;
  } else {
    EXPECT_GT(c.depth, 1024) << "rows4 declines only vectors too long to widen";
  }
  coverage->Add(want, p.act_min, p.act_max);
}

TEST(FullyConnectedS8Dsp, NamedCasesMatchReference) {
  std::vector<FcCase> v;
  {FcCase c; c.name = "mlperf_ad_layer"; c.depth = 640; c.units = 128; v.push_back(c);}
  {FcCase c; c.name = "mlperf_ad_narrow_layer"; c.depth = 8; c.units = 128; c.q.per_channel = false; v.push_back(c);}
  {FcCase c; c.name = "widest_widened_vector"; c.depth = 1024; c.units = 5; v.push_back(c);}
  {FcCase c; c.name = "units_2_mod_4"; c.depth = 19; c.units = 6; v.push_back(c);}
  {FcCase c; c.name = "long_vector_not_widened"; c.depth = 1030; c.units = 7; v.push_back(c);}
  {FcCase c; c.name = "long_vector_units_multiple_of_3"; c.depth = 4000; c.units = 6; c.q.in_zp = -128; v.push_back(c);}
  {FcCase c; c.name = "depth_1"; c.depth = 1; c.units = 3; v.push_back(c);}
  {FcCase c; c.name = "depth_7_units_5"; c.depth = 7; c.units = 5; v.push_back(c);}
  {FcCase c; c.name = "units_multiple_of_4"; c.depth = 12; c.units = 8; v.push_back(c);}
  {FcCase c; c.name = "batches_3"; c.batches = 3; c.depth = 33; c.units = 10; v.push_back(c);}
  {FcCase c; c.name = "no_bias"; c.bias = false; v.push_back(c);}
  {FcCase c; c.name = "per_tensor_relu"; c.q.per_channel = false; c.q.act = Activation::kRelu; v.push_back(c);}
  {FcCase c; c.name = "per_tensor_relu6_zero_point"; c.q.per_channel = false; c.q.act = Activation::kRelu6;
   c.q.out_zp = -20; c.depth = 40; c.units = 9; v.push_back(c);}
  // A right shift beyond 23: the zero point added after the shift.
  {FcCase c; c.name = "per_tensor_shift_beyond_23"; c.q.per_channel = false; c.q.out_scale_factor = 4e4f;
   c.q.out_zp = 7; c.depth = 64; c.units = 5; v.push_back(c);}
  {FcCase c; c.name = "extreme_zero_points"; c.q.in_zp = -128; c.q.out_zp = 127; c.depth = 29; v.push_back(c);}
  {FcCase c; c.name = "extreme_zero_points_reversed"; c.q.in_zp = 127; c.q.out_zp = -128; v.push_back(c);}
  std::mt19937 rng(5);
  Coverage coverage;
  for (const FcCase& c : v) CheckFullyConnected(c, rng, &coverage);
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(FullyConnectedS8Dsp, RandomShapesMatchReference) {
  std::mt19937 rng(6);
  Coverage coverage;
  for (int i = 0; i < 300; ++i) {
    FcCase c;
    c.name = "random_" + std::to_string(i);
    c.batches = 1 + static_cast<int>(rng() % 3);
    c.depth = 1 + static_cast<int>(rng() % 70);
    c.units = 1 + static_cast<int>(rng() % 19);
    c.bias = rng() % 5 != 0;
    c.q = RandomQuant(rng);
    CheckFullyConnected(c, rng, &coverage);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(FullyConnectedS8Dsp, DeclinesAsymmetricFilters) {
  FullyConnectedParams p;
  p.filter_offset = 3;
  EXPECT_FALSE(FullyConnectedS8DspSupports(p));
}

// --- ADD / SUB ------------------------------------------------------------------------------

struct AddCase {
  std::string name;
  std::vector<int32_t> shape = {1, 4, 4, 8};
  AddKind kind = AddKind::kAdd;
  float scale1 = 0.05f, scale2 = 0.03f, out_scale = 0.07f;
  int zp1 = 0, zp2 = 0, out_zp = 0;
  Activation act = Activation::kNone;
};

void CheckAdd(const AddCase& c, std::mt19937& rng, Coverage* coverage) {
  SCOPED_TRACE(c.name);
  const size_t n = Count(c.shape);
  std::vector<int8_t> a = test::RandomInts<int8_t>(rng, n, -128, 127);
  std::vector<int8_t> b = test::RandomInts<int8_t>(rng, n, -128, 127);
  Tensor t1 = MakeTensor(DType::kInt8, c.shape, a.data());
  t1.q.scale = c.scale1;
  t1.q.zero_point = c.zp1;
  Tensor t2 = MakeTensor(DType::kInt8, c.shape, b.data());
  t2.q.scale = c.scale2;
  t2.q.zero_point = c.zp2;
  Tensor to = MakeTensor(DType::kInt8, c.shape, nullptr);
  to.q.scale = c.out_scale;
  to.q.zero_point = c.out_zp;
  AddOptions o;
  o.kind = c.kind;
  o.activation = c.act;
  AddParams p;
  const Status st = PrepareAdd(t1, t2, to, o, &p);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_TRUE(AddS8DspSupports(p));
  std::vector<int8_t> want(n, 0x55), got(n, 0x2A);
  std::vector<int8_t> got_mve(n, 0x2A);
  if (c.kind == AddKind::kAdd) {
    add_s8_ref(p, a.data(), b.data(), want.data());
    add_s8_dsp(p, a.data(), b.data(), got.data());
    add_s8_mve(p, a.data(), b.data(), got_mve.data());
  } else {
    sub_s8_ref(p, a.data(), b.data(), want.data());
    sub_s8_dsp(p, a.data(), b.data(), got.data());
    sub_s8_mve(p, a.data(), b.data(), got_mve.data());
  }
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(got_mve[i], want[i]) << "mve output element " << i;
  coverage->Add(want, p.act_min, p.act_max);
  // Prepare's output shift is a right shift; without one the Helium kernel takes its general path.
  AddParams no_shift = p;
  no_shift.output_shift = 0;
  if (c.kind == AddKind::kAdd) {
    add_s8_ref(no_shift, a.data(), b.data(), want.data());
    add_s8_mve(no_shift, a.data(), b.data(), got_mve.data());
  } else {
    sub_s8_ref(no_shift, a.data(), b.data(), want.data());
    sub_s8_mve(no_shift, a.data(), b.data(), got_mve.data());
  }
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(got_mve[i], want[i]) << "mve unshifted output element " << i;
}

TEST(AddS8Dsp, NamedCasesMatchReference) {
  std::vector<AddCase> v;
  {AddCase c; c.name = "resnet_like"; c.shape = {1, 8, 8, 16}; c.zp1 = -20; c.zp2 = 3; c.out_zp = -7; v.push_back(c);}
  {AddCase c; c.name = "sub"; c.kind = AddKind::kSub; c.zp1 = 5; c.zp2 = -5; v.push_back(c);}
  {AddCase c; c.name = "relu_extreme_zero_points"; c.zp1 = -128; c.zp2 = 127; c.out_zp = -128; c.act = Activation::kRelu;
   v.push_back(c);}
  {AddCase c; c.name = "relu6"; c.act = Activation::kRelu6; c.out_scale = 0.03f; c.out_zp = -100; v.push_back(c);}
  {AddCase c; c.name = "saturating"; c.out_scale = 0.01f; v.push_back(c);}
  // Output scale close to the inputs': the output rescale factor reaches 1/2, a zero shift.
  {AddCase c; c.name = "output_shift_zero"; c.scale1 = c.scale2 = 0.05f; c.out_scale = 0.00000011f; v.push_back(c);}
  {AddCase c; c.name = "single_element"; c.shape = {1}; v.push_back(c);}
  {AddCase c; c.name = "odd_count"; c.shape = {3, 7, 5}; v.push_back(c);}
  std::mt19937 rng(8);
  Coverage coverage;
  for (const AddCase& c : v) CheckAdd(c, rng, &coverage);
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(AddS8Dsp, RandomScalesMatchReference) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> log_scale(-8.0f, -2.0f);
  static const int kZeroPoints[] = {-128, 127, 0, -1, 5, -77};
  static const Activation kActs[] = {Activation::kNone, Activation::kRelu, Activation::kRelu6,
                                     Activation::kReluN1To1};
  Coverage coverage;
  for (int i = 0; i < 300; ++i) {
    AddCase c;
    c.name = "random_" + std::to_string(i);
    c.shape = {1 + static_cast<int>(rng() % 40)};
    c.kind = rng() % 3 == 0 ? AddKind::kSub : AddKind::kAdd;
    c.scale1 = std::exp2(log_scale(rng));
    c.scale2 = std::exp2(log_scale(rng));
    c.out_scale = std::max(c.scale1, c.scale2) * (0.5f + static_cast<float>(rng() % 100) / 40.0f);
    c.zp1 = kZeroPoints[rng() % 6];
    c.zp2 = kZeroPoints[rng() % 6];
    c.out_zp = kZeroPoints[rng() % 6];
    c.act = kActs[rng() % 4];
    CheckAdd(c, rng, &coverage);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(coverage.inside, coverage.outputs / 4);
}

TEST(AddS8Dsp, DeclinesBroadcasting) {
  AddParams p;
  p.layout.rank = 2;
  p.layout.dims[0] = 4;
  p.layout.dims[1] = 8;
  p.layout.strides1[0] = 8;
  p.layout.strides1[1] = 1;
  p.layout.strides2[0] = 0;
  p.layout.strides2[1] = 1;
  EXPECT_FALSE(AddS8DspSupports(p));
}

}  // namespace
// --- AVERAGE_POOL_2D -----------------------------------------------------------------------

struct PoolCase {
  std::string name;
  int batches = 1, h = 5, w = 5, depth = 16, filter_h = 3, filter_w = 3, stride_h = 1, stride_w = 1;
  bool same = true;
  int act_min = -128, act_max = 127;
};

// Output size and leading padding as TFLite computes them for SAME and VALID.
void CheckAveragePool(const PoolCase& c, std::mt19937& rng) {
  SCOPED_TRACE(c.name);
  PoolParams p;
  p.batches = c.batches, p.input_h = c.h, p.input_w = c.w, p.depth = c.depth;
  p.filter_h = c.filter_h, p.filter_w = c.filter_w, p.stride_h = c.stride_h, p.stride_w = c.stride_w;
  p.output_h = c.same ? (c.h + c.stride_h - 1) / c.stride_h : (c.h - c.filter_h + c.stride_h) / c.stride_h;
  p.output_w = c.same ? (c.w + c.stride_w - 1) / c.stride_w : (c.w - c.filter_w + c.stride_w) / c.stride_w;
  ASSERT_GT(p.output_h, 0);
  ASSERT_GT(p.output_w, 0);
  p.pad_h = std::max(0, ((p.output_h - 1) * c.stride_h + c.filter_h - c.h) / 2);
  p.pad_w = std::max(0, ((p.output_w - 1) * c.stride_w + c.filter_w - c.w) / 2);
  p.act_min = c.act_min, p.act_max = c.act_max;
  const std::vector<int8_t> in = test::RandomInts<int8_t>(rng, static_cast<size_t>(c.batches) * c.h * c.w * c.depth, -128, 127);
  const size_t n = static_cast<size_t>(c.batches) * p.output_h * p.output_w * c.depth;
  std::vector<int8_t> want(n, 0x55), got(n, 0x2A);
  average_pool_s8_ref(p, in.data(), want.data());
  average_pool_s8_mve(p, in.data(), got.data());
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], want[i]) << "output element " << i;
}

TEST(AveragePoolS8Mve, NamedCasesMatchReference) {
  std::vector<PoolCase> v;
  {PoolCase c; c.name = "mlperf_kws_global"; c.h = 25; c.w = 5; c.depth = 64; c.filter_h = 25; c.filter_w = 5; c.same = false; v.push_back(c);}
  {PoolCase c; c.name = "mlperf_ic_global"; c.h = 8; c.w = 8; c.depth = 64; c.filter_h = 8; c.filter_w = 8; c.same = false; v.push_back(c);}
  {PoolCase c; c.name = "same_padding_stride_2_odd_depth"; c.h = 7; c.w = 6; c.depth = 19; c.stride_h = 2; c.stride_w = 2; v.push_back(c);}
  {PoolCase c; c.name = "depth_1"; c.depth = 1; v.push_back(c);}
  {PoolCase c; c.name = "depth_17_batches_2"; c.depth = 17; c.batches = 2; v.push_back(c);}
  {PoolCase c; c.name = "relu6_range"; c.act_min = -20; c.act_max = 40; c.depth = 33; v.push_back(c);}
  {PoolCase c; c.name = "large_window_sum_beyond_int16"; c.h = 40; c.w = 40; c.depth = 4; c.filter_h = 40; c.filter_w = 40;
   c.same = false; v.push_back(c);}
  std::mt19937 rng(11);
  for (const PoolCase& c : v) CheckAveragePool(c, rng);
}

TEST(AveragePoolS8Mve, RandomShapesMatchReference) {
  std::mt19937 rng(12);
  for (int i = 0; i < 200; ++i) {
    PoolCase c;
    c.name = "random_" + std::to_string(i);
    c.batches = 1 + static_cast<int>(rng() % 2);
    c.h = 1 + static_cast<int>(rng() % 9);
    c.w = 1 + static_cast<int>(rng() % 9);
    c.depth = 1 + static_cast<int>(rng() % 40);
    c.filter_h = 1 + static_cast<int>(rng() % c.h);
    c.filter_w = 1 + static_cast<int>(rng() % c.w);
    c.stride_h = 1 + static_cast<int>(rng() % 3);
    c.stride_w = 1 + static_cast<int>(rng() % 3);
    c.same = rng() % 2 == 0;
    if (rng() % 3 == 0) {
      c.act_min = -128 + static_cast<int>(rng() % 100);
      c.act_max = c.act_min + static_cast<int>(rng() % (128 - c.act_min));
    }
    CheckAveragePool(c, rng);
    if (HasFatalFailure()) return;
  }
}

}  // namespace mote
