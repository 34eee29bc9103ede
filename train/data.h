// Labelled training data: Fashion-MNIST from Debian's dataset-fashion-mnist (IDX files, gzipped
// or not), and sensor windows from .npy or CSV files.
#pragma once

#include <string>
#include <vector>

#include "train/core.h"

namespace mote::train {

struct Dataset {
  SampleShape shape;             // of one sample
  int classes = 0;
  std::vector<float> x;          // samples, each shape.size() floats (NHWC)
  std::vector<int> y;            // labels in [0, classes)
  std::vector<std::string> class_names;  // may be empty
  int size() const { return static_cast<int>(y.size()); }
  const float* sample(int i) const { return x.data() + static_cast<size_t>(i) * shape.size(); }
};

// Where dataset-fashion-mnist installs its files.
constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Reads an IDX file (magic 0x00000801 labels or 0x00000803 images, unsigned bytes), plain or
// gzip-compressed. `dims` gets the dimensions, `bytes` the values.
bool ReadIdx(const std::string& path, std::vector<int>* dims, std::vector<uint8_t>* bytes, std::string* error);

// Fashion-MNIST's training (60,000) or test (10,000) split from `dir`: 28 x 28 x 1 images scaled
// to [0, 1], 10 classes. Looks for "<split>-images-idx3-ubyte[.gz]" and the labels beside it.
bool LoadFashionMnist(const std::string& dir, bool train_split, Dataset* out, std::string* error);

// Sensor windows from .npy: `x_path` holds [N, T], [N, T, C] or [N, H, W, C] numbers (float32/64,
// int8/16/32/64, uint8), `y_path` N integer labels. A window of T steps becomes 1 x T x C.
bool LoadNpy(const std::string& x_path, const std::string& y_path, Dataset* out, std::string* error);

// CSV: one window a line, the label first, then T * `channels` values (time-major). Lines that
// start with '#' and a first line with non-numeric fields are skipped.
bool LoadCsv(const std::string& path, int channels, Dataset* out, std::string* error);

// Resolves a --data argument: "fashion-mnist" (or "fashion-mnist:DIR"), "X.npy" with `labels`,
// or a ".csv" file. `train_split` picks Fashion-MNIST's split.
bool LoadDataset(const std::string& spec, const std::string& labels, int channels, bool train_split, Dataset* out,
                 std::string* error);

const char* FashionMnistClassName(int c);

}  // namespace mote::train
