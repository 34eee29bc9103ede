// The layers mote can train. Each works on a whole mini-batch (NHWC) and keeps what its backward
// pass needs from the last forward pass. Weight layouts are TFLite's, so export copies them:
// conv OHWI, depthwise 1HWC (multiplier 1), dense [units, inputs].
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "train/core.h"

namespace mote::train {

struct Param {
  std::string name;
  std::vector<float> value, grad;
  bool decay = true;  // weight decay applies (not to biases and batch-norm parameters)
};

enum class Padding { kSame, kValid };

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string Describe() const = 0;
  // Shape of one output sample, or h == 0 when `in` does not fit this layer.
  virtual SampleShape OutputShape(const SampleShape& in) const = 0;
  virtual void Forward(const Batch& in, Batch* out, bool training) = 0;
  // From d(loss)/d(out) computes d(loss)/d(in) and overwrites the parameter gradients.
  virtual void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) = 0;
  virtual std::vector<Param*> Params() { return {}; }
  // Called by the trainer before each training forward pass (dropout masks).
  virtual void Reseed(uint32_t) {}
};

// Padding before the first row/column, TFLite's rule: the odd extra pixel goes after.
int OutputSize(int in, int kernel, int stride, Padding p);
int PadBefore(int in, int kernel, int stride, Padding p);

class Conv2D : public Layer {
 public:
  Conv2D(int in_c, int out_c, int kh, int kw, int stride, Padding pad);
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override;
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  std::vector<Param*> Params() override { return {&w, &b}; }
  void Init(Rng& rng);

  int in_c, out_c, kh, kw, stride;
  Padding pad;
  Param w, b;  // w: [out_c][kh][kw][in_c]

 private:
  std::vector<float> cols_;  // im2col of the last input: [n*oh*ow][kh*kw*in_c]
};

class DepthwiseConv2D : public Layer {
 public:
  DepthwiseConv2D(int channels, int kh, int kw, int stride, Padding pad);
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override;
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  std::vector<Param*> Params() override { return {&w, &b}; }
  void Init(Rng& rng);

  int channels, kh, kw, stride;
  Padding pad;
  Param w, b;  // w: [kh][kw][channels]
};

// Flattens its input (NHWC order, as TFLite's RESHAPE does) and multiplies by [units, inputs].
class Dense : public Layer {
 public:
  Dense(int inputs, int units);
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override;
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  std::vector<Param*> Params() override { return {&w, &b}; }
  void Init(Rng& rng);

  int inputs, units;
  Param w, b;
};

enum class PoolKind { kMax, kAverage };

// VALID padding over a kh x kw window moved by (sh, sw); kh == 0 pools the whole plane (global).
class Pool2D : public Layer {
 public:
  Pool2D(PoolKind kind, int kh, int kw, int sh, int sw) : kind(kind), kh(kh), kw(kw), sh(sh), sw(sw) {}
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override;
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  bool global() const { return kh == 0; }
  int KernelH(const SampleShape& in) const { return global() ? in.h : kh; }
  int KernelW(const SampleShape& in) const { return global() ? in.w : kw; }
  int StrideH(const SampleShape& in) const { return global() ? in.h : sh; }
  int StrideW(const SampleShape& in) const { return global() ? in.w : sw; }

  PoolKind kind;
  int kh, kw, sh, sw;

 private:
  std::vector<int> argmax_;  // max pooling: input index of each output
};

// Per-channel normalization with batch statistics while training and running averages after;
// export folds it into the convolution or dense layer before it.
class BatchNorm : public Layer {
 public:
  explicit BatchNorm(int channels, float momentum = 0.9f, float epsilon = 1e-3f);
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override;
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  std::vector<Param*> Params() override { return {&gamma, &beta}; }

  int channels;
  float momentum, epsilon;
  Param gamma, beta;
  std::vector<float> running_mean, running_var;

 private:
  std::vector<float> mean_, inv_std_;  // of the last training batch
  bool last_training_ = false;
};

// max(0, x), or min(max(0, x), 6) when `cap6`.
class Relu : public Layer {
 public:
  explicit Relu(bool cap6) : cap6(cap6) {}
  std::string Describe() const override { return cap6 ? "relu6" : "relu"; }
  SampleShape OutputShape(const SampleShape& in) const override { return in; }
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  bool cap6;
};

// Inverted dropout: zeroes a fraction `rate` while training and scales the rest by 1/(1-rate).
class Dropout : public Layer {
 public:
  explicit Dropout(float rate) : rate(rate), rng_(1) {}
  std::string Describe() const override;
  SampleShape OutputShape(const SampleShape& in) const override { return in; }
  void Forward(const Batch& in, Batch* out, bool training) override;
  void Backward(const Batch& in, const Batch& out, const Batch& dout, Batch* din) override;
  void Reseed(uint32_t seed) override { rng_ = Rng(seed); }
  float rate;

 private:
  Rng rng_;
  std::vector<float> mask_;
};

// Softmax cross-entropy over logits [n, classes]; returns the mean loss and writes
// d(mean loss)/d(logits) into `dlogits` when it is not null.
float SoftmaxCrossEntropy(const Batch& logits, const int* labels, Batch* dlogits);

}  // namespace mote::train
