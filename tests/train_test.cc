// mote's trainer (train/): numerical gradient checks of every layer, data loaders on made-up
// files, export/import, determinism, a short Fashion-MNIST training run with a stated accuracy,
// and train -> quantize -> run with mote's interpreter.
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "compiler/demo_model.h"
#include "compiler/io.h"
#include "train/data.h"
#include "train/export.h"
#include "train/network.h"
#include "train/quantize.h"

namespace mote::train {
namespace {

// ---- gradient checks ------------------------------------------------------------------------

struct GradCase {
  const char* name;
  SampleShape input;
  int classes;
  std::function<void(Network&)> build;  // layers after the 1x1 stem
};

void PrintTo(const GradCase& c, std::ostream* os) { *os << c.name; }

void MustAdd(Network& net, std::unique_ptr<Layer> l) {
  std::string error;
  ASSERT_TRUE(net.Add(std::move(l), &error)) << error;
}

// Loss of the network on (x, labels) with dropout masks fixed by the same seed every time.
float Loss(Network& net, const Batch& x, const std::vector<int>& labels) {
  net.Reseed(7);
  return SoftmaxCrossEntropy(net.Forward(x, true), labels.data(), nullptr);
}

class GradientCheck : public testing::TestWithParam<GradCase> {};

// A 1x1 conv stem goes first so that the tested layer's input gradient is checked through the
// stem's weight gradient; a dense layer to the classes goes last. Every parameter's gradient is
// compared with central differences on a sample of entries.
TEST_P(GradientCheck, AnalyticMatchesNumerical) {
  const GradCase& c = GetParam();
  Network net(c.input, c.classes);
  MustAdd(net, std::make_unique<Conv2D>(c.input.c, c.input.c, 1, 1, 1, Padding::kValid));
  c.build(net);
  if (net.output().size() != c.classes) MustAdd(net, std::make_unique<Dense>(net.output().size(), c.classes));
  net.Init(3);
  Rng rng(11);
  for (Param* p : net.Params())  // biases and batch-norm parameters away from their start values too
    for (float& v : p->value) v += 0.1f * rng.Normal();
  Batch x;
  x.Resize(4, c.input);
  for (float& v : x.v) v = rng.Normal();
  std::vector<int> labels = {0, 1, 2 % c.classes, 1};
  Loss(net, x, labels);
  net.Backward(labels.data());
  int checked = 0;
  for (Param* p : net.Params()) {
    const std::vector<float> analytic = p->grad;
    const size_t step = std::max<size_t>(1, p->value.size() / 12);
    for (size_t i = 0; i < p->value.size(); i += step) {
      const float saved = p->value[i], eps = 1e-2f;
      p->value[i] = saved + eps;
      const double up = Loss(net, x, labels);
      p->value[i] = saved - eps;
      const double down = Loss(net, x, labels);
      p->value[i] = saved;
      const double numerical = (up - down) / (2.0 * eps);
      EXPECT_NEAR(analytic[i], numerical, 2e-3 + 2e-2 * std::fabs(numerical))
          << c.name << ": " << p->name << "[" << i << "]";
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

const GradCase kGradCases[] = {
    {"dense", {1, 1, 6}, 3, [](Network& n) { MustAdd(n, std::make_unique<Dense>(6, 5)); }},
    {"conv2d_same_stride1", {5, 5, 2}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Conv2D>(2, 3, 3, 3, 1, Padding::kSame)); }},
    {"conv2d_same_stride2", {6, 5, 2}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Conv2D>(2, 3, 3, 3, 2, Padding::kSame)); }},
    {"conv2d_valid", {5, 6, 2}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Conv2D>(2, 4, 2, 3, 1, Padding::kValid)); }},
    {"conv1d_as_1xk", {1, 9, 2}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Conv2D>(2, 3, 1, 5, 1, Padding::kSame)); }},
    {"depthwise_same", {5, 5, 3}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<DepthwiseConv2D>(3, 3, 3, 1, Padding::kSame)); }},
    {"depthwise_stride2", {6, 6, 3}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<DepthwiseConv2D>(3, 3, 3, 2, Padding::kSame)); }},
    {"max_pool", {4, 6, 2}, 3, [](Network& n) { MustAdd(n, std::make_unique<Pool2D>(PoolKind::kMax, 2, 2, 2, 2)); }},
    {"average_pool", {4, 6, 2}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Pool2D>(PoolKind::kAverage, 2, 3, 2, 3)); }},
    {"global_average_pool", {3, 4, 3}, 3,
     [](Network& n) { MustAdd(n, std::make_unique<Pool2D>(PoolKind::kAverage, 0, 0, 0, 0)); }},
    {"batch_norm", {3, 3, 2}, 3, [](Network& n) { MustAdd(n, std::make_unique<BatchNorm>(2)); }},
    {"relu", {3, 3, 2}, 3, [](Network& n) { MustAdd(n, std::make_unique<Relu>(false)); }},
    {"relu6", {3, 3, 2}, 3,
     [](Network& n) {
       MustAdd(n, std::make_unique<Conv2D>(2, 2, 1, 1, 1, Padding::kValid));  // scales values past 6
       MustAdd(n, std::make_unique<Relu>(true));
     }},
    {"dropout", {3, 3, 2}, 3, [](Network& n) { MustAdd(n, std::make_unique<Dropout>(0.3f)); }},
};

