// The check engine on small rule sets and real CSV files: row, case and
// organisation scopes, malformed cells, masking, unusable files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include <filesystem>
#include <fstream>

#include <xlsxwriter.h>

#include "check/engine.h"
#include "support/compile_text.h"

namespace fangyi::check {
namespace {

namespace fs = std::filesystem;

const char* kRules = R"(kind: dataset
id: case-list
name: 個案清單
key: id_number
organisation: school
source: {seed: '000', section: 壹、一}
fields:
  - {id: school, header: 學校, type: string}
  - {id: name, header: 姓名, type: string, personal: true}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: phone, header: 已確認電話, type: phone, personal: true}
  - {id: entry_date, header: 入境日期, type: date}
  - {id: status, header: 確認狀態, type: enum, values: [未確認, 已確認, 失聯, 已結案]}
---
kind: dataset
id: followup
name: 追蹤紀錄
key: id_number
organisation: school
source: {seed: '000', section: 壹、二}
fields:
  - {id: school, header: 學校, type: string}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: followup_date, header: 追蹤日, type: date, required: true}
---
kind: check
id: phone-format
name: 電話為 09 開頭 10 碼
dataset: case-list
when: has(phone)
require: matches(phone, "09[0-9]{8}")
severity: error
field: phone
message: "{name} 的電話 {phone} 不是 10 碼手機"
source: {seed: '000', section: 壹、一、(3)}
---
kind: check
id: lost-contact
name: 失聯
dataset: case-list
require: status != "失聯"
severity: serious
field: status
message: "{name}（{id_number}）失聯"
source: {seed: '000', section: 壹、一、(2)}
---
kind: check
id: every-day
name: 第 1–3 天皆有追蹤紀錄
dataset: case-list
scope: case
sources: [followup]
when: has(entry_date)
require: all(d in 1..3, exists(f in followup, day_of(entry_date, f.followup_date) == d))
severity: error
field: entry_date
message: 入境日 {entry_date} 起第 1–3 天追蹤紀錄不完整
source: {seed: '000', section: 壹、二}
---
kind: check
id: review-report
name: 嚴重違規達 3 次應提檢討報告
dataset: case-list
scope: organisation
require: count(f in findings, f.severity == "serious") < 3
severity: error
message: "{organisation} 嚴重違規達 3 次以上，應提交檢討報告"
source: {seed: '000', section: 參}
)";

class Engine : public ::testing::Test {
 protected:
  void SetUp() override {
    compiled_ = fangyi::testing::compile_yaml(kRules);
    ASSERT_TRUE(compiled_.rules) << compiled_.rendered();
    dir_ = fs::temp_directory_path() / ("fangyi-engine-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  Report run(const std::vector<std::string>& files, bool show = false, std::size_t partitions = 0) {
    CheckOptions o;
    o.show_personal = show;
    o.partitions = partitions;
    o.today = *parse_date("2021-09-30");
    diags_ = Diagnostics{};
    return run_checks(*compiled_.rules, files, o, diags_);
  }
  std::vector<std::string> rules_of(const Report& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule);
    return out;
  }
  fangyi::testing::Compiled compiled_;
  fs::path dir_;
  Diagnostics diags_;
};

const char* kCases =
    "學校,姓名,證號,已確認電話,入境日期,確認狀態\n"
    "甲大學,王大明,A123456789,0912345678,2021/08/27,已確認\n"
    "甲大學,李小華,B223456781,02-2345678,2021/08/27,已確認\n";

TEST_F(Engine, RowCheckNamesFileLineColumnAndMasksPersonalData) {
  Report r = run({file("cases.csv", kCases)});
  EXPECT_TRUE(diags_.empty()) << render_all(diags_, {}, Lang::en);
  ASSERT_EQ(rules_of(r), (std::vector<std::string>{"every-day", "every-day", "phone-format"}));
  const Finding& f = r.findings[2];
  EXPECT_EQ(fs::path(f.file).filename(), "cases.csv");
  EXPECT_EQ(f.line, 3u);
  EXPECT_EQ(f.column, "已確認電話");
  EXPECT_EQ(f.value, "02-****678");
  EXPECT_EQ(f.message, "李○華 的電話 02-****678 不是 10 碼手機");
  EXPECT_EQ(f.organisation, "甲大學");
  EXPECT_EQ(f.case_key, "B22****781");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].dataset, "case-list");
  EXPECT_EQ(r.inputs[0].rows, 2u);
}

