// End-to-end: `fangyi check` on the bundled examples/ exports — every
// expected finding and nothing else, the exit code, every report format,
// Big5 and BOM files, masking — and `fangyi build` writing out/report.html.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/run_binary.h"

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using testing::read_all;
using testing::run_fangyi;
using testing::scratch_dir;

std::string check(const std::string& args) {
  return "check --rules '" + testing::compiled_default_rules().string() + "' --today 2022-05-01 " + args;
}

// (file relative to examples/, line, rule) of each JSON Lines finding.
std::set<std::tuple<std::string, int, std::string>> keys_of_jsonl(const std::string& jsonl) {
  std::set<std::tuple<std::string, int, std::string>> keys;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    auto field = [&](const std::string& name) {
      std::size_t p = line.find("\"" + name + "\":");
      if (p == std::string::npos) return std::string();
      p += name.size() + 3;
      if (line[p] == '"') return line.substr(p + 1, line.find('"', p + 1) - p - 1);
      return line.substr(p, line.find_first_of(",}", p) - p);
    };
    std::string file = field("file");
    if (file.rfind("examples/", 0) == 0) file = file.substr(9);
    keys.emplace(file, std::stoi(field("line")), field("rule"));
  }
  return keys;
}

TEST(Check, ExamplesGiveExactlyTheExpectedFindings) {
  auto r = run_fangyi(check("examples/exports --format jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::set<std::tuple<std::string, int, std::string>> expected;
  std::istringstream in(read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/expected-findings.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cols.push_back(c);
    ASSERT_GE(cols.size(), 4u) << line;
    expected.emplace(cols[0], std::stoi(cols[1]), cols[3]);
  }
  EXPECT_EQ(expected.size(), 91u);
  EXPECT_EQ(keys_of_jsonl(r.out), expected);
}

TEST(Check, TerminalReportGroupsBySchoolAndMasksPersonalData) {
  auto r = run_fangyi(check("examples/exports"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("私立淡江大學"), std::string::npos);
  EXPECT_NE(r.out.find("supervision-review-report"), std::string::npos) << r.out.substr(0, 3000);
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
  EXPECT_NE(r.out.find("Big5 (CP950)"), std::string::npos);
  EXPECT_NE(r.out.find("UTF-8 (BOM)"), std::string::npos);
  // Personal data is masked unless asked for.
  auto shown = run_fangyi(check("examples/exports --format jsonl"));
  auto full = run_fangyi(check("examples/exports --format jsonl --show-personal-data"));
  EXPECT_NE(shown.out, full.out);
  EXPECT_NE(shown.out.find("****"), std::string::npos);
}

TEST(Check, EveryReportFormatIsWritten) {
  fs::path dir = scratch_dir("formats");
  for (const char* fmt : {"csv", "xlsx", "html", "jsonl"}) {
    std::string out = (dir / (std::string("report.") + fmt)).string();
    auto r = run_fangyi(check(std::string("examples/exports --format ") + fmt + " -o '" + out + "'"));
    EXPECT_EQ(r.exit_code, 1) << fmt << r.err;
    EXPECT_GT(fs::file_size(out), 1000u) << fmt;
  }
  std::string html = read_all(dir / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(read_all(dir / "report.csv").rfind("\xEF\xBB\xBF", 0), 0u) << "CSV starts with a BOM for Excel";
  EXPECT_EQ(read_all(dir / "report.xlsx").rfind("PK", 0), 0u);
}

TEST(Check, CleanFileExitsZeroAndUnusableFileExitsTwo) {
  fs::path dir = scratch_dir("exit-codes");
  std::string header = read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/exports/tku-temperature-log.csv");
  header = header.substr(0, header.find('\n') + 1);
  std::ofstream(dir / "empty-log.csv", std::ios::binary) << header;
  auto clean = run_fangyi(check("'" + (dir / "empty-log.csv").string() + "'"));
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  std::ofstream(dir / "odd.csv") << "甲,乙\n1,2\n";
  auto odd = run_fangyi(check("'" + (dir / "odd.csv").string() + "'"));
  EXPECT_EQ(odd.exit_code, 2);
  EXPECT_NE(odd.err.find("無法辨識這個檔案屬於哪一種資料"), std::string::npos) << odd.err;
  auto missing = run_fangyi(check("no-such-file.csv"));
  EXPECT_EQ(missing.exit_code, 2);
}

// A report written to a file must not read as clean for inputs it never
// saw: each one it could not use is a finding of its own, with the reason.
TEST(Check, AnUnusableInputIsAFindingInEveryReport) {
  fs::path dir = scratch_dir("unusable");
  std::ofstream(dir / "odd.csv") << "甲,乙\n1,2\n";
  std::ofstream(dir / "not.xlsx") << "garbage";
  std::string inputs = "'" + (dir / "odd.csv").string() + "' '" + (dir / "not.xlsx").string() + "' '" +
                       (dir / "gone.csv").string() + "' examples/exports/ntu-case-list.csv";
  for (const char* fmt : {"csv", "xlsx", "html", "jsonl"}) {
    std::string out = (dir / (std::string("report.") + fmt)).string();
    auto r = run_fangyi(check(inputs + " --format " + fmt + " -o '" + out + "'"));
    EXPECT_EQ(r.exit_code, 2) << fmt << r.err;
    EXPECT_NE(r.err.find("找不到「" + (dir / "gone.csv").string() + "」"), std::string::npos) << r.err;
  }
  std::string csv = read_all(dir / "report.csv");
  EXPECT_NE(csv.find((dir / "odd.csv").string() +
                     ",1,,input.unusable,錯誤,無法辨識這個檔案屬於哪一種資料：沒有任何欄位標題符合規則中的資料集（欄位：甲、乙）"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find((dir / "not.xlsx").string() + ",,,input.unusable,錯誤,「" + (dir / "not.xlsx").string() +
                     "」不是 XLSX 檔案（請用 Excel 開啟後另存為「Excel 活頁簿 (*.xlsx)」，再檢查一次）"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find((dir / "gone.csv").string() + ",,,input.unusable,錯誤,找不到「" + (dir / "gone.csv").string() + "」"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("contact-phone-format"), std::string::npos) << "the usable file is still checked";
  std::string html = read_all(dir / "report.html");
  EXPECT_NE(html.find("無法使用的檔案（未檢查）"), std::string::npos);
  EXPECT_NE(html.find("不是 XLSX 檔案"), std::string::npos);
  std::string jsonl = read_all(dir / "report.jsonl");
  EXPECT_NE(jsonl.find("\"rule\":\"input.unusable\""), std::string::npos) << jsonl.substr(0, 500);
}

TEST(Check, ReadsStdin) {
  std::string text = read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/exports/ntu-case-list.csv");
  auto r = run_fangyi(check("- --format jsonl"), FANGYI_SOURCE_DIR, text);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("contact-phone-format"), std::string::npos);
}

TEST(Build, ChecksTheExamplesIntoReportHtml) {
  fs::path dir = scratch_dir("build-check");
  for (const char* sub : {"rules", "forms", "examples"})
    fs::copy(fs::path(FANGYI_SOURCE_DIR) / sub, dir / sub, fs::copy_options::recursive);
  auto r = run_fangyi("build '" + dir.string() + "' --today 2022-05-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = read_all(dir / "out/report.html");
  EXPECT_NE(html.find("supervision-review-report"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace fangyi