INSTANTIATE_TEST_SUITE_P(Layers, GradientCheck, testing::ValuesIn(kGradCases),
                         [](const testing::TestParamInfo<GradCase>& i) { return std::string(i.param.name); });

TEST(Layers, OutputSizesFollowTflitePadding) {
  struct Case {
    const char* name;
    int in, kernel, stride;
    Padding pad;
    int out, before;
  };
  const Case cases[] = {
      {"same_odd", 28, 3, 1, Padding::kSame, 28, 1},   {"same_stride2_even", 28, 3, 2, Padding::kSame, 14, 0},
      {"same_stride2_odd", 7, 3, 2, Padding::kSame, 4, 1}, {"valid", 28, 3, 1, Padding::kValid, 26, 0},
      {"valid_too_small", 2, 3, 1, Padding::kValid, 0, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OutputSize(c.in, c.kernel, c.stride, c.pad), c.out) << c.name;
    EXPECT_EQ(PadBefore(c.in, c.kernel, c.stride, c.pad), c.before) << c.name;
  }
}

TEST(Rng, SameSeedSameSequenceAndKnownMt19937Output) {
  Rng a(5489), b(5489);
  EXPECT_EQ(a.Next(), 3499211612u);  // mt19937's first output for its default seed
  b.Next();
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
}

// ---- data -----------------------------------------------------------------------------------

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("mote_train_test_" + name)).string();
}

std::string WriteBytes(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string p = TempPath(name);
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return p;
}

TEST(Data, IdxReadsHeaderAndRejectsBadFiles) {
  const std::vector<uint8_t> good = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40};
  std::vector<int> dims;
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(ReadIdx(WriteBytes("good.idx", good), &dims, &bytes, &error)) << error;
  EXPECT_EQ(dims, (std::vector<int>{2, 1, 2}));
  EXPECT_EQ(bytes, (std::vector<uint8_t>{10, 20, 30, 40}));
  struct Bad {
    const char* name;
    std::vector<uint8_t> bytes;
    const char* message;
  };
  const Bad bad[] = {
      {"empty", {}, "not an IDX file"},
      {"float_type", {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}, "not an IDX file"},
      {"truncated_header", {0, 0, 8, 3, 0, 0, 0, 2}, "truncated IDX header"},
      {"short_data", {0, 0, 8, 1, 0, 0, 0, 3, 1, 2}, "the header says 3"},
      {"zero_dimension", {0, 0, 8, 1, 0, 0, 0, 0}, "implausible dimension"},
  };
  for (const Bad& b : bad) {
    EXPECT_FALSE(ReadIdx(WriteBytes(b.name, b.bytes), &dims, &bytes, &error)) << b.name;
    EXPECT_NE(error.find(b.message), std::string::npos) << b.name << ": " << error;
  }
}

