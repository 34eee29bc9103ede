#include "train/data.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "compiler/io.h"

namespace mote::train {
namespace {

// Whole file through zlib, which reads plain files unchanged as well as gzip ones.
bool ReadMaybeGzip(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    *error = fmt::format("{}: cannot open", path);
    return false;
  }
  out->clear();
  uint8_t buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->insert(out->end(), buf, buf + n);
  const bool failed = n < 0;
  gzclose(f);
  if (failed) *error = fmt::format("{}: corrupt gzip stream", path);
  return !failed;
}

uint32_t BigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

std::string FindIdx(const std::string& dir, const std::string& stem) {
  for (const char* suffix : {"", ".gz"}) {
    const std::string p = dir + "/" + stem + suffix;
    if (std::filesystem::exists(p)) return p;
  }
  return dir + "/" + stem + ".gz";
}

// Element i of a .npy array as a double, for the numeric dtypes LoadNpy accepts.
bool NpyValues(const TensorFile& t, std::vector<double>* out) {
  const size_t n = [&] {
    size_t e = 1;
    for (int64_t d : t.shape) e *= static_cast<size_t>(d);
    return e;
  }();
  out->resize(n);
  auto copy = [&](auto sample) {
    using T = decltype(sample);
    if (t.bytes.size() != n * sizeof(T)) return false;
    for (size_t i = 0; i < n; ++i) {
      T v;
      std::memcpy(&v, t.bytes.data() + i * sizeof(T), sizeof(T));
      (*out)[i] = static_cast<double>(v);
    }
    return true;
  };
  if (t.dtype == "float32") return copy(float{});
  if (t.dtype == "float64") return copy(double{});
  if (t.dtype == "int8") return copy(int8_t{});
  if (t.dtype == "uint8") return copy(uint8_t{});
  if (t.dtype == "int16") return copy(int16_t{});
  if (t.dtype == "int32") return copy(int32_t{});
  if (t.dtype == "int64") return copy(int64_t{});
  return false;
}

// Labels must be whole numbers >= 0; classes = largest + 1.
bool SetLabels(const std::vector<double>& labels, const std::string& what, Dataset* out, std::string* error) {
  out->y.resize(labels.size());
  out->classes = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    const double l = labels[i];
    if (!(l >= 0 && l < 65536 && l == std::floor(l))) {
      *error = fmt::format("{}: label {} of sample {} is not a class index (0, 1, 2, ...)", what, l, i);
      return false;
    }
    out->y[i] = static_cast<int>(l);
    out->classes = std::max(out->classes, out->y[i] + 1);
  }
  if (out->classes < 2) {
    *error = fmt::format("{}: needs at least two classes", what);
    return false;
  }
  return true;
}

}  // namespace

