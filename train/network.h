// A sequential network of train/layers.h layers, the named architectures `mote train` offers,
// the optimizers and the training loop (mini-batches, validation split, best-epoch selection).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "train/data.h"
#include "train/layers.h"

namespace mote::train {

class Network {
 public:
  Network() = default;
  Network(SampleShape input, int classes) : input_(input), classes_(classes) {}

  // Appends a layer; false with `error` when its input shape does not fit.
  bool Add(std::unique_ptr<Layer> layer, std::string* error);
  SampleShape input() const { return input_; }
  SampleShape output() const { return shapes_.empty() ? input_ : shapes_.back(); }
  int classes() const { return classes_; }
  void set_classes(int c) { classes_ = c; }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }
  // Input shape of layer i (the output of layer i - 1).
  SampleShape InputOf(size_t i) const { return i == 0 ? input_ : shapes_[i - 1]; }
  std::vector<Param*> Params();
  int64_t ParameterCount();

  void Init(uint32_t seed);
  // Runs every layer; activation(i) is layer i's output afterwards (the logits for the last).
  const Batch& Forward(const Batch& in, bool training);
  // After a training Forward: gradients of the mean cross-entropy; returns the loss.
  float Backward(const int* labels);
  const Batch& activation(size_t i) const { return acts_[i + 1]; }
  void Reseed(uint32_t seed);

  // Parameter values and batch-norm statistics, to keep the best epoch.
  std::vector<std::vector<float>> Snapshot();
  void Restore(const std::vector<std::vector<float>>& s);

 private:
  SampleShape input_;
  int classes_ = 0;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<SampleShape> shapes_;
  std::vector<Batch> acts_;  // acts_[0] the input, acts_[i + 1] layer i's output
  std::vector<Batch> grads_;
};

// Names and one-line descriptions of the built-in architectures.
std::vector<std::pair<std::string, std::string>> ArchitectureList();
// Builds architecture `name` for the data's sample shape and class count.
bool BuildArchitecture(const std::string& name, SampleShape input, int classes, Network* net, std::string* error);

struct TrainOptions {
  int epochs = 10;
  int batch = 64;
  uint32_t seed = 1;
  std::string optimizer = "adam";  // "adam" or "sgd" (with momentum)
  float learning_rate = 0.0f;      // 0: 1e-3 for Adam, 0.05 for SGD
  float momentum = 0.9f;
  float weight_decay = 0.0f;       // L2, on weights only
  bool cosine_decay = true;        // learning rate follows a half cosine to 5% over the epochs
  float validation_fraction = 0.1f;
};

struct EpochStats {
  int epoch = 0;
  float train_loss = 0, train_accuracy = 0, val_loss = 0, val_accuracy = 0, seconds = 0;
};

struct TrainResult {
  std::vector<EpochStats> epochs;
  int best_epoch = 0;  // 1-based; the network holds this epoch's parameters afterwards
  float best_val_accuracy = 0;
  float seconds = 0;
};

// `progress(done, total, loss)` is called during each epoch, `epoch_done` after it.
struct TrainCallbacks {
  std::function<void(int epoch, int done, int total, float loss)> progress;
  std::function<void(const EpochStats&)> epoch_done;
};

// Splits `data` into training and validation parts (seeded), trains, keeps the best epoch by
// validation accuracy (the last epoch when there is no validation part).
bool Train(Network& net, const Dataset& data, const TrainOptions& o, const TrainCallbacks& cb, TrainResult* result,
           std::string* error);

struct EvalResult {
  float loss = 0, accuracy = 0;
  std::vector<int> predictions;
};
// Inference-mode evaluation over `indices` of `data` (every sample when empty).
EvalResult Evaluate(Network& net, const Dataset& data, const std::vector<int>& indices = {}, int batch = 256);

// Copies samples `indices[begin, end)` into a batch and their labels into `labels`.
void GatherBatch(const Dataset& data, const std::vector<int>& indices, int begin, int end, Batch* x,
                 std::vector<int>* labels);

}  // namespace mote::train