TEST(Data, CsvWindows) {
  const std::string path = TempPath("windows.csv");
  std::ofstream(path) << "label,a0,b0,a1,b1\n# comment\n1,0.5,1,2,3\n0,-1,-2,-3,-4\n";
  Dataset d;
  std::string error;
  ASSERT_TRUE(LoadCsv(path, 2, &d, &error)) << error;
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.shape, (SampleShape{1, 2, 2}));
  EXPECT_EQ(d.classes, 2);
  EXPECT_FLOAT_EQ(d.sample(1)[3], -4.0f);
  struct Bad {
    const char* name;
    const char* text;
    int channels;
    const char* message;
  };
  const Bad bad[] = {
      {"ragged", "1,2,3\n0,1\n", 1, "expected 3"},
      {"not_a_number", "1,2,3\n0,x,1\n", 1, "not a finite number"},
      {"negative_label", "-1,2,3\n0,1,1\n", 1, "not a class index"},
      {"one_class", "0,2,3\n0,1,1\n", 1, "two classes"},
      {"channels_do_not_divide", "1,2,3,4\n0,1,1,1\n", 2, "do not split"},
      {"no_data", "# nothing\n", 1, "no data lines"},
  };
  for (const Bad& b : bad) {
    const std::string p = TempPath(std::string(b.name) + ".csv");
    std::ofstream(p) << b.text;
    EXPECT_FALSE(LoadCsv(p, b.channels, &d, &error)) << b.name;
    EXPECT_NE(error.find(b.message), std::string::npos) << b.name << ": " << error;
  }
}

TEST(Data, NpyWindowsAndLabels) {
  std::string error;
  const std::vector<float> x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const std::vector<int64_t> y = {0, 2};
  Shape xs, ys;
  xs.rank = 3, xs.dims[0] = 2, xs.dims[1] = 3, xs.dims[2] = 2;
  ys.rank = 1, ys.dims[0] = 2;
  const std::string xp = TempPath("x.npy"), yp = TempPath("y.npy"), ybad = TempPath("ybad.npy");
  ASSERT_TRUE(WriteNpy(xp, DType::kFloat32, xs, x.data(), &error)) << error;
  ASSERT_TRUE(WriteNpy(yp, DType::kInt64, ys, y.data(), &error)) << error;
  Dataset d;
  ASSERT_TRUE(LoadDataset(xp, yp, 1, true, &d, &error)) << error;
  EXPECT_EQ(d.shape, (SampleShape{1, 3, 2}));
  EXPECT_EQ(d.classes, 3);
  EXPECT_FLOAT_EQ(d.sample(1)[0], 6.0f);
  ys.dims[0] = 1;
  ASSERT_TRUE(WriteNpy(ybad, DType::kInt64, ys, y.data(), &error));
  EXPECT_FALSE(LoadDataset(xp, ybad, 1, true, &d, &error));
  EXPECT_NE(error.find("1 labels for 2 samples"), std::string::npos) << error;
  EXPECT_FALSE(LoadDataset(xp, "", 1, true, &d, &error));
  EXPECT_NE(error.find("--labels"), std::string::npos) << error;
  EXPECT_FALSE(LoadDataset("what.txt", "", 1, true, &d, &error));
  EXPECT_NE(error.find("unknown data"), std::string::npos) << error;
}

// ---- export / import ------------------------------------------------------------------------

