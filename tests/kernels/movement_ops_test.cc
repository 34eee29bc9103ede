// The data-movement ops through the interpreter, on single-op models built here: option decoding,
// computed (non-constant) index tensors, optional inputs, and Init errors for invalid models.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "runtime/interpreter.h"
#include "runtime/schema/tflite_generated.h"

namespace mote {
namespace {

using Dims = std::vector<int32_t>;

// A one-operator model assembled with the flatbuffers object API.
class ModelBuilder {
 public:
  ModelBuilder() {
    model_.version = 3;
    model_.buffers.push_back(std::make_unique<tflite::BufferT>());
    model_.subgraphs.push_back(std::make_unique<tflite::SubGraphT>());
  }

  int Tensor(tflite::TensorType type, const Dims& shape) { return AddTensor(type, shape, nullptr, 0); }
  template <typename T>
  int Constant(tflite::TensorType type, const Dims& shape, const std::vector<T>& values) {
    return AddTensor(type, shape, values.data(), values.size() * sizeof(T));
  }
  void Quantize(int tensor, float scale, int64_t zero_point) {
    auto q = std::make_unique<tflite::QuantizationParametersT>();
    q->scale = {scale};
    q->zero_point = {zero_point};
    sg()->tensors[tensor]->quantization = std::move(q);
  }
  void Op(tflite::BuiltinOperator code, const std::vector<int32_t>& inputs,
          const std::vector<int32_t>& outputs, tflite::BuiltinOptionsUnion options = {}) {
    auto oc = std::make_unique<tflite::OperatorCodeT>();
    oc->builtin_code = code;
    oc->deprecated_builtin_code = static_cast<int8_t>(std::min<int>(static_cast<int>(code), 127));
    model_.operator_codes.push_back(std::move(oc));
    auto op = std::make_unique<tflite::OperatorT>();
    op->opcode_index = 0;
    op->inputs = inputs;
    op->outputs = outputs;
    op->builtin_options = std::move(options);
    sg()->operators.push_back(std::move(op));
  }
  void Io(const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs) {
    sg()->inputs = inputs;
    sg()->outputs = outputs;
  }
  std::vector<uint8_t> Finish() {
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(tflite::Model::Pack(fbb, &model_), tflite::ModelIdentifier());
    return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  }

 private:
  tflite::SubGraphT* sg() { return model_.subgraphs[0].get(); }
  int AddTensor(tflite::TensorType type, const Dims& shape, const void* data, size_t bytes) {
    auto t = std::make_unique<tflite::TensorT>();
    t->type = type;
    t->shape = shape;
    if (data) {
      auto b = std::make_unique<tflite::BufferT>();
      b->data.assign(static_cast<const uint8_t*>(data), static_cast<const uint8_t*>(data) + bytes);
      t->buffer = static_cast<uint32_t>(model_.buffers.size());
      model_.buffers.push_back(std::move(b));
    }
    sg()->tensors.push_back(std::move(t));
    return static_cast<int>(sg()->tensors.size()) - 1;
  }
  tflite::ModelT model_;
};

// Owns the aligned model copy and the arena for the interpreter.
struct Runner {
  std::unique_ptr<uint8_t, decltype(&std::free)> model{nullptr, &std::free};
  std::vector<uint8_t> arena = std::vector<uint8_t>(1 << 16);
  Interpreter interp;

  Status Init(const std::vector<uint8_t>& bytes) {
    const size_t size = (bytes.size() + 15) / 16 * 16;
    model.reset(static_cast<uint8_t*>(std::aligned_alloc(16, size)));
    std::memcpy(model.get(), bytes.data(), bytes.size());
    return interp.Init(model.get(), bytes.size(), arena.data(), arena.size());
  }
  template <typename T>
  void SetInput(int i, const std::vector<T>& v) { std::memcpy(interp.input(i)->data, v.data(), v.size() * sizeof(T)); }
  template <typename T>
  std::vector<T> Output(int i) const {
    const Tensor* t = interp.output(i);
    return std::vector<T>(t->Data<T>(), t->Data<T>() + t->NumElements());
  }
};

using TT = tflite::TensorType;
using Op = tflite::BuiltinOperator;

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return v;
}

TEST(SliceOp, ComputedBeginAndSizeAreResolvedEachInvoke) {
  ModelBuilder m;
  const int in = m.Tensor(TT::FLOAT32, {3, 4});
  const int begin = m.Tensor(TT::INT32, {2});
  const int size = m.Tensor(TT::INT32, {2});
  const int out = m.Tensor(TT::FLOAT32, {2, 2});
  m.Op(Op::SLICE, {in, begin, size}, {out});
  m.Io({in, begin, size}, {out});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput(0, Iota(12));
  r.SetInput<int32_t>(1, {1, 2});
  r.SetInput<int32_t>(2, {2, -1});
  ASSERT_TRUE(r.interp.Invoke().ok()) << r.interp.error();
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{6, 7, 10, 11}));
  r.SetInput<int32_t>(1, {0, 1});
  r.SetInput<int32_t>(2, {2, 2});
  ASSERT_TRUE(r.interp.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 2, 5, 6}));
  // A size that no longer fits the output is an error, not an overflow.
  r.SetInput<int32_t>(2, {3, 2});
  EXPECT_FALSE(r.interp.Invoke().ok());
}

