#include "train/network.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

namespace mote::train {

// ---- Network --------------------------------------------------------------------------------

bool Network::Add(std::unique_ptr<Layer> layer, std::string* error) {
  const SampleShape in = output();
  const SampleShape out = layer->OutputShape(in);
  if (out.h == 0) {
    *error = fmt::format("layer {} ({}) does not fit its input {}x{}x{}", layers_.size(), layer->Describe(), in.h,
                         in.w, in.c);
    return false;
  }
  layers_.push_back(std::move(layer));
  shapes_.push_back(out);
  return true;
}

std::vector<Param*> Network::Params() {
  std::vector<Param*> all;
  for (auto& l : layers_)
    for (Param* p : l->Params()) all.push_back(p);
  return all;
}

int64_t Network::ParameterCount() {
  int64_t n = 0;
  for (Param* p : Params()) n += static_cast<int64_t>(p->value.size());
  return n;
}

void Network::Init(uint32_t seed) {
  Rng rng(seed);
  for (auto& l : layers_) {
    if (auto* c = dynamic_cast<Conv2D*>(l.get())) c->Init(rng);
    if (auto* d = dynamic_cast<DepthwiseConv2D*>(l.get())) d->Init(rng);
    if (auto* d = dynamic_cast<Dense*>(l.get())) d->Init(rng);
  }
}

const Batch& Network::Forward(const Batch& in, bool training) {
  acts_.resize(layers_.size() + 1);
  acts_[0] = in;
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->Forward(acts_[i], &acts_[i + 1], training);
  return acts_.back();
}

float Network::Backward(const int* labels) {
  grads_.resize(layers_.size() + 1);
  const float loss = SoftmaxCrossEntropy(acts_.back(), labels, &grads_.back());
  for (size_t i = layers_.size(); i-- > 0;)
    layers_[i]->Backward(acts_[i], acts_[i + 1], grads_[i + 1], i == 0 ? nullptr : &grads_[i]);
  return loss;
}

void Network::Reseed(uint32_t seed) {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->Reseed(seed * 2654435761u + static_cast<uint32_t>(i));
}

std::vector<std::vector<float>> Network::Snapshot() {
  std::vector<std::vector<float>> s;
  for (Param* p : Params()) s.push_back(p->value);
  for (auto& l : layers_)
    if (auto* bn = dynamic_cast<BatchNorm*>(l.get())) {
      s.push_back(bn->running_mean);
      s.push_back(bn->running_var);
    }
  return s;
}

void Network::Restore(const std::vector<std::vector<float>>& s) {
  size_t i = 0;
  for (Param* p : Params()) p->value = s[i++];
  for (auto& l : layers_)
    if (auto* bn = dynamic_cast<BatchNorm*>(l.get())) {
      bn->running_mean = s[i++];
      bn->running_var = s[i++];
    }
}

// ---- architectures --------------------------------------------------------------------------

namespace {

using LayerPtr = std::unique_ptr<Layer>;

// Appends layers while tracking the channel count; stops at the first error.
struct Builder {
  Network* net;
  std::string* error;
  bool ok = true;