// Random data of `classes` classes whose mean brightness tells the class apart.
Dataset MakeBlobs(SampleShape shape, int classes, int count, uint32_t seed) {
  Dataset d;
  d.shape = shape;
  d.classes = classes;
  Rng rng(seed);
  for (int i = 0; i < count; ++i) {
    const int c = i % classes;
    d.y.push_back(c);
    for (int k = 0; k < shape.size(); ++k) d.x.push_back(0.3f * static_cast<float>(c) + 0.2f * rng.Normal());
  }
  return d;
}

// Batch norm with non-trivial statistics, so that folding it changes the weights.
void PerturbBatchNorms(Network& net) {
  Rng rng(9);
  for (const auto& l : net.layers())
    if (auto* bn = dynamic_cast<BatchNorm*>(l.get()))
      for (int c = 0; c < bn->channels; ++c) {
        bn->running_mean[c] = 0.2f * rng.Normal();
        bn->running_var[c] = 0.5f + rng.Uniform();
        bn->gamma.value[c] = 1.0f + 0.3f * rng.Normal();
        bn->beta.value[c] = 0.1f * rng.Normal();
      }
}

TEST(Export, FloatModelMatchesNetworkInMoteInterpreter) {
  struct Case {
    const char* arch;
    SampleShape shape;
  };
  const Case cases[] = {{"cnn", {28, 28, 1}}, {"ds-cnn", {16, 16, 1}}, {"conv1d", {1, 32, 3}}, {"mlp", {4, 4, 2}}};
  for (const Case& c : cases) {
    Network net;
    std::string error;
    ASSERT_TRUE(BuildArchitecture(c.arch, c.shape, 4, &net, &error)) << error;
    net.Init(1);
    PerturbBatchNorms(net);
    const Dataset d = MakeBlobs(c.shape, 4, 40, 2);
    std::vector<uint8_t> model;
    ASSERT_TRUE(ExportTflite(net, nullptr, "test", &model, &error)) << c.arch << ": " << error;
    // The exported model (batch norm folded, activations fused) predicts what the network does.
    const EvalResult expected = Evaluate(net, d);
    float accuracy = 0;
    std::vector<int> predictions;
    ASSERT_TRUE(EvaluateTflite(model, d, {}, &accuracy, &predictions, &error)) << c.arch << ": " << error;
    EXPECT_EQ(predictions, expected.predictions) << c.arch;
    // Import gives back a network (folded) with the same predictions.
    Network back;
    ASSERT_TRUE(ImportTflite(model.data(), model.size(), &back, &error)) << c.arch << ": " << error;
    EXPECT_EQ(Evaluate(back, d).predictions, expected.predictions) << c.arch;
  }
}

TEST(Export, ImportRejectsWhatItCannotQuantize) {
  std::string error;
  Network net;
  const std::vector<uint8_t> garbage(64, 7);
  EXPECT_FALSE(ImportTflite(garbage.data(), garbage.size(), &net, &error));
  EXPECT_NE(error.find("not a valid .tflite"), std::string::npos) << error;
  ASSERT_TRUE(BuildArchitecture("tiny-cnn", {28, 28, 1}, 10, &net, &error)) << error;
  net.Init(1);
  QuantSpec spec;
  spec.input = {0, 1};
  spec.stage_outputs.assign(4, Range{0, 4});
  std::vector<uint8_t> int8_model;
  ASSERT_TRUE(ExportTflite(net, &spec, "q", &int8_model, &error)) << error;
  EXPECT_FALSE(ImportTflite(int8_model.data(), int8_model.size(), &net, &error));
  EXPECT_NE(error.find("float"), std::string::npos) << error;
}

