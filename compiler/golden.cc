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

std::string CompareExact(size_t esize, const uint8_t* got, const std::vector<uint8_t>& golden) {
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

std::string CompareClose(const uint8_t* got_bytes, const std::vector<uint8_t>& golden, double rtol, double atol) {
  const size_t n = golden.size() / 4;
  std::vector<float> g(n), got(n);
  std::memcpy(g.data(), golden.data(), n * 4);
  std::memcpy(got.data(), got_bytes, n * 4);
  for (size_t i = 0; i < n; ++i) {
    const double diff = std::fabs(static_cast<double>(got[i]) - g[i]);
    if (!(diff <= atol + rtol * std::fabs(g[i])))
      return fmt::format("element {}: got {}, golden {} (|diff| {:.3g} > atol {:.3g} + rtol*|golden|)", i, got[i],
                         g[i], diff, atol);
  }
  return "";
}

}  // namespace

bool LoadGoldenSet(const std::string& folder, GoldenSet* set, std::string* error) {
  *set = GoldenSet();
  set->id = fs::path(folder).filename().string();
  nlohmann::json manifest;
  try {
    std::ifstream f(fs::path(folder) / "manifest.json");
    manifest = nlohmann::json::parse(f);
  } catch (const std::exception& e) {
    *error = fmt::format("manifest.json: {}", e.what());
    return false;
  }
  const auto& compare = manifest["compare"];
  set->exact = compare.value("mode", "exact") == "exact";
  set->rtol = compare.value("rtol", 0.0);
  double largest = 1.0;  // the float tolerance scales with the largest golden over all cases
  for (const auto& c : manifest["cases"]) {
    GoldenCase gc;
    for (const auto& name : c["inputs"]) gc.input_paths.push_back((fs::path(folder) / name.get<std::string>()).string());
    for (const auto& name : c["outputs"]) {
      TensorFile tf;
      if (!ReadTensorFile((fs::path(folder) / name.get<std::string>()).string(), &tf, error)) return false;
      if (!set->exact)
        for (size_t i = 0; i + 4 <= tf.bytes.size(); i += 4) {
          float v;
          std::memcpy(&v, tf.bytes.data() + i, 4);
          largest = std::max(largest, static_cast<double>(std::fabs(v)));
        }
      gc.outputs.push_back(std::move(tf.bytes));
    }
    set->cases.push_back(std::move(gc));
  }
  set->atol = compare.value("atol", 0.0) * largest;
  return true;
}

std::string CompareOutput(const GoldenSet& set, DType type, const uint8_t* got, size_t got_bytes,
                          const std::vector<uint8_t>& golden) {
  if (got_bytes != golden.size()) return fmt::format("{} bytes, golden has {}", got_bytes, golden.size());
  if (set.exact || type != DType::kFloat32) return CompareExact(DTypeSize(type), got, golden);
  return CompareClose(got, golden, set.rtol, set.atol);
}

GoldenModelResult RunGoldenFolder(const std::string& folder) {
  GoldenModelResult r;
  GoldenSet set;
  if (!LoadGoldenSet(folder, &set, &r.error)) return r;
  r.id = set.id;
  std::string error;
  auto model = HostModel::Load((fs::path(folder) / "model.tflite").string(), &error);
  if (!model) {
    r.error = error;
    return r;
  }
  Interpreter& interp = model->interpreter();
  for (size_t k = 0; k < set.cases.size(); ++k) {
    GoldenCaseResult cr;
    cr.case_index = static_cast<int>(k);
    interp.ResetState();
    bool ok = true;
    for (size_t i = 0; i < set.cases[k].input_paths.size() && ok; ++i) {
      TensorFile tf;
      ok = ReadTensorFile(set.cases[k].input_paths[i], &tf, &error) && model->SetInput(static_cast<int>(i), tf.bytes, &error);
    }
    if (ok) ok = model->Invoke(&error);
    if (!ok) {
      cr.detail = error;
    } else {
      cr.passed = true;
      for (int o = 0; o < interp.num_outputs() && cr.passed; ++o) {
        const Tensor& t = *interp.output(o);
        if (static_cast<size_t>(o) >= set.cases[k].outputs.size()) {
          cr.passed = false;
          cr.detail = fmt::format("no golden for output {}", o);
          break;
        }
        const std::string d = CompareOutput(set, t.type, static_cast<const uint8_t*>(t.data), t.Bytes(), set.cases[k].outputs[o]);
        if (!d.empty()) {
          cr.passed = false;
          cr.detail = fmt::format("output {}: {}", o, d);
        }
      }
    }
    r.cases.push_back(cr);
  }
  return r;
}

}  // namespace mote