TEST(StridedSliceOp, OptionsAndComputedIndices) {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT16, {2, 5});
  const int begin = m.Tensor(TT::INT32, {2});
  const int end = m.Constant<int32_t>(TT::INT32, {2}, {0, 0});
  const int strides = m.Constant<int32_t>(TT::INT32, {2}, {1, -2});
  const int out = m.Tensor(TT::INT16, {3});
  tflite::BuiltinOptionsUnion o;
  tflite::StridedSliceOptionsT opts;
  opts.end_mask = 2;
  opts.shrink_axis_mask = 1;
  o.Set(opts);
  m.Op(Op::STRIDED_SLICE, {in, begin, end, strides}, {out}, std::move(o));
  m.Io({in, begin}, {out});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput<int16_t>(0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  r.SetInput<int32_t>(1, {-1, 4});
  ASSERT_TRUE(r.interp.Invoke().ok()) << r.interp.error();
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{9, 7, 5}));
}

TEST(PadV2Op, ComputedConstantValue) {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT8, {2});
  const int pads = m.Constant<int32_t>(TT::INT32, {1, 2}, {1, 2});
  const int value = m.Tensor(TT::INT8, {});
  const int out = m.Tensor(TT::INT8, {5});
  for (int t : {in, value, out}) m.Quantize(t, 0.5f, 3);
  m.Op(Op::PADV2, {in, pads, value}, {out});
  m.Io({in, value}, {out});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput<int8_t>(0, {10, -10});
  r.SetInput<int8_t>(1, {-7});
  ASSERT_TRUE(r.interp.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-7, 10, -10, -7, -7}));
}

TEST(PadOp, Int8PadsWithZeroPointAndOmittedThirdInput) {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT8, {1, 2});
  const int pads = m.Constant<int64_t>(TT::INT64, {2, 2}, {0, 0, 1, 0});
  const int out = m.Tensor(TT::INT8, {1, 3});
  m.Quantize(in, 0.1f, -20);
  m.Quantize(out, 0.1f, -20);
  m.Op(Op::PADV2, {in, pads, -1}, {out});
  m.Io({in}, {out});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput<int8_t>(0, {5, 6});
  ASSERT_TRUE(r.interp.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-20, 5, 6}));
}

TEST(SplitVOp, InferredSizeAndNegativeAxis) {
  ModelBuilder m;
  const int in = m.Tensor(TT::FLOAT32, {2, 5});
  const int sizes = m.Constant<int32_t>(TT::INT32, {2}, {-1, 2});
  const int axis = m.Constant<int32_t>(TT::INT32, {}, {-1});
  const int a = m.Tensor(TT::FLOAT32, {2, 3});
  const int b = m.Tensor(TT::FLOAT32, {2, 2});
  m.Op(Op::SPLIT_V, {in, sizes, axis}, {a, b});
  m.Io({in}, {a, b});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput(0, Iota(10));
  ASSERT_TRUE(r.interp.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 1, 2, 5, 6, 7}));
  EXPECT_EQ(r.Output<float>(1), (std::vector<float>{3, 4, 8, 9}));
}

TEST(ExpandDimsOp, Int64Axis) {
  ModelBuilder m;
  const int in = m.Tensor(TT::FLOAT32, {2, 3});
  const int axis = m.Constant<int64_t>(TT::INT64, {1}, {-2});
  const int out = m.Tensor(TT::FLOAT32, {2, 1, 3});
  m.Op(Op::EXPAND_DIMS, {in, axis}, {out});
  m.Io({in}, {out});
  Runner r;
  ASSERT_TRUE(r.Init(m.Finish()).ok()) << r.interp.error();
  r.SetInput(0, Iota(6));
  ASSERT_TRUE(r.interp.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), Iota(6));
}

// Models that Init must refuse, each with the op it builds.
struct InvalidModelCase {
  const char* name;
  std::vector<uint8_t> (*build)();
};

std::vector<uint8_t> SplitNotDivisible() {
  ModelBuilder m;
  const int axis = m.Constant<int32_t>(TT::INT32, {}, {0});
  const int in = m.Tensor(TT::FLOAT32, {5});
  const int a = m.Tensor(TT::FLOAT32, {2});
  const int b = m.Tensor(TT::FLOAT32, {3});
  m.Op(Op::SPLIT, {axis, in}, {a, b});
  m.Io({in}, {a, b});
  return m.Finish();
}