TEST(Export, ActivationParamsFollowTfliteConventions) {
  struct Case {
    const char* name;
    Range r;
    bool int16;
    float scale;
    int32_t zero_point;
  };
  const Case cases[] = {
      {"unit_range_int8", {0, 1}, false, 1.0f / 255.0f, -128},
      {"symmetric_int8", {-1, 1}, false, 2.0f / 255.0f, -1},  // -128 + 127.5 rounds away from zero
      {"positive_only_includes_zero", {2, 4}, false, 4.0f / 255.0f, -128},
      {"int16_symmetric", {-3, 1}, true, 3.0f / 32767.0f, 0},
  };
  for (const Case& c : cases) {
    const QuantParams p = ActivationParams(c.r, c.int16);
    EXPECT_FLOAT_EQ(p.scale, c.scale) << c.name;
    EXPECT_EQ(p.zero_point, c.zero_point) << c.name;
  }
}

// ---- training -------------------------------------------------------------------------------

TEST(Train, SameSeedSameModel) {
  const Dataset d = MakeBlobs({6, 6, 1}, 3, 120, 4);
  std::vector<uint8_t> first;
  for (int run = 0; run < 2; ++run) {
    Network net;
    std::string error;
    ASSERT_TRUE(BuildArchitecture("cnn", d.shape, 3, &net, &error)) << error;
    TrainOptions o;
    o.epochs = 2;
    o.batch = 16;
    o.seed = 42;
    TrainResult r;
    ASSERT_TRUE(Train(net, d, o, {}, &r, &error)) << error;
    std::vector<uint8_t> model;
    ASSERT_TRUE(ExportTflite(net, nullptr, "det", &model, &error)) << error;
    if (run == 0) first = model;
    else EXPECT_EQ(model, first);
  }
}

TEST(Train, SgdWithMomentumLearnsWaveformsWithConv1d) {
  // The demo's synthetic waveforms as 1 x 32 x 1 sensor windows.
  auto to_dataset = [](const WaveformSet& w) {
    Dataset d;
    d.shape = {1, WaveformSet::kLength, 1};
    d.classes = WaveformSet::kClasses;
    for (size_t i = 0; i < w.x.size(); ++i) {
      d.x.insert(d.x.end(), w.x[i].begin(), w.x[i].end());
      d.y.push_back(w.y[i]);
    }
    return d;
  };
  const Dataset train = to_dataset(MakeWaveforms(2400, 1)), test = to_dataset(MakeWaveforms(400, 2));
  Network net;
  std::string error;
  ASSERT_TRUE(BuildArchitecture("conv1d", train.shape, train.classes, &net, &error)) << error;
  TrainOptions o;
  o.epochs = 10;
  o.batch = 32;
  o.optimizer = "sgd";
  TrainResult r;
  ASSERT_TRUE(Train(net, train, o, {}, &r, &error)) << error;
  EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss);
  const float float_acc = Evaluate(net, test).accuracy;
  EXPECT_GE(float_acc, 0.90f);
  // Quantized (depthwise per-channel weights, global average pooling) within 1 point.
  std::vector<uint8_t> model;
  ASSERT_TRUE(ExportTflite(net, nullptr, "waves", &model, &error)) << error;
  for (bool int16 : {false, true}) {
    QuantizeOptions q;
    q.int16 = int16;
    q.calibration_samples = 200;
    q.evaluation_samples = 400;
    QuantizeResult qr;
    ASSERT_TRUE(Quantize(model, train, q, &qr, &error)) << error;
    float quant_acc = 0;
    ASSERT_TRUE(EvaluateTflite(qr.candidates[qr.chosen].tflite, test, {}, &quant_acc, nullptr, &error)) << error;
    EXPECT_NEAR(quant_acc, float_acc, 0.01f) << (int16 ? "int16x8" : "int8");
  }
}