const char* FashionMnistClassName(int c) {
  static const char* const kNames[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                       "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return c >= 0 && c < 10 ? kNames[c] : "?";
}

bool ReadIdx(const std::string& path, std::vector<int>* dims, std::vector<uint8_t>* bytes, std::string* error) {
  std::vector<uint8_t> raw;
  if (!ReadMaybeGzip(path, &raw, error)) return false;
  if (raw.size() < 4 || raw[0] != 0 || raw[1] != 0 || raw[2] != 0x08 || raw[3] < 1 || raw[3] > 4) {
    *error = fmt::format("{}: not an IDX file of unsigned bytes", path);
    return false;
  }
  const int rank = raw[3];
  if (raw.size() < 4 + 4 * static_cast<size_t>(rank)) {
    *error = fmt::format("{}: truncated IDX header", path);
    return false;
  }
  dims->clear();
  size_t count = 1;
  for (int i = 0; i < rank; ++i) {
    const uint32_t d = BigEndian32(raw.data() + 4 + 4 * i);
    if (d == 0 || d > (1u << 24)) {
      *error = fmt::format("{}: implausible dimension {}", path, d);
      return false;
    }
    dims->push_back(static_cast<int>(d));
    count *= d;
  }
  const size_t header = 4 + 4 * static_cast<size_t>(rank);
  if (raw.size() != header + count) {
    *error = fmt::format("{}: {} data bytes, the header says {}", path, raw.size() - header, count);
    return false;
  }
  bytes->assign(raw.begin() + static_cast<std::ptrdiff_t>(header), raw.end());
  return true;
}

bool LoadFashionMnist(const std::string& dir, bool train_split, Dataset* out, std::string* error) {
  const std::string split = train_split ? "train" : "t10k";
  std::vector<int> idims, ldims;
  std::vector<uint8_t> images, labels;
  if (!ReadIdx(FindIdx(dir, split + "-images-idx3-ubyte"), &idims, &images, error)) {
    *error += " (Fashion-MNIST: install the Debian package dataset-fashion-mnist)";
    return false;
  }
  if (!ReadIdx(FindIdx(dir, split + "-labels-idx1-ubyte"), &ldims, &labels, error)) return false;
  if (idims.size() != 3 || ldims.size() != 1 || idims[0] != ldims[0]) {
    *error = fmt::format("{}: {} images and labels do not match", dir, split);
    return false;
  }
  out->shape = {idims[1], idims[2], 1};
  out->x.resize(images.size());
  for (size_t i = 0; i < images.size(); ++i) out->x[i] = static_cast<float>(images[i]) / 255.0f;
  const std::vector<double> l(labels.begin(), labels.end());
  if (!SetLabels(l, dir, out, error)) return false;
  out->classes = 10;
  out->class_names.clear();
  for (int c = 0; c < 10; ++c) out->class_names.push_back(FashionMnistClassName(c));
  return true;
}

bool LoadNpy(const std::string& x_path, const std::string& y_path, Dataset* out, std::string* error) {
  TensorFile xt, yt;
  if (!ReadTensorFile(x_path, &xt, error) || !ReadTensorFile(y_path, &yt, error)) return false;
  std::vector<double> xv, yv;
  if (!NpyValues(xt, &xv)) {
    *error = fmt::format("{}: dtype '{}' is not a number type mote reads", x_path, xt.dtype);
    return false;
  }
  if (!NpyValues(yt, &yv)) {
    *error = fmt::format("{}: dtype '{}' is not a number type mote reads", y_path, yt.dtype);
    return false;
  }
  const auto& s = xt.shape;
  if (s.size() < 2 || s.size() > 4 || s[0] <= 0) {
    *error = fmt::format("{}: expected [N, T], [N, T, C] or [N, H, W, C], got rank {}", x_path, s.size());
    return false;
  }
  if (s.size() == 2) out->shape = {1, static_cast<int>(s[1]), 1};
  if (s.size() == 3) out->shape = {1, static_cast<int>(s[1]), static_cast<int>(s[2])};
  if (s.size() == 4) out->shape = {static_cast<int>(s[1]), static_cast<int>(s[2]), static_cast<int>(s[3])};
  if (static_cast<int64_t>(yv.size()) != s[0]) {
    *error = fmt::format("{}: {} labels for {} samples in {}", y_path, yv.size(), s[0], x_path);
    return false;
  }
  out->x.assign(xv.begin(), xv.end());
  for (float v : out->x)
    if (!std::isfinite(v)) {
      *error = fmt::format("{}: contains NaN or infinity", x_path);
      return false;
    }
  out->class_names.clear();
  return SetLabels(yv, y_path, out, error);
}

bool LoadCsv(const std::string& path, int channels, Dataset* out, std::string* error) {
  std::ifstream f(path);
  if (!f) {
    *error = fmt::format("{}: cannot open", path);
    return false;
  }
  if (channels < 1) {
    *error = "CSV: channels must be >= 1";
    return false;
  }
  std::vector<double> labels;
  out->x.clear();
  std::string line;
  int width = -1, line_no = 0;
  while (std::getline(f, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::vector<double> fields;
    std::stringstream ss(line);
    std::string field;
    bool numeric = true;
    while (std::getline(ss, field, ',')) {
      char* end = nullptr;
      const double v = std::strtod(field.c_str(), &end);
      while (end && (*end == ' ' || *end == '\r' || *end == '\t')) ++end;
      if (end == field.c_str() || (end && *end) || !std::isfinite(v)) numeric = false;
      fields.push_back(v);
    }
    if (!numeric && labels.empty() && width < 0) continue;  // a header line
    if (!numeric) {
      *error = fmt::format("{}:{}: a field is not a finite number", path, line_no);
      return false;
    }
    if (width < 0) width = static_cast<int>(fields.size());
    if (static_cast<int>(fields.size()) != width || width < 2) {
      *error = fmt::format("{}:{}: {} fields, expected {} (label + values)", path, line_no, fields.size(), width);
      return false;
    }
    labels.push_back(fields[0]);
    out->x.insert(out->x.end(), fields.begin() + 1, fields.end());
  }
  if (labels.empty()) {
    *error = fmt::format("{}: no data lines", path);
    return false;
  }
  if ((width - 1) % channels != 0) {
    *error = fmt::format("{}: {} values a line do not split into {} channels", path, width - 1, channels);
    return false;
  }
  out->shape = {1, (width - 1) / channels, channels};
  out->class_names.clear();
  return SetLabels(labels, path, out, error);
}

bool LoadDataset(const std::string& spec, const std::string& labels, int channels, bool train_split, Dataset* out,
                 std::string* error) {
  if (spec == "fashion-mnist" || spec.rfind("fashion-mnist:", 0) == 0) {
    const std::string dir = spec.size() > 14 ? spec.substr(14) : kFashionMnistDir;
    return LoadFashionMnist(dir, train_split, out, error);
  }
  auto ends_with = [&](const char* s) {
    const size_t n = std::strlen(s);
    return spec.size() >= n && spec.compare(spec.size() - n, n, s) == 0;
  };
  if (ends_with(".npy")) {
    if (labels.empty()) {
      *error = fmt::format("{}: .npy data needs --labels LABELS.npy", spec);
      return false;
    }
    return LoadNpy(spec, labels, out, error);
  }
  if (ends_with(".csv")) return LoadCsv(spec, channels, out, error);
  *error = fmt::format("unknown data '{}': use fashion-mnist[:DIR], X.npy --labels Y.npy, or FILE.csv", spec);
  return false;
}

}  // namespace mote::train