std::vector<uint8_t> ConcatenationWithRelu() {
  ModelBuilder m;
  const int a = m.Tensor(TT::FLOAT32, {2});
  const int b = m.Tensor(TT::FLOAT32, {2});
  const int out = m.Tensor(TT::FLOAT32, {4});
  tflite::BuiltinOptionsUnion o;
  tflite::ConcatenationOptionsT opts;
  opts.fused_activation_function = tflite::ActivationFunctionType::RELU;
  o.Set(opts);
  m.Op(Op::CONCATENATION, {a, b}, {out}, std::move(o));
  m.Io({a, b}, {out});
  return m.Finish();
}

std::vector<uint8_t> BilinearAlignAndHalfPixel() {
  ModelBuilder m;
  const int in = m.Tensor(TT::FLOAT32, {1, 2, 2, 1});
  const int size = m.Constant<int32_t>(TT::INT32, {2}, {4, 4});
  const int out = m.Tensor(TT::FLOAT32, {1, 4, 4, 1});
  tflite::BuiltinOptionsUnion o;
  tflite::ResizeBilinearOptionsT opts;
  opts.align_corners = opts.half_pixel_centers = true;
  o.Set(opts);
  m.Op(Op::RESIZE_BILINEAR, {in, size}, {out}, std::move(o));
  m.Io({in}, {out});
  return m.Finish();
}

std::vector<uint8_t> BilinearInt16() {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT16, {1, 2, 2, 1});
  const int size = m.Constant<int32_t>(TT::INT32, {2}, {4, 4});
  const int out = m.Tensor(TT::INT16, {1, 4, 4, 1});
  m.Op(Op::RESIZE_BILINEAR, {in, size}, {out});
  m.Io({in}, {out});
  return m.Finish();
}

std::vector<uint8_t> PackCountMismatch() {
  ModelBuilder m;
  const int a = m.Tensor(TT::INT8, {2});
  const int b = m.Tensor(TT::INT8, {2});
  const int out = m.Tensor(TT::INT8, {2, 2});
  tflite::BuiltinOptionsUnion o;
  tflite::PackOptionsT opts;
  opts.values_count = 3;
  o.Set(opts);
  m.Op(Op::PACK, {a, b}, {out}, std::move(o));
  m.Io({a, b}, {out});
  return m.Finish();
}

std::vector<uint8_t> TransposeComputedPerm() {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT8, {2, 3});
  const int perm = m.Tensor(TT::INT32, {2});
  const int out = m.Tensor(TT::INT8, {3, 2});
  m.Op(Op::TRANSPOSE, {in, perm}, {out});
  m.Io({in, perm}, {out});
  return m.Finish();
}

std::vector<uint8_t> ReshapeCountMismatch() {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT8, {2, 3});
  const int out = m.Tensor(TT::INT8, {7});
  m.Op(Op::RESHAPE, {in}, {out});
  m.Io({in}, {out});
  return m.Finish();
}

std::vector<uint8_t> SqueezeNonUnitAxis() {
  ModelBuilder m;
  const int in = m.Tensor(TT::INT8, {2, 3});
  const int out = m.Tensor(TT::INT8, {3});
  tflite::BuiltinOptionsUnion o;
  tflite::SqueezeOptionsT opts;
  opts.squeeze_dims = {0};
  o.Set(opts);
  m.Op(Op::SQUEEZE, {in}, {out}, std::move(o));
  m.Io({in}, {out});
  return m.Finish();
}

class InvalidModelTest : public ::testing::TestWithParam<InvalidModelCase> {};

TEST_P(InvalidModelTest, InitFailsWithAReason) {
  Runner r;
  const Status s = r.Init(GetParam().build());
  EXPECT_FALSE(s.ok());
  EXPECT_NE(std::string(r.interp.error()), "");
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidModelTest,
                         ::testing::Values(InvalidModelCase{"split_not_divisible", SplitNotDivisible},
                                           InvalidModelCase{"concatenation_with_relu", ConcatenationWithRelu},
                                           InvalidModelCase{"bilinear_align_and_half_pixel", BilinearAlignAndHalfPixel},
                                           InvalidModelCase{"bilinear_int16", BilinearInt16},
                                           InvalidModelCase{"pack_count_mismatch", PackCountMismatch},
                                           InvalidModelCase{"transpose_computed_perm", TransposeComputedPerm},
                                           InvalidModelCase{"reshape_count_mismatch", ReshapeCountMismatch},
                                           InvalidModelCase{"squeeze_non_unit_axis", SqueezeNonUnitAxis}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
