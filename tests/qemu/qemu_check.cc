// Host side of the QEMU tests: runs a bare-metal ELF through scripts/qemu_run.sh, parses its
// `KEY value` lines and checks them.
//   qemu_check --runner R --board B --elf E --calib             timer calibration
//   qemu_check --runner R --board B --elf E --model-dir D       goldens (manifest compare rule)
// Options: --runs N (run N times, all outputs must be byte-identical: the repeatability test),
// --timeout S, --cases N (the ELF embeds only the first N golden cases: compare those and
// require the program to report exactly N), --baseline tflm_cmsisnn_qemu.json --core cortex-m4 (print mote / TFLM ratios;
// for exact models the LCG-input output_hash must equal TFLM's).
// Exit: 0 pass, 1 fail, 77 skipped (ELF not built because the cross toolchain is missing, or
// QEMU not installed).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

constexpr int kSkip = 77;

struct Options {
  std::string runner, board, elf, model_dir, baseline, core;
  bool calib = false;
  int runs = 1;
  int cases = -1;  // golden cases the ELF runs; -1: every case in the model folder
  int timeout = 120;
};

struct Run {
  std::string output;
  int status = -1;
};

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

Run RunQemu(const Options& o) {
  Run r;
  const std::string cmd =
      "'" + o.runner + "' '" + o.board + "' '" + o.elf + "' " + std::to_string(o.timeout);
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.output.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  return r;
}

// KEY value lines in order (keys repeat in the calibration output).
std::vector<std::pair<std::string, std::string>> Parse(const std::string& out) {
  std::vector<std::pair<std::string, std::string>> kv;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    const size_t sp = line.find(' ');
    if (sp == std::string::npos) continue;
    kv.emplace_back(line.substr(0, sp), line.substr(sp + 1));
  }
  return kv;
}

std::string Get(const std::vector<std::pair<std::string, std::string>>& kv, const std::string& key) {
  for (const auto& [k, v] : kv)
    if (k == key) return v;
  return "";
}