TEST_F(Engine, ShowPersonalDataOnRequest) {
  Report r = run({file("cases.csv", kCases)}, true);
  EXPECT_EQ(r.findings[2].message, "李小華 的電話 02-2345678 不是 10 碼手機");
}

TEST_F(Engine, CaseCheckReadsRowsOfTheSameKeyAcrossFiles) {
  std::string cases = file("cases.csv", kCases);
  std::string follow = file("followup.csv",
                            "學校,證號,追蹤日\n"
                            "甲大學,A123456789,2021/08/28\n甲大學,A123456789,2021/08/29\n甲大學,A123456789,2021/08/30\n"
                            "甲大學,B223456781,2021/08/28\n");
  Report r = run({follow, cases});
  ASSERT_EQ(rules_of(r), (std::vector<std::string>{"every-day", "phone-format"}));
  EXPECT_EQ(r.findings[0].case_key, "B22****781");
  EXPECT_EQ(r.findings[0].message, "入境日 2021/08/27 起第 1–3 天追蹤紀錄不完整");
  EXPECT_EQ(r.cases, 2u);
}

TEST_F(Engine, MalformedCellIsAFindingAndTheRowStillChecked) {
  Report r = run({file("cases.csv",
                       "學校,姓名,證號,已確認電話,入境日期,確認狀態\n"
                       "甲大學,王大明,A123456789,0912345678,2021/13/45,失連\n")});
  std::vector<std::string> rules = rules_of(r);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "input.cell"), 2);
  for (const auto& f : r.findings) {
    if (f.rule == "input.cell" && f.column == "入境日期") {
      EXPECT_EQ(f.message, "「入境日期」欄的「2021/13/45」不是日期");
    }
  }
}

// Rows split from unsplit text and rows the reader parses (a quoted field
// sends the reader back to parsing) give the same findings: a short row's
// missing cells are empty, a long row's extra cells dropped, columns in
// another order and a column of no field are read by their headers.
TEST_F(Engine, RaggedRowsAndColumnOrderAlikeSplitOrParsed) {
  const std::string rows =
      "備註,確認狀態,證號,姓名,學校,已確認電話,入境日期\n"
      "x,失聯,A123456789,王大明,甲大學,0912345678,2021/08/27\n"
      "x,已確認,B223456781,李小華,甲大學\n"
      "x,已確認,C123456780,張三,甲大學,02-2345678,2021/08/27,多,餘\n";
  for (bool quoted : {false, true}) {
    std::string text = rows;
    if (quoted) text.replace(text.find("x,失聯"), 1, "\"x\"");
    Report r = run({file("cases.csv", text)});
    std::vector<std::string> got;
    for (const auto& f : r.findings) got.push_back(std::to_string(f.line) + " " + f.rule + " " + f.column);
    // Problems of the file itself belong to no school: they sort first.
    EXPECT_EQ(got, (std::vector<std::string>{"3 input.file ", "4 input.file ", "2 every-day 入境日期",
                                             "2 lost-contact 確認狀態", "4 every-day 入境日期",
                                             "4 phone-format 已確認電話"}))
        << (quoted ? "parsed" : "split");
  }
}

TEST_F(Engine, OrganisationCheckCountsSeriousFindings) {
  std::string rows = "學校,姓名,證號,已確認電話,入境日期,確認狀態\n";
  for (const char* id : {"A123456789", "B223456781", "C123456780"}) rows += std::string("乙大學,某某,") + id + ",0912345678,,失聯\n";
  rows += "丙大學,某某,D123456782,0912345678,,失聯\n";
  Report r = run({file("cases.csv", rows)});
  int review = 0;
  for (const auto& f : r.findings) {
    if (f.rule != "review-report") continue;
    ++review;
    EXPECT_EQ(f.organisation, "乙大學");
    EXPECT_EQ(f.message, "乙大學 嚴重違規達 3 次以上，應提交檢討報告");
  }
  EXPECT_EQ(review, 1);
  EXPECT_EQ(r.organisations, 2u);
}