  int channels() const { return net->output().c; }
  void Add(LayerPtr l) {
    if (ok) ok = net->Add(std::move(l), error);
  }
  // conv + batch norm + activation, the block that export fuses into one CONV_2D.
  void ConvBnRelu(int out_c, int kh, int kw, int stride, bool relu6 = false) {
    Add(std::make_unique<Conv2D>(channels(), out_c, kh, kw, stride, Padding::kSame));
    Add(std::make_unique<BatchNorm>(out_c));
    Add(std::make_unique<Relu>(relu6));
  }
  void DepthwiseBnRelu(int k, int stride, bool relu6 = false) {
    Add(std::make_unique<DepthwiseConv2D>(channels(), k, k == 1 ? 1 : k, stride, Padding::kSame));
    Add(std::make_unique<BatchNorm>(channels()));
    Add(std::make_unique<Relu>(relu6));
  }
  void DepthwiseRowBnRelu(int kw) {
    Add(std::make_unique<DepthwiseConv2D>(channels(), 1, kw, 1, Padding::kSame));
    Add(std::make_unique<BatchNorm>(channels()));
    Add(std::make_unique<Relu>(false));
  }
  void MaxPool(int kh, int kw) { Add(std::make_unique<Pool2D>(PoolKind::kMax, kh, kw, kh, kw)); }
  void GlobalAverage() { Add(std::make_unique<Pool2D>(PoolKind::kAverage, 0, 0, 0, 0)); }
  void Dropout(float rate) { Add(std::make_unique<train::Dropout>(rate)); }
  void Dense(int units) { Add(std::make_unique<train::Dense>(net->output().size(), units)); }
  void DenseRelu(int units) {
    Dense(units);
    Add(std::make_unique<Relu>(false));
  }
};

struct Architecture {
  const char* name;
  const char* description;
  void (*build)(Builder& b, int classes);
};

const Architecture kArchitectures[] = {
    {"mlp", "dense 64 + ReLU, dropout 0.2, dense (flattens any input)",
     [](Builder& b, int classes) {
       b.DenseRelu(64);
       b.Dropout(0.2f);
       b.Dense(classes);
     }},
    {"cnn", "conv3x3x16+BN+ReLU, maxpool 2, conv3x3x32+BN+ReLU, maxpool 2, dropout 0.25, dense (images)",
     [](Builder& b, int classes) {
       b.ConvBnRelu(16, 3, 3, 1);
       b.MaxPool(2, 2);
       b.ConvBnRelu(32, 3, 3, 1);
       b.MaxPool(2, 2);
       b.Dropout(0.25f);
       b.Dense(classes);
     }},
    {"tiny-cnn", "conv3x3x8+BN+ReLU stride 2, maxpool 2, dense (images; quick tests)",
     [](Builder& b, int classes) {
       b.ConvBnRelu(8, 3, 3, 2);
       b.MaxPool(2, 2);
       b.Dense(classes);
     }},
    {"ds-cnn", "conv3x3x16 stride 2, then depthwise3x3 + conv1x1 blocks (32, 64) with BN+ReLU6, global average "
               "pool, dense (images)",
     [](Builder& b, int classes) {
       b.ConvBnRelu(16, 3, 3, 2, true);
       b.DepthwiseBnRelu(3, 1, true);
       b.ConvBnRelu(32, 1, 1, 1, true);
       b.DepthwiseBnRelu(3, 2, true);
       b.ConvBnRelu(64, 1, 1, 1, true);
       b.GlobalAverage();
       b.Dense(classes);
     }},
    {"conv1d", "1x5 conv x16 + BN + ReLU, maxpool 1x2, 1x5 depthwise + 1x1 conv x32, global average pool, "
               "dense (sensor windows, 1 x T x C)",
     [](Builder& b, int classes) {
       b.ConvBnRelu(16, 1, 5, 1);
       b.MaxPool(1, 2);
       b.DepthwiseRowBnRelu(5);
       b.ConvBnRelu(32, 1, 1, 1);
       b.GlobalAverage();
       b.Dense(classes);
     }},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> ArchitectureList() {
  std::vector<std::pair<std::string, std::string>> list;
  for (const auto& a : kArchitectures) list.emplace_back(a.name, a.description);
  return list;
}

bool BuildArchitecture(const std::string& name, SampleShape input, int classes, Network* net, std::string* error) {
  for (const auto& a : kArchitectures) {
    if (name != a.name) continue;
    *net = Network(input, classes);
    Builder b{net, error};
    a.build(b, classes);
    if (!b.ok) *error = fmt::format("architecture '{}' on {}x{}x{} input: {}", name, input.h, input.w, input.c, *error);
    return b.ok;
  }
  std::string names;
  for (const auto& a : kArchitectures) names += std::string(names.empty() ? "" : ", ") + a.name;
  *error = fmt::format("unknown architecture '{}' (one of: {})", name, names);
  return false;
}

// ---- optimizers -----------------------------------------------------------------------------

namespace {

class Optimizer {
 public:
  Optimizer(const TrainOptions& o, const std::vector<Param*>& params) : o_(o) {
    for (Param* p : params) {
      m_.emplace_back(p->value.size(), 0.0f);
      v_.emplace_back(p->value.size(), 0.0f);
    }
  }

  void Step(const std::vector<Param*>& params, float lr) {
    ++t_;
    const bool adam = o_.optimizer == "adam";
    const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    const float c1 = 1.0f - std::pow(b1, static_cast<float>(t_)), c2 = 1.0f - std::pow(b2, static_cast<float>(t_));
    for (size_t k = 0; k < params.size(); ++k) {
      Param& p = *params[k];
      const float decay = p.decay ? o_.weight_decay : 0.0f;
      for (size_t i = 0; i < p.value.size(); ++i) {
        const float g = p.grad[i] + decay * p.value[i];
        if (adam) {
          m_[k][i] = b1 * m_[k][i] + (1.0f - b1) * g;
          v_[k][i] = b2 * v_[k][i] + (1.0f - b2) * g * g;
          p.value[i] -= lr * (m_[k][i] / c1) / (std::sqrt(v_[k][i] / c2) + eps);
        } else {
          m_[k][i] = o_.momentum * m_[k][i] - lr * g;
          p.value[i] += m_[k][i];
        }
      }
    }
  }

 private:
  const TrainOptions& o_;
  std::vector<std::vector<float>> m_, v_;  // Adam's moments; SGD's velocity in m_
  int64_t t_ = 0;
};

int ArgMax(const float* v, int n) { return static_cast<int>(std::max_element(v, v + n) - v); }

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void GatherBatch(const Dataset& data, const std::vector<int>& indices, int begin, int end, Batch* x,
                 std::vector<int>* labels) {
  x->Resize(end - begin, data.shape);
  labels->resize(end - begin);
  for (int i = begin; i < end; ++i) {
    std::copy_n(data.sample(indices[i]), data.shape.size(), x->sample(i - begin));
    (*labels)[i - begin] = data.y[indices[i]];
  }
}

EvalResult Evaluate(Network& net, const Dataset& data, const std::vector<int>& indices_in, int batch) {
  std::vector<int> indices = indices_in;
  if (indices.empty()) {
    indices.resize(data.size());
    for (int i = 0; i < data.size(); ++i) indices[i] = i;
  }
  EvalResult r;
  double loss = 0;
  int correct = 0;
  Batch x;
  std::vector<int> labels;
  const int n = static_cast<int>(indices.size());
  for (int start = 0; start < n; start += batch) {
    const int end = std::min(n, start + batch);
    GatherBatch(data, indices, start, end, &x, &labels);
    const Batch& logits = net.Forward(x, false);
    loss += SoftmaxCrossEntropy(logits, labels.data(), nullptr) * (end - start);
    for (int i = 0; i < end - start; ++i) {
      const int p = ArgMax(logits.sample(i), logits.s.size());
      r.predictions.push_back(p);
      correct += p == labels[i];
    }
  }
  r.loss = n ? static_cast<float>(loss / n) : 0.0f;
  r.accuracy = n ? static_cast<float>(correct) / static_cast<float>(n) : 0.0f;
  return r;
}

bool Train(Network& net, const Dataset& data, const TrainOptions& o, const TrainCallbacks& cb, TrainResult* result,
           std::string* error) {
  if (!(net.input() == data.shape) || net.output().size() != data.classes) {
    *error = fmt::format("network ({}x{}x{} -> {}) does not match the data ({}x{}x{}, {} classes)", net.input().h,
                         net.input().w, net.input().c, net.output().size(), data.shape.h, data.shape.w, data.shape.c,
                         data.classes);
    return false;
  }
  if (o.epochs < 1 || o.batch < 1 || o.validation_fraction < 0.0f || o.validation_fraction >= 1.0f) {
    *error = "training options: epochs and batch must be >= 1, validation fraction in [0, 1)";
    return false;
  }
  if (o.optimizer != "adam" && o.optimizer != "sgd") {
    *error = fmt::format("unknown optimizer '{}' (adam or sgd)", o.optimizer);
    return false;
  }
  const auto start = std::chrono::steady_clock::now();
  Rng rng(o.seed);
  std::vector<int> all(data.size());
  for (int i = 0; i < data.size(); ++i) all[i] = i;
  rng.Shuffle(all);
  const int val_count = static_cast<int>(o.validation_fraction * static_cast<float>(data.size()));
  const std::vector<int> val(all.begin(), all.begin() + val_count);
  std::vector<int> train(all.begin() + val_count, all.end());
  if (train.empty()) {
    *error = "no training samples left after the validation split";
    return false;
  }
  net.Init(o.seed);
  const std::vector<Param*> params = net.Params();
  Optimizer opt(o, params);
  const float base_lr = o.learning_rate > 0 ? o.learning_rate : (o.optimizer == "adam" ? 1e-3f : 0.05f);
  const int n = static_cast<int>(train.size());
  const int steps_per_epoch = (n + o.batch - 1) / o.batch, total_steps = steps_per_epoch * o.epochs;
  std::vector<std::vector<float>> best;
  *result = TrainResult();
  result->best_val_accuracy = -1.0f;
  Batch x;
  std::vector<int> labels;
  int step = 0;
  for (int e = 1; e <= o.epochs; ++e) {
    const auto epoch_start = std::chrono::steady_clock::now();
    rng.Shuffle(train);
    double loss_sum = 0;
    int correct = 0;
    for (int b = 0; b < steps_per_epoch; ++b, ++step) {
      const int begin = b * o.batch, end = std::min(n, begin + o.batch);
      GatherBatch(data, train, begin, end, &x, &labels);
      net.Reseed(o.seed + static_cast<uint32_t>(step));
      const Batch& logits = net.Forward(x, true);
      for (int i = 0; i < end - begin; ++i) correct += ArgMax(logits.sample(i), logits.s.size()) == labels[i];
      const float loss = net.Backward(labels.data());
      loss_sum += static_cast<double>(loss) * (end - begin);
      const float progress = static_cast<float>(step) / static_cast<float>(total_steps);
      const float lr = o.cosine_decay ? base_lr * (0.05f + 0.95f * 0.5f * (1.0f + std::cos(3.14159265f * progress)))
                                      : base_lr;
      opt.Step(params, lr);
      if (cb.progress && (b % 16 == 15 || b + 1 == steps_per_epoch))
        cb.progress(e, end, n, static_cast<float>(loss_sum / end));
    }
    EpochStats s;
    s.epoch = e;
    s.train_loss = static_cast<float>(loss_sum / n);
    s.train_accuracy = static_cast<float>(correct) / static_cast<float>(n);
    if (!val.empty()) {
      const EvalResult v = Evaluate(net, data, val);
      s.val_loss = v.loss;
      s.val_accuracy = v.accuracy;
    }
    s.seconds = static_cast<float>(Seconds(epoch_start));
    result->epochs.push_back(s);
    const bool better = val.empty() || s.val_accuracy > result->best_val_accuracy;
    if (better) {
      result->best_epoch = e;
      result->best_val_accuracy = s.val_accuracy;
      best = net.Snapshot();
    }
    if (cb.epoch_done) cb.epoch_done(s);
  }
  net.Restore(best);
  result->seconds = static_cast<float>(Seconds(start));
  return true;
}

}  // namespace mote::train