std::vector<uint8_t> FromHex(const std::string& hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

int CheckCalib(const std::vector<std::pair<std::string, std::string>>& kv) {
  const double hz = std::stod(Get(kv, "timer_hz"));
  const double per_tick = 1e9 / hz;
  int checked = 0;
  bool ok = true;
  uint64_t n = 0, ticks = 0;
  std::printf("%12s %12s %16s %14s %12s\n", "N", "ticks", "ticks x i/tick", "expected 2N+2",
              "error ticks");
  for (const auto& [k, v] : kv) {
    if (k == "calib_n") n = std::stoull(v);
    if (k == "calib_ticks") ticks = std::stoull(v);
    if (k == "calib_expected") {
      const double measured = static_cast<double>(ticks) * per_tick;
      const double expected = std::stod(v);
      const double err = (measured - expected) / per_tick;
      // Within the timer resolution: the interval also holds part of the two timer reads
      // (about 20 instructions, below one tick), so the error is in (-1, +1] ticks.
      const bool within = err > -1.0 && err <= 1.0;
      std::printf("%12llu %12llu %16.2f %14.0f %12.3f %s\n", static_cast<unsigned long long>(n),
                  static_cast<unsigned long long>(ticks), measured, expected, err,
                  within ? "ok" : "OUT OF RANGE");
      ok = ok && within;
      ++checked;
    }
  }
  const std::string selftest = Get(kv, "fpu_selftest");
  std::printf("fpu_units %s, fpu_selftest %s\n", Get(kv, "fpu_units").c_str(), selftest.c_str());
  if (selftest != "ok") ok = false;
  if (checked < 4) {
    std::printf("FAIL: expected 4 calibration points, got %d\n", checked);
    return 1;
  }
  std::printf("%s: %g instructions per tick (timer %s at %g Hz)\n", ok ? "PASS" : "FAIL", per_tick,
              Get(kv, "timer").c_str(), hz);
  return ok ? 0 : 1;
}

int CheckGoldens(const Options& o, const std::vector<std::pair<std::string, std::string>>& kv) {
  std::ifstream mf(o.model_dir + "/manifest.json");
  if (!mf) {
    std::printf("FAIL: %s/manifest.json not readable\n", o.model_dir.c_str());
    return 1;
  }
  const nlohmann::json manifest = nlohmann::json::parse(mf);
  const std::string mode = manifest["compare"]["mode"];
  const double rtol = manifest["compare"].value("rtol", 0.0);
  const double atol = manifest["compare"].value("atol", 0.0);
  const auto& outputs = manifest["outputs"];
  int num_cases = 0;
  while (Exists(o.model_dir + "/case" + std::to_string(num_cases) + "_out0.bin")) ++num_cases;
  if (o.cases >= 0) num_cases = std::min(num_cases, o.cases);
  if (Get(kv, "cases") != std::to_string(num_cases)) {
    std::printf("FAIL: the program ran %s golden cases, expected %d\n", Get(kv, "cases").c_str(),
                num_cases);
    return 1;
  }
  // The goldens' float rule (../shared/models/README.md, compiler/golden.cc): atol scales with
  // max(1, the largest |golden| over every case).
  double largest = 1.0;
  for (int k = 0; k < num_cases && mode == "allclose"; ++k)
    for (size_t j = 0; j < outputs.size(); ++j) {
      if (outputs[j]["dtype"] != "float32") continue;
      const std::vector<uint8_t> golden =
          ReadFile(o.model_dir + "/case" + std::to_string(k) + "_out" + std::to_string(j) + ".bin");
      for (size_t i = 0; i + 4 <= golden.size(); i += 4) {
        float g;
        std::memcpy(&g, &golden[i], 4);
        largest = std::max(largest, static_cast<double>(std::fabs(g)));
      }
    }
  const double atol_scaled = atol * largest;
  bool ok = true;
  int compared = 0;
  for (int k = 0; k < num_cases; ++k) {
    for (size_t j = 0; j < outputs.size(); ++j) {
      const std::string key = "case" + std::to_string(k) + "_out" + std::to_string(j);
      const std::vector<uint8_t> golden = ReadFile(o.model_dir + "/" + key + ".bin");
      const std::vector<uint8_t> got = FromHex(Get(kv, key));
      std::string verdict = "bit-exact";
      bool same = got == golden;
      if (!same && mode == "allclose" && outputs[j]["dtype"] == "float32" &&
          got.size() == golden.size()) {
        double worst = 0;
        same = true;
        for (size_t i = 0; i + 4 <= got.size(); i += 4) {
          float g, m;
          std::memcpy(&g, &golden[i], 4);
          std::memcpy(&m, &got[i], 4);
          const double d = std::fabs(static_cast<double>(m) - g);
          worst = std::max(worst, d);
          if (!(d <= atol_scaled + rtol * std::fabs(g))) same = false;
        }
        verdict = "allclose (max |diff| " + std::to_string(worst) + ")";
      }
      if (!same) {
        verdict = got.size() != golden.size()
                      ? "MISMATCH (" + std::to_string(got.size()) + " bytes, golden " +
                            std::to_string(golden.size()) + ")"
                      : "MISMATCH";
        ok = false;
      }
      std::printf("%s: %s\n", key.c_str(), verdict.c_str());
      ++compared;
    }
  }
  if (compared == 0) {
    std::printf("FAIL: no golden cases in %s\n", o.model_dir.c_str());
    return 1;
  }

  const char* keys[] = {"instructions_per_inference", "instructions_avg_over_n", "instructions_init",
                        "arena_used_bytes", "stack_bytes", "output_hash"};
  for (const char* key : keys) {
    const std::string v = Get(kv, key);
    if (!v.empty()) std::printf("%s %s\n", key, v.c_str());
  }
  std::ifstream flash(o.elf + ".flash");
  std::string line;
  while (std::getline(flash, line)) std::printf("%s\n", line.c_str());

  if (!o.baseline.empty() && Exists(o.baseline)) {
    std::ifstream bf(o.baseline);
    const nlohmann::json records = nlohmann::json::parse(bf);
    const std::string id = manifest["id"];
    // The CMSIS-NN -O2 record of this model and core; the reference-kernel one where there is
    // no CMSIS-NN build (RISC-V).
    const nlohmann::json* match = nullptr;
    for (const char* kernels : {"cmsis-nn", "reference"}) {
      for (const auto& r : records)
        if (match == nullptr && r["model"] == id && r["core"] == o.core && r["kernels"] == kernels &&
            r.value("opt", "-O2") == "-O2")
          match = &r;
    }
    if (match != nullptr) {
      const auto& r = *match;
      const double tflm = r["instructions_per_inference"];
      const double mote = std::stod(Get(kv, "instructions_per_inference"));
      std::printf("tflm_%s_instructions_per_inference %.0f (mote / TFLM = %.3f)\n",
                  r["kernels"].get<std::string>().c_str(), tflm, mote / tflm);
      std::printf("tflm_arena_used_bytes %d, tflm_flash_code_bytes %d, tflm_stack_bytes %d\n",
                  r["arena_used_bytes"].get<int>(), r["flash_code_bytes"].get<int>(),
                  r["stack_bytes"].get<int>());
      const std::string hash = r["output_hash"];
      const bool hash_same = hash == Get(kv, "output_hash");
      std::printf("output_hash vs TFLM (same LCG input): %s %s\n", hash.c_str(),
                  hash_same ? "same" : "DIFFERENT");
      if (!hash_same && mode == "exact") ok = false;
    }
  }
  std::printf("%s: %d outputs of %d cases compared (%s)\n", ok ? "PASS" : "FAIL", compared, num_cases,
              mode.c_str());
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--runner") o.runner = next();
    else if (a == "--board") o.board = next();
    else if (a == "--elf") o.elf = next();
    else if (a == "--model-dir") o.model_dir = next();
    else if (a == "--baseline") o.baseline = next();
    else if (a == "--core") o.core = next();
    else if (a == "--calib") o.calib = true;
    else if (a == "--runs") o.runs = std::stoi(next());
    else if (a == "--timeout") o.timeout = std::stoi(next());
    else if (a == "--cases") o.cases = std::stoi(next());
    else {
      std::fprintf(stderr, "qemu_check: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (!Exists(o.elf)) {
    std::printf("SKIP: %s was not built (cross toolchain missing? see qemu_build_%s)\n",
                o.elf.c_str(), o.board.c_str());
    return kSkip;
  }
  std::string first;
  std::vector<std::pair<std::string, std::string>> kv;
  for (int r = 0; r < o.runs; ++r) {
    const Run run = RunQemu(o);
    if (run.status == kSkip) {
      std::printf("SKIP: QEMU for %s is not installed\n%s", o.board.c_str(), run.output.c_str());
      return kSkip;
    }
    if (run.status != 0) {
      std::printf("FAIL: %s exited with status %d%s\n%s", o.elf.c_str(), run.status,
                  run.status == 124 ? " (timeout)" : "", run.output.c_str());
      return 1;
    }
    if (r == 0) {
      first = run.output;
      kv = Parse(first);
      if (Get(kv, "done") != "1") {
        std::printf("FAIL: no `done 1` line\n%s", first.c_str());
        return 1;
      }
    } else if (run.output != first) {
      std::printf("FAIL: run %d differs from run 1\n--- run 1\n%s--- run %d\n%s", r + 1,
                  first.c_str(), r + 1, run.output.c_str());
      return 1;
    }
  }
  if (o.runs > 1) std::printf("%d runs, byte-identical output\n", o.runs);
  if (o.calib) return CheckCalib(kv);
  if (!o.model_dir.empty()) return CheckGoldens(o, kv);
  std::printf("PASS\n");
  return 0;
}