TEST_F(Engine, XlsxGivesTheSameFindingsAsCsv) {
  std::string xlsx = (dir_ / "cases.xlsx").string();
  lxw_workbook* wb = workbook_new(xlsx.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "個案");
  std::vector<std::vector<std::string>> rows = {{"學校", "姓名", "證號", "已確認電話", "入境日期", "確認狀態"},
                                                {"甲大學", "王大明", "A123456789", "0912345678", "2021/08/27", "已確認"},
                                                {"甲大學", "李小華", "B223456781", "02-2345678", "2021/08/27", "已確認"}};
  for (lxw_row_t r = 0; r < rows.size(); ++r)
    for (lxw_col_t c = 0; c < rows[r].size(); ++c) worksheet_write_string(ws, r, c, rows[r][c].c_str(), nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  Report from_xlsx = run({xlsx});
  Report from_csv = run({file("cases.csv", kCases)});
  ASSERT_EQ(rules_of(from_xlsx), rules_of(from_csv));
  EXPECT_EQ(from_xlsx.findings[2].line, 3u);
  EXPECT_EQ(from_xlsx.findings[2].message, from_csv.findings[2].message);
  EXPECT_EQ(from_xlsx.inputs[0].encoding, "XLSX");
}

TEST_F(Engine, UnmatchedFileIsAnInputErrorAndOthersStillRun) {
  Report r = run({file("odd.csv", "甲,乙\n1,2\n"), file("cases.csv", kCases)});
  EXPECT_TRUE(diags_.has_errors());
  EXPECT_EQ(r.inputs.size(), 1u);
  EXPECT_FALSE(r.findings.empty());
}

// Many batches of rows, read on several threads, and cases spread over
// partitions: the report must not depend on either.
TEST_F(Engine, ManyRowsGiveTheSameReportWhateverThePartitioning) {
  std::string cases = "學校,姓名,證號,已確認電話,入境日期,確認狀態\n";
  std::string follow = "學校,證號,追蹤日\n";
  const char* letters = "ABCDEFGHJK";
  for (int i = 0; i < 3000; ++i) {
    std::string digits = std::to_string(10000000 + i);
    std::string id = std::string(1, letters[i % 10]) + "1" + digits;
    std::string school = i % 3 == 0 ? "甲大學" : "乙大學";
    cases += school + ",某某," + id + "," + (i % 7 == 0 ? "02-2345678" : "0912345678") + ",2021/08/27," +
             (i % 11 == 0 ? "失聯" : "已確認") + "\n";
    // Every fifth case misses its third day; rows of a case are not adjacent.
    for (int d = 1; d <= 3; ++d)
      if (!(i % 5 == 0 && d == 3)) follow += school + "," + id + ",2021/08/" + std::to_string(27 + d) + "\n";
  }
  std::vector<std::string> files = {file("cases.csv", cases), file("followup.csv", follow)};
  auto summary = [](const Report& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
      out.push_back(f.organisation + "|" + f.file + "|" + std::to_string(f.line) + "|" + f.rule + "|" + f.case_key + "|" +
                    f.message);
    return out;
  };
  Report one = run(files, false, 1);
  EXPECT_TRUE(diags_.empty()) << render_all(diags_, {}, Lang::en);
  std::vector<std::string> rules = rules_of(one);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "every-day"), 600);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "phone-format"), 429);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "lost-contact"), 273);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "review-report"), 2);
  EXPECT_EQ(one.cases, 3000u);
  EXPECT_EQ(one.inputs[1].rows, 8400u);
  for (std::size_t partitions : {2u, 13u, 0u}) {
    Report many = run(files, false, partitions);
    EXPECT_EQ(summary(many), summary(one)) << partitions << " partitions";
    EXPECT_EQ(many.cases, one.cases);
  }
}

}  // namespace
}  // namespace fangyi::check
