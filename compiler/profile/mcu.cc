#include "compiler/profile/mcu.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mote::profile {
namespace {

using nlohmann::json;

// Readers for one key of an object: required keys fail when absent; "nullable" keys are
// optional and null means "not sourced". A wrong type always fails.
class Reader {
 public:
  Reader(const json& obj, std::string where, std::string* error) : obj_(obj), where_(std::move(where)), error_(error) {}

  bool ok() const { return ok_; }

  std::string String(const char* key, bool required = false) {
    const json* v = Find(key, required);
    if (v == nullptr || v->is_null()) return "";
    if (!v->is_string()) {
      Bad(key, "a string");
      return "";
    }
    return v->get<std::string>();
  }
  std::optional<double> Number(const char* key, bool required = false) {
    const json* v = Find(key, required);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      Bad(key, "a number");
      return std::nullopt;
    }
    return v->get<double>();
  }
  std::optional<int64_t> Bytes(const char* key) {
    const json* v = Find(key, false);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_number_integer() || v->get<int64_t>() < 0) {
      Bad(key, "a byte count");
      return std::nullopt;
    }
    return v->get<int64_t>();
  }
  std::vector<std::string> Strings(const char* key) {
    std::vector<std::string> out;
    const json* v = Find(key, false);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) {
      Bad(key, "an array of strings");
      return {};
    }
    for (const json& s : *v) {
      if (!s.is_string()) {
        Bad(key, "an array of strings");
        return {};
      }
      out.push_back(s.get<std::string>());
    }
    return out;
  }

 private:
  const json* Find(const char* key, bool required) {
    auto it = obj_.find(key);
    if (it == obj_.end()) {
      if (required) Fail(fmt::format("{}: missing \"{}\"", where_, key));
      return nullptr;
    }
    return &*it;
  }
  void Bad(const char* key, const char* want) { Fail(fmt::format("{}: \"{}\" must be {}", where_, key, want)); }
  void Fail(const std::string& message) {
    if (ok_) *error_ = message;
    ok_ = false;
  }

  const json& obj_;
  std::string where_;
  std::string* error_;
  bool ok_ = true;
};

bool ParseCore(const json& j, size_t index, CoreAssumption* core, std::string* error) {
  if (!j.is_object()) {
    *error = fmt::format("cores[{}] is not an object", index);
    return false;
  }
  Reader r(j, fmt::format("cores[{}]", index), error);
  core->family = r.String("family", true);
  core->profile_target = r.String("profile_target", true);
  core->cpi = r.Number("cpi", true).value_or(0);
  core->cpi_basis = r.String("cpi_basis", true);
  core->not_profiled_reason = r.String("not_profiled_reason");
  const auto range = j.find("cpi_range");
  if (r.ok() && (range == j.end() || !range->is_array() || range->size() != 2 || !(*range)[0].is_number() ||
                 !(*range)[1].is_number())) {
    *error = fmt::format("cores[{}] ({}): \"cpi_range\" must be [low, high]", index, core->family);
    return false;
  }
  if (!r.ok()) return false;
  core->cpi_low = (*range)[0].get<double>();
  core->cpi_high = (*range)[1].get<double>();
  if (!(core->cpi > 0 && core->cpi_low > 0 && core->cpi_low <= core->cpi && core->cpi <= core->cpi_high)) {
    *error = fmt::format("cores[{}] ({}): cpi must be positive and inside cpi_range", index, core->family);
    return false;
  }
  return true;
}

bool ParseMcu(const json& j, size_t index, McuSpec* m, std::string* error) {
  if (!j.is_object()) {
    *error = fmt::format("mcus[{}] is not an object", index);
    return false;
  }
  Reader r(j, fmt::format("mcus[{}]", index), error);
  m->id = r.String("id", true);
  m->name = r.String("name", true);
  m->core = r.String("core", true);
  m->core_family = r.String("core_family", true);
  m->clock_hz = r.Number("clock_hz");
  m->flash_bytes = r.Bytes("flash_bytes");
  m->flash_note = r.String("flash_note");
  m->ram_bytes = r.Bytes("ram_bytes");
  m->arena_ram_bytes = r.Bytes("arena_ram_bytes");
  m->run_current_a = r.Number("run_current_a_at_clock");
  m->run_current_clock_hz = r.Number("run_current_clock_hz");
  m->run_current_basis = r.String("run_current_basis");
  m->supply_v = r.Number("supply_v");
  m->active_power_w = r.Number("active_power_w");
  m->active_power_basis = r.String("active_power_basis");
  m->sources = r.Strings("sources");
  return r.ok();
}

std::optional<double> PercentOf(int64_t part, std::optional<int64_t> whole) {
  if (!whole || *whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(*whole);
}

}  // namespace

const CoreAssumption* McuData::FindCore(const std::string& family) const {
  for (const CoreAssumption& c : cores)
    if (c.family == family) return &c;
  return nullptr;
}

bool ParseMcuData(const std::string& json_text, McuData* out, std::string* error) {
  const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = "not valid JSON";
    return false;
  }
  if (!j.is_object() || !j.contains("cores") || !j["cores"].is_array() || !j.contains("mcus") ||
      !j["mcus"].is_array()) {
    *error = "expected an object with arrays \"cores\" and \"mcus\"";
    return false;
  }
  McuData data;
  for (size_t i = 0; i < j["cores"].size(); ++i) {
    CoreAssumption c;
    if (!ParseCore(j["cores"][i], i, &c, error)) return false;
    data.cores.push_back(c);
  }
  for (size_t i = 0; i < j["mcus"].size(); ++i) {
    McuSpec m;
    if (!ParseMcu(j["mcus"][i], i, &m, error)) return false;
    if (data.FindCore(m.core_family) == nullptr) {
      *error = fmt::format("mcus[{}] ({}): core_family '{}' has no entry in \"cores\"", i, m.id, m.core_family);
      return false;
    }
    data.mcus.push_back(m);
  }
  *out = std::move(data);
  return true;
}

