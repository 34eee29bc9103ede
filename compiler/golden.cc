#include "compiler/golden.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/host_model.h"
#include "compiler/io.h"

namespace mote {
namespace fs = std::filesystem;

bool GoldenModelResult::passed() const {
  if (!error.empty() || cases.empty()) return false;
  return std::all_of(cases.begin(), cases.end(), [](const auto& c) { return c.passed; });
}

std::vector<std::string> ListModelFolders(const std::string& root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory() && fs::exists(e.path() / "manifest.json")) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

std::string CompareExact(const Tensor& t, const std::vector<uint8_t>& golden) {
  const auto* got = static_cast<const uint8_t*>(t.data);
  const size_t esize = DTypeSize(t.type);
  for (size_t i = 0; i < golden.size(); i += esize)
    if (std::memcmp(got + i, golden.data() + i, esize) != 0) {
      int64_t g = 0, e = 0;
      std::memcpy(&g, got + i, esize);
      std::memcpy(&e, golden.data() + i, esize);
      const int shift = 64 - 8 * static_cast<int>(esize);  // sign-extend
      g = static_cast<int64_t>(static_cast<uint64_t>(g) << shift) >> shift;
      e = static_cast<int64_t>(static_cast<uint64_t>(e) << shift) >> shift;
      size_t bad = 0;
      for (size_t j = 0; j < golden.size(); j += esize) bad += std::memcmp(got + j, golden.data() + j, esize) != 0;
      return fmt::format("element {}: got {}, golden {} ({} of {} elements differ)", i / esize, g, e, bad,
                         golden.size() / esize);
    }
  return "";
}

std::string CompareClose(const Tensor& t, const std::vector<uint8_t>& golden, double rtol, double atol) {
  const float* got = static_cast<const float*>(t.data);
  const size_t n = golden.size() / 4;
  std::vector<float> g(n);
  std::memcpy(g.data(), golden.data(), n * 4);
  for (size_t i = 0; i < n; ++i) {
    const double diff = std::fabs(static_cast<double>(got[i]) - g[i]);
    if (!(diff <= atol + rtol * std::fabs(g[i])))
      return fmt::format("element {}: got {}, golden {} (|diff| {:.3g} > atol {:.3g} + rtol*|golden|)", i, got[i],
                         g[i], diff, atol);
  }
  return "";
}

}  // namespace

GoldenModelResult RunGoldenFolder(const std::string& folder) {
  GoldenModelResult r;
  r.id = fs::path(folder).filename().string();
  nlohmann::json manifest;
  try {
    std::ifstream f(fs::path(folder) / "manifest.json");
    manifest = nlohmann::json::parse(f);
  } catch (const std::exception& e) {
    r.error = fmt::format("manifest.json: {}", e.what());
    return r;
  }
  std::string error;
  auto model = HostModel::Load((fs::path(folder) / "model.tflite").string(), &error);
  if (!model) {
    r.error = error;
    return r;
  }
  Interpreter& interp = model->interpreter();
  const auto& compare = manifest["compare"];
  const bool exact = compare.value("mode", "exact") == "exact";
  const double rtol = compare.value("rtol", 0.0);
  double atol = compare.value("atol", 0.0);

  // Goldens first: the float tolerance scales with the largest golden over all cases.
  std::vector<std::vector<std::vector<uint8_t>>> goldens;
  double largest = 1.0;
  for (const auto& c : manifest["cases"]) {
    goldens.emplace_back();
    for (const auto& name : c["outputs"]) {
      TensorFile tf;
      if (!ReadTensorFile((fs::path(folder) / name.get<std::string>()).string(), &tf, &error)) {
        r.error = error;
        return r;
      }
      goldens.back().push_back(std::move(tf.bytes));
      if (!exact) {
        const auto& b = goldens.back().back();
        for (size_t i = 0; i + 4 <= b.size(); i += 4) {
          float v;
          std::memcpy(&v, b.data() + i, 4);
          largest = std::max(largest, static_cast<double>(std::fabs(v)));
        }
      }
    }
  }
  atol *= largest;

  int k = 0;
  for (const auto& c : manifest["cases"]) {
    GoldenCaseResult cr;
    cr.case_index = k;
    interp.ResetState();
    bool ok = true;
    int i = 0;
    for (const auto& name : c["inputs"]) {
      TensorFile tf;
      ok = ReadTensorFile((fs::path(folder) / name.get<std::string>()).string(), &tf, &error) &&
           model->SetInput(i++, tf.bytes, &error);
      if (!ok) break;
    }
    if (ok) ok = model->Invoke(&error);
    if (!ok) {
      cr.detail = error;
    } else {
      cr.passed = true;
      for (int o = 0; o < interp.num_outputs() && cr.passed; ++o) {
        const Tensor& t = *interp.output(o);
        const auto& g = goldens[k].at(o);
        std::string d;
        if (g.size() != t.Bytes())
          d = fmt::format("output {} has {} bytes, golden {}", o, t.Bytes(), g.size());
        else if (exact || t.type != DType::kFloat32)
          d = CompareExact(t, g);
        else
          d = CompareClose(t, g, rtol, atol);
        if (!d.empty()) {
          cr.passed = false;
          cr.detail = fmt::format("output {}: {}", o, d);
        }
      }
    }
    r.cases.push_back(cr);
    ++k;
  }
  return r;
}

}  // namespace mote
