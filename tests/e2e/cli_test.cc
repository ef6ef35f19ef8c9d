// End-to-end: the real binary on real files — help, version, compile,
// explain, diff, schedule and build — with exit codes and exact errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_binary.h"

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using testing::compiled_default_rules;
using testing::read_all;
using testing::run_fangyi;
using testing::scratch_dir;

const std::string kSeeds = "--seeds ../shared/seeds";

TEST(Cli, HelpListsSubcommandsInChinese) {
  auto r = run_fangyi("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"compile", "explain", "diff", "schedule", "build"}) EXPECT_NE(r.out.find(cmd), std::string::npos);
  EXPECT_NE(r.out.find("把 YAML 規則編譯為規則檔"), std::string::npos) << r.out;
}

TEST(Cli, HelpInEnglish) {
  auto r = run_fangyi("--lang en schedule --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("the date of day 0"), std::string::npos) << r.out;
}

TEST(Cli, Version) {
  auto r = run_fangyi("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("fangyi ", 0), 0u) << r.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_fangyi("").exit_code, 2);
  EXPECT_EQ(run_fangyi("frobnicate").exit_code, 2);
  EXPECT_EQ(run_fangyi("compile rules").exit_code, 2);  // no -o
  EXPECT_EQ(run_fangyi("--lang xx explain x.fyb").exit_code, 2);
}

TEST(Cli, CompileIsDeterministic) {
  fs::path dir = scratch_dir("determinism");
  auto a = run_fangyi("compile rules forms -o '" + (dir / "a.fyb").string() + "' " + kSeeds);
  auto b = run_fangyi("compile forms rules -o '" + (dir / "b.fyb").string() + "' " + kSeeds);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(read_all(dir / "a.fyb"), read_all(dir / "b.fyb"));
  // Also from another working directory, naming the folders by absolute path.
  auto c = run_fangyi("compile '" + std::string(FANGYI_SOURCE_DIR) + "/rules' '" + FANGYI_SOURCE_DIR + "/forms' -o '" +
                          (dir / "c.fyb").string() + "'",
                      dir);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(read_all(dir / "a.fyb"), read_all(dir / "c.fyb"));
}

TEST(Cli, CompileErrorPrintsPlaceAndCaretAndWritesNothing) {
  fs::path dir = scratch_dir("broken");
  std::ofstream(dir / "bad.yaml") << "kind: scheme\nid: x\nname: 甲\nsource: {seed: 004_2af245062d31c947.txt, section: Q2}\n"
                                     "day0: last_contact\nphses: []\n";
  auto r = run_fangyi("compile bad.yaml -o out.fyb", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "bad.yaml:1:1: 錯誤：缺少必要的鍵「phases」\n"
            " 1 | kind: scheme\n"
            "   | ^\n"
            "bad.yaml:6:1: 錯誤：未知的鍵「phses」\n"
            " 6 | phses: []\n"
            "   | ^~~~~\n"
            "  提示：您是不是要寫「phases」？\n"
            "共 2 個錯誤\n"
            "規則有 2 個錯誤，未寫出規則檔\n");
  EXPECT_FALSE(fs::exists(dir / "out.fyb"));
}

TEST(Cli, CompileRefusesToOverwriteItsInput) {
  fs::path dir = scratch_dir("overwrite");
  std::string yaml = read_all(fs::path(FANGYI_SOURCE_DIR) / "rules/deadlines/000-tracking-system.yaml");
  std::ofstream(dir / "d.yaml") << yaml;
  auto r = run_fangyi("compile d.yaml -o d.yaml", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(read_all(dir / "d.yaml"), yaml);
}

TEST(Cli, CompileFromStdin) {
  fs::path dir = scratch_dir("stdin");
  auto r = run_fangyi("compile - -o s.fyb", dir,
                      "kind: deadline\nid: d\nname: 期限\nby: \"14:00\"\nsource: {seed: '000', section: 貳}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "s.fyb"));
}

TEST(Cli, ExplainAllAndOne) {
  auto all = run_fangyi("explain '" + compiled_default_rules().string() + "'");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("方案 home-isolation-3plus4"), std::string::npos);
  EXPECT_NE(all.out.find("來源：004_2af245062d31c947.txt"), std::string::npos);
  auto one = run_fangyi("explain '" + compiled_default_rules().string() + "' home-isolation-10");
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_EQ(one.out.find("home-isolation-3plus4  "), std::string::npos);
  EXPECT_EQ(run_fangyi("explain '" + compiled_default_rules().string() + "' nope").exit_code, 2);
}

TEST(Cli, ExplainRejectsAForeignFile) {
  auto r = run_fangyi("explain rules/schemes/home-isolation-10.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("home-isolation-10.yaml"), std::string::npos) << r.err;
}

TEST(Cli, DiffOldAndNewPolicy) {
  fs::path dir = scratch_dir("diff");
  fs::create_directories(dir / "old");
  // The policy before 3+4: home isolation of 10 days, with no end date yet.
  std::ofstream(dir / "old/h.yaml") << "kind: scheme\nid: home-isolation-10\nfamily: home-isolation\n"
                                       "name: 居家隔離（舊制 10 天）\nsource: {seed: '004', section: Q20}\n"
                                       "day0: last_contact\nphases: [{id: isolation, name: 居家隔離, days: 1..10}]\n";
  ASSERT_EQ(run_fangyi("compile old -o old.fyb", dir).exit_code, 0);
  auto r = run_fangyi("diff old.fyb '" + compiled_default_rules().string() + "'", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("居家隔離：10 天 → 3+4 天（2022-04-26 起）"), std::string::npos) << r.out;
  auto same = run_fangyi("diff '" + compiled_default_rules().string() + "' '" + compiled_default_rules().string() + "'");
  EXPECT_EQ(same.exit_code, 0);
}

TEST(Cli, ScheduleSeed004TableAndJson) {
  auto table = run_fangyi("schedule --rules '" + compiled_default_rules().string() +
                          "' --scheme home-isolation --day0 111/04/23");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("解除隔離（檢疫）日：2022-04-27"), std::string::npos) << table.out;
  auto json = run_fangyi("schedule --rules '" + compiled_default_rules().string() +
                         "' --scheme home-isolation --day0 2022-04-23 --format json");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"release\":\"2022-04-27\""), std::string::npos) << json.out;
}

TEST(Cli, ScheduleBadDateExitsTwo) {
  auto r = run_fangyi("--lang en schedule --rules '" + compiled_default_rules().string() +
                      "' --scheme home-isolation --day0 2022-02-30");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: '2022-02-30' is not a valid date"), std::string::npos) << r.err;
}

TEST(Cli, BuildWritesRulesAndExplain) {
  fs::path dir = scratch_dir("build");
  fs::copy(fs::path(FANGYI_SOURCE_DIR) / "rules", dir / "rules", fs::copy_options::recursive);
  fs::copy(fs::path(FANGYI_SOURCE_DIR) / "forms", dir / "forms", fs::copy_options::recursive);
  auto r = run_fangyi("build '" + dir.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out/rules.fyb"));
  EXPECT_NE(read_all(dir / "out/explain.txt").find("方案 home-isolation-3plus4"), std::string::npos);
  EXPECT_EQ(read_all(dir / "out/rules.fyb"), read_all(compiled_default_rules()));
}

}  // namespace
}  // namespace fangyi