bool LoadMcuData(const std::string& path, McuData* out, std::string* error) {
  std::ifstream f(path);
  if (!f) {
    *error = fmt::format("{}: cannot read the MCU data file", path);
    return false;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  if (!ParseMcuData(ss.str(), out, error)) {
    *error = fmt::format("{}: {}", path, *error);
    return false;
  }
  return true;
}

const char* FitName(Fit fit) {
  switch (fit) {
    case Fit::kFits: return "fits";
    case Fit::kTooBig: return "too_big";
    case Fit::kUnknown: return "unknown";
  }
  return "unknown";
}

FitCheck CheckFlashFit(const McuSpec& mcu, const MemoryNeed& need) {
  FitCheck c;
  c.needed_bytes = need.flash_bytes;
  if (!mcu.flash_bytes) {
    c.note = "on-chip flash size not sourced";
    return c;
  }
  if (*mcu.flash_bytes == 0) {
    c.note = "no on-chip flash" + (mcu.flash_note.empty() ? std::string() : ": " + mcu.flash_note);
    return c;
  }
  c.available_bytes = mcu.flash_bytes;
  c.margin_bytes = *mcu.flash_bytes - need.flash_bytes;
  c.margin_percent = PercentOf(*c.margin_bytes, c.available_bytes);
  c.fit = *c.margin_bytes >= 0 ? Fit::kFits : Fit::kTooBig;
  return c;
}

FitCheck CheckRamFit(const McuSpec& mcu, const MemoryNeed& need) {
  FitCheck c;
  c.needed_bytes = need.ram_bytes();
  if (mcu.arena_ram_bytes) {
    c.arena_block_bytes = mcu.arena_ram_bytes;
    c.arena_margin_bytes = *mcu.arena_ram_bytes - need.arena_bytes;
  }
  if (mcu.ram_bytes) {
    c.available_bytes = mcu.ram_bytes;
    c.margin_bytes = *mcu.ram_bytes - c.needed_bytes;
    c.margin_percent = PercentOf(*c.margin_bytes, c.available_bytes);
  }
  const bool arena_too_big = c.arena_margin_bytes && *c.arena_margin_bytes < 0;
  const bool total_too_big = c.margin_bytes && *c.margin_bytes < 0;
  if (arena_too_big || total_too_big) {
    c.fit = Fit::kTooBig;
    c.note = arena_too_big ? "the arena is larger than the largest contiguous SRAM block"
                           : "arena + other data + stack exceed the on-chip SRAM";
  } else if (c.margin_bytes) {
    c.fit = Fit::kFits;
    if (!c.arena_block_bytes) c.note = "largest contiguous SRAM block not sourced: total RAM checked only";
  } else if (c.arena_block_bytes) {
    c.fit = Fit::kUnknown;
    c.note = "total SRAM not sourced: the arena fits the largest block, the rest is unchecked";
  } else {
    c.note = "SRAM size not sourced";
  }
  return c;
}

std::optional<InferenceEstimate> EstimateInference(const McuSpec& mcu, const CoreAssumption& core,
                                                   double instructions, std::string* why_not) {
  if (!mcu.clock_hz || *mcu.clock_hz <= 0) {
    *why_not = "clock not sourced";
    return std::nullopt;
  }
  InferenceEstimate e;
  e.cpi = core.cpi;
  e.cpi_low = core.cpi_low;
  e.cpi_high = core.cpi_high;
  // t = N x CPI / f
  auto latency_s = [&](double cpi, double hz) { return instructions * cpi / hz; };
  e.latency_ms = 1e3 * latency_s(e.cpi, *mcu.clock_hz);
  e.latency_ms_low = 1e3 * latency_s(e.cpi_low, *mcu.clock_hz);
  e.latency_ms_high = 1e3 * latency_s(e.cpi_high, *mcu.clock_hz);
  if (mcu.run_current_a && mcu.run_current_clock_hz && *mcu.run_current_clock_hz > 0 && mcu.supply_v) {
    // E = V x I(f_I) x N x CPI / f_I, at the clock the current was measured at: running faster
    // draws more current for less time, and the datasheet gives the pair.
    const double watts = *mcu.supply_v * *mcu.run_current_a;
    auto energy_uj = [&](double cpi) { return 1e6 * watts * latency_s(cpi, *mcu.run_current_clock_hz); };
    e.energy_uj = energy_uj(e.cpi);
    e.energy_uj_low = energy_uj(e.cpi_low);
    e.energy_uj_high = energy_uj(e.cpi_high);
    e.energy_basis = fmt::format("supply {} V x run current {} A (typ) at {} MHz", *mcu.supply_v, *mcu.run_current_a,
                                 *mcu.run_current_clock_hz / 1e6);
  } else if (mcu.active_power_w) {
    const double watts = *mcu.active_power_w;
    auto energy_uj = [&](double cpi) { return 1e6 * watts * latency_s(cpi, *mcu.clock_hz); };
    e.energy_uj = energy_uj(e.cpi);
    e.energy_uj_low = energy_uj(e.cpi_low);
    e.energy_uj_high = energy_uj(e.cpi_high);
    e.energy_basis = fmt::format("active power {} W x latency ({})", watts,
                                 mcu.active_power_basis.empty() ? "datasheet" : mcu.active_power_basis);
  } else {
    e.energy_basis = "run current not sourced: no energy estimate";
  }
  return e;
}

}  // namespace mote::profile