TEST(Train, DepthwiseSeparableCnnQuantizes) {
  const Dataset d = MakeBlobs({12, 12, 1}, 3, 300, 5), test = MakeBlobs({12, 12, 1}, 3, 150, 6);
  Network net;
  std::string error;
  ASSERT_TRUE(BuildArchitecture("ds-cnn", d.shape, 3, &net, &error)) << error;
  TrainOptions o;
  o.epochs = 3;
  o.batch = 16;
  TrainResult r;
  ASSERT_TRUE(Train(net, d, o, {}, &r, &error)) << error;
  const float float_acc = Evaluate(net, test).accuracy;
  EXPECT_GE(float_acc, 0.9f);
  std::vector<uint8_t> model;
  ASSERT_TRUE(ExportTflite(net, nullptr, "ds", &model, &error)) << error;
  QuantizeOptions q;
  q.calibration_samples = 100;
  q.evaluation_samples = 150;
  QuantizeResult qr;
  ASSERT_TRUE(Quantize(model, d, q, &qr, &error)) << error;
  float quant_acc = 0;
  ASSERT_TRUE(EvaluateTflite(qr.candidates[qr.chosen].tflite, test, {}, &quant_acc, nullptr, &error)) << error;
  EXPECT_NEAR(quant_acc, float_acc, 0.01f);
}

bool HaveFashionMnist() {
  return std::filesystem::exists(std::string(kFashionMnistDir) + "/train-images-idx3-ubyte.gz") ||
         std::filesystem::exists(std::string(kFashionMnistDir) + "/train-images-idx3-ubyte");
}

// Fashion-MNIST subsets: the first `train_n` training images and the first `test_n` test images.
void LoadSubsets(int train_n, int test_n, Dataset* train, Dataset* test) {
  std::string error;
  ASSERT_TRUE(LoadFashionMnist(kFashionMnistDir, true, train, &error)) << error;
  ASSERT_TRUE(LoadFashionMnist(kFashionMnistDir, false, test, &error)) << error;
  train->y.resize(train_n);
  train->x.resize(static_cast<size_t>(train_n) * train->shape.size());
  test->y.resize(test_n);
  test->x.resize(static_cast<size_t>(test_n) * test->shape.size());
}

TEST(Train, FashionMnistShortRunThenQuantizeRoundTrip) {
  if (!HaveFashionMnist()) GTEST_SKIP() << "dataset-fashion-mnist not installed (scripts/bootstrap.sh)";
  Dataset train, test;
  LoadSubsets(6000, 1000, &train, &test);
  EXPECT_EQ(train.shape, (SampleShape{28, 28, 1}));
  Network net;
  std::string error;
  ASSERT_TRUE(BuildArchitecture("tiny-cnn", train.shape, 10, &net, &error)) << error;
  TrainOptions o;
  o.epochs = 3;
  o.batch = 32;
  o.learning_rate = 3e-3f;
  TrainResult r;
  ASSERT_TRUE(Train(net, train, o, {}, &r, &error)) << error;
  const float float_acc = Evaluate(net, test).accuracy;
  EXPECT_GE(float_acc, 0.75f) << "3 epochs on 5,400 images";

  std::vector<uint8_t> float_model;
  ASSERT_TRUE(ExportTflite(net, nullptr, "short", &float_model, &error)) << error;
  float interp_float_acc = 0;
  ASSERT_TRUE(EvaluateTflite(float_model, test, {}, &interp_float_acc, nullptr, &error)) << error;
  EXPECT_NEAR(interp_float_acc, float_acc, 0.002f);

  for (bool int16 : {false, true}) {
    QuantizeOptions q;
    q.int16 = int16;
    q.calibration_samples = 300;
    q.evaluation_samples = 500;
    QuantizeResult qr;
    ASSERT_TRUE(Quantize(float_model, train, q, &qr, &error)) << error;
    ASSERT_EQ(qr.candidates.size(), 3u);
    float quant_acc = 0;
    ASSERT_TRUE(EvaluateTflite(qr.candidates[qr.chosen].tflite, test, {}, &quant_acc, nullptr, &error)) << error;
    EXPECT_NEAR(quant_acc, float_acc, 0.01f) << (int16 ? "int16x8" : "int8") << " within 1 point of float";
  }
}

}  // namespace
}  // namespace mote::train
