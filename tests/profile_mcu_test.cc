// The MCU side of `mote profile` on fixed inputs: fit of flash and RAM with the margin left, and
// the latency/energy estimate. Expected values are worked out by hand in each case's comment.
#include <cmath>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "compiler/profile/mcu.h"

namespace mote::profile {
namespace {

McuSpec Mcu(std::optional<int64_t> flash, std::optional<int64_t> ram, std::optional<int64_t> arena_block) {
  McuSpec m;
  m.id = "test";
  m.flash_bytes = flash;
  m.ram_bytes = ram;
  m.arena_ram_bytes = arena_block;
  return m;
}

MemoryNeed Need(int64_t flash, int64_t arena, int64_t other, int64_t stack) {
  MemoryNeed n;
  n.flash_bytes = flash;
  n.arena_bytes = arena;
  n.other_ram_bytes = other;
  n.stack_bytes = stack;
  return n;
}

struct FlashCase {
  const char* name;
  std::optional<int64_t> flash;
  int64_t needed;
  Fit fit;
  std::optional<int64_t> margin;
};

class FlashFitTest : public ::testing::TestWithParam<FlashCase> {};

TEST_P(FlashFitTest, FitAndMargin) {
  const FlashCase& c = GetParam();
  const FitCheck f = CheckFlashFit(Mcu(c.flash, 0, 0), Need(c.needed, 0, 0, 0));
  EXPECT_EQ(FitName(f.fit), std::string(FitName(c.fit)));
  EXPECT_EQ(f.needed_bytes, c.needed);
  EXPECT_EQ(f.margin_bytes, c.margin);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FlashFitTest,
    ::testing::Values(
        // 1 MiB - 100,000 = 948,576 left.
        FlashCase{"fits_with_margin", 1048576, 100000, Fit::kFits, 948576},
        FlashCase{"exactly_full_fits", 65536, 65536, Fit::kFits, 0},
        FlashCase{"one_byte_over", 65536, 65537, Fit::kTooBig, -1},
        // flash_bytes 0 means no on-chip flash (external QSPI): not judged.
        FlashCase{"no_onchip_flash_is_unknown", 0, 1000, Fit::kUnknown, std::nullopt},
        FlashCase{"unsourced_flash_is_unknown", std::nullopt, 1000, Fit::kUnknown, std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(FlashFit, MarginPercentIsOfTheAvailableFlash) {
  // 948,576 / 1,048,576 = 90.463...%
  const FitCheck f = CheckFlashFit(Mcu(1048576, 0, 0), Need(100000, 0, 0, 0));
  ASSERT_TRUE(f.margin_percent.has_value());
  EXPECT_NEAR(*f.margin_percent, 90.4632568, 1e-6);
}

struct RamCase {
  const char* name;
  std::optional<int64_t> ram, arena_block;
  int64_t arena, other, stack;
  Fit fit;
  std::optional<int64_t> margin, arena_margin;
};

class RamFitTest : public ::testing::TestWithParam<RamCase> {};

TEST_P(RamFitTest, FitAndMargins) {
  const RamCase& c = GetParam();
  const FitCheck f = CheckRamFit(Mcu(0, c.ram, c.arena_block), Need(0, c.arena, c.other, c.stack));
  EXPECT_EQ(FitName(f.fit), std::string(FitName(c.fit))) << f.note;
  EXPECT_EQ(f.needed_bytes, c.arena + c.other + c.stack);
  EXPECT_EQ(f.margin_bytes, c.margin);
  EXPECT_EQ(f.arena_margin_bytes, c.arena_margin);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RamFitTest,
    ::testing::Values(
        // 262,144 - (200,000 + 10,000 + 2,000) = 50,144; arena block 262,144 - 200,000 = 62,144.
        RamCase{"fits_one_block", 262144, 262144, 200000, 10000, 2000, Fit::kFits, 50144, 62144},
        // The arena (300,000) exceeds the 262,144 block although nothing else is checked.
        RamCase{"arena_over_block", 262144, 262144, 300000, 0, 0, Fit::kTooBig, -37856, -37856},
        // 1,085,440 total would hold 600,000 + 1,000 + 1,000, but the largest block is 524,288.
        RamCase{"arena_over_largest_block_of_split_ram", 1085440, 524288, 600000, 1000, 1000, Fit::kTooBig, 483440,
                -75712},
        // Arena fits its block, but arena + other + stack exceed the total: 100,000 - 104,000.
        RamCase{"total_over_ram", 100000, 100000, 90000, 10000, 4000, Fit::kTooBig, -4000, 10000},
        // Block size not sourced: judged on the total only.
        RamCase{"no_block_figure_checks_total", 524288, std::nullopt, 100000, 0, 0, Fit::kFits, 424288, std::nullopt},
        // Only the block is sourced: the arena fits it, the rest cannot be judged.
        RamCase{"only_block_known_is_unknown", std::nullopt, 65536, 1000, 0, 0, Fit::kUnknown, std::nullopt, 64536},
        RamCase{"nothing_sourced_is_unknown", std::nullopt, std::nullopt, 1000, 0, 0, Fit::kUnknown, std::nullopt,
                std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

struct EstimateCase {
  const char* name;
  std::optional<double> clock_hz, current_a, current_hz, supply_v, power_w;
  double instructions, cpi, cpi_low, cpi_high;
  double latency_ms, latency_low, latency_high;
  std::optional<double> energy_uj;
};

class EstimateTest : public ::testing::TestWithParam<EstimateCase> {};

TEST_P(EstimateTest, LatencyAndEnergy) {
  const EstimateCase& c = GetParam();
  McuSpec m;
  m.clock_hz = c.clock_hz;
  m.run_current_a = c.current_a;
  m.run_current_clock_hz = c.current_hz;
  m.supply_v = c.supply_v;
  m.active_power_w = c.power_w;
  CoreAssumption core;
  core.cpi = c.cpi;
  core.cpi_low = c.cpi_low;
  core.cpi_high = c.cpi_high;
  std::string why;
  const auto e = EstimateInference(m, core, c.instructions, &why);
  ASSERT_TRUE(e.has_value()) << why;
  EXPECT_NEAR(e->latency_ms, c.latency_ms, 1e-9);
  EXPECT_NEAR(e->latency_ms_low, c.latency_low, 1e-9);
  EXPECT_NEAR(e->latency_ms_high, c.latency_high, 1e-9);
  ASSERT_EQ(e->energy_uj.has_value(), c.energy_uj.has_value()) << e->energy_basis;
  if (c.energy_uj) EXPECT_NEAR(*e->energy_uj, *c.energy_uj, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EstimateTest,
    ::testing::Values(
        // 1e6 x 1.5 / 64e6 = 23.4375 ms (1.2: 18.75, 1.8: 28.125); 3.0 V x 3.3 mA x 23.4375 ms = 232.03125 uJ.
        EstimateCase{"current_at_the_core_clock", 64e6, 3.3e-3, 64e6, 3.0, std::nullopt, 1e6, 1.5, 1.2, 1.8, 23.4375,
                     18.75, 28.125, 232.03125},
        // Latency at 128 MHz: 1e6 / 128e6 = 7.8125 ms; energy at the current's 64 MHz:
        // 3.0 V x 2.7 mA x 1e6 / 64e6 s = 126.5625 uJ.
        EstimateCase{"current_at_a_lower_clock", 128e6, 2.7e-3, 64e6, 3.0, std::nullopt, 1e6, 1.0, 1.0, 1.0, 7.8125,
                     7.8125, 7.8125, 126.5625},
        // No run current, 0.3 W active power: 4e6 x 2 / 400e6 = 20 ms; 0.3 W x 20 ms = 6000 uJ.
        EstimateCase{"active_power_only", 400e6, std::nullopt, std::nullopt, 0.9, 0.3, 4e6, 2.0, 2.0, 2.0, 20, 20, 20,
                     6000.0},
        // Neither current nor power: latency only. 1e6 x 0.85 / 480e6 = 1.7708333 ms.
        EstimateCase{"no_power_figure_gives_no_energy", 480e6, std::nullopt, std::nullopt, 3.3, std::nullopt, 1e6,
                     0.85, 0.6, 1.1, 1.0e6 * 0.85 / 480e6 * 1e3, 1.25, 1.0e6 * 1.1 / 480e6 * 1e3, std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Estimate, UnsourcedClockGivesNoEstimate) {
  McuSpec m;  // clock_hz not set
  CoreAssumption core;
  core.cpi = core.cpi_low = core.cpi_high = 1;
  std::string why;
  EXPECT_FALSE(EstimateInference(m, core, 1e6, &why).has_value());
  EXPECT_EQ(why, "clock not sourced");
}

struct ParseCase {
  const char* name;
  const char* json;
  const char* error_contains;  // "" = must parse
};

class McuDataParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(McuDataParseTest, AcceptsOrNamesTheProblem) {
  const ParseCase& c = GetParam();
  McuData data;
  std::string error;
  const bool ok = ParseMcuData(c.json, &data, &error);
  if (c.error_contains[0] == '\0') {
    EXPECT_TRUE(ok) << error;
  } else {
    EXPECT_FALSE(ok);
    EXPECT_NE(error.find(c.error_contains), std::string::npos) << error;
  }
}

#define CORE_M4 R"({"family": "cortex-m4", "profile_target": "cortex-m4", "cpi": 1.5, "cpi_range": [1.2, 1.8], "cpi_basis": "b"})"
INSTANTIATE_TEST_SUITE_P(
    Cases, McuDataParseTest,
    ::testing::Values(
        ParseCase{"minimal", R"({"cores": [)" CORE_M4 R"(], "mcus": [{"id": "a", "name": "A", "core": "M4",
                  "core_family": "cortex-m4", "clock_hz": 64000000, "flash_bytes": null}]})", ""},
        ParseCase{"not_json", "{", "not valid JSON"},
        ParseCase{"no_mcus_array", R"({"cores": []})", "\"mcus\""},
        ParseCase{"unknown_core_family", R"({"cores": [)" CORE_M4 R"(], "mcus": [{"id": "a", "name": "A",
                  "core": "M7", "core_family": "cortex-m7"}]})", "core_family 'cortex-m7'"},
        ParseCase{"missing_id", R"({"cores": [)" CORE_M4 R"(], "mcus": [{"name": "A", "core": "M4",
                  "core_family": "cortex-m4"}]})", "mcus[0]: missing \"id\""},
        ParseCase{"clock_as_string", R"({"cores": [)" CORE_M4 R"(], "mcus": [{"id": "a", "name": "A", "core": "M4",
                  "core_family": "cortex-m4", "clock_hz": "64 MHz"}]})", "\"clock_hz\" must be a number"},
        ParseCase{"negative_flash", R"({"cores": [)" CORE_M4 R"(], "mcus": [{"id": "a", "name": "A", "core": "M4",
                  "core_family": "cortex-m4", "flash_bytes": -1}]})", "\"flash_bytes\" must be a byte count"},
        ParseCase{"cpi_outside_range", R"({"cores": [{"family": "x", "profile_target": "", "cpi": 3,
                  "cpi_range": [1, 2], "cpi_basis": "b"}], "mcus": []})", "inside cpi_range"}),
    [](const auto& info) { return std::string(info.param.name); });
#undef CORE_M4

// The repository's own data file loads, and every MCU's core has a CPI assumption with a basis.
TEST(McuData, RepositoryFileLoads) {
  McuData data;
  std::string error;
  ASSERT_TRUE(LoadMcuData(std::string(MOTE_SOURCE_DIR) + "/data/mcus.json", &data, &error)) << error;
  EXPECT_GE(data.mcus.size(), 4u);
  for (const McuSpec& m : data.mcus) {
    const CoreAssumption* core = data.FindCore(m.core_family);
    ASSERT_NE(core, nullptr) << m.id;
    EXPECT_FALSE(core->cpi_basis.empty()) << m.id;
    EXPECT_FALSE(m.sources.empty()) << m.id << " has no sources";
    EXPECT_TRUE(!core->profile_target.empty() || !core->not_profiled_reason.empty()) << m.id;
  }
}

}  // namespace
}  // namespace mote::profile
