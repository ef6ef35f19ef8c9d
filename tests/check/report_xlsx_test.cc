// XLSX report: written atomically as a real zip with the four sheets, data
// as shared strings (never formulas), and clear errors for stdout and
// unwritable places.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <optional>

#include "check/report.h"
#include "check/report_sample.h"
#include "support/temp_dir.h"

namespace fangyi::check {
namespace {

using fangyi::testing::TempDir;
using ReportXlsx = TempDir;

// The entries of a zip file and a reader for one of them.
class Zip {
 public:
  explicit Zip(const std::string& path) {
    int err = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
  }
  ~Zip() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  bool ok() const { return zip_ != nullptr; }
  std::optional<std::string> read(const std::string& name) const {
    zip_stat_t st;
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) return std::nullopt;
    zip_file_t* f = zip_fopen(zip_, name.c_str(), 0);
    if (f == nullptr) return std::nullopt;
    std::string data(st.size, '\0');
    zip_int64_t n = zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return std::nullopt;
    return data;
  }

 private:
  zip_t* zip_ = nullptr;
};

TEST_F(ReportXlsx, WritesFourSheetsWithTheFindingsAsText) {
  std::string path = dir_ + "/報告.xlsx";
  Diagnostics diags;
  ASSERT_TRUE(write_report(testing::sample_report(), ReportFormat::xlsx, {}, path, diags));
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(entries(), std::vector<std::string>{"報告.xlsx"}) << "no temporary file is left";

  Zip zip(path);
  ASSERT_TRUE(zip.ok());
  for (int i = 1; i <= 4; ++i) {
    auto sheet = zip.read("xl/worksheets/sheet" + std::to_string(i) + ".xml");
    ASSERT_TRUE(sheet) << i;
    EXPECT_EQ(sheet->find("<f>"), std::string::npos) << "no formula in sheet " << i;
  }
  auto workbook = zip.read("xl/workbook.xml");
  ASSERT_TRUE(workbook);
  for (std::string_view name : {"name=\"發現\"", "name=\"規則\"", "name=\"學校\"", "name=\"輸入檔\""}) {
    EXPECT_NE(workbook->find(name), std::string::npos) << name;
  }

  auto strings = zip.read("xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  for (std::string_view text : {"發燒未於 24 小時內通報", "體溫 38.5 度，未於 24 小時內通報", "新北市立板橋國中",
                                "臺北市立建國中學", "A12****789", "&lt;script&gt;alert(1)&lt;/script&gt;",
                                "\"quoted, with comma\"", "第一行\n第二行", "000 參、二", "quarantine_students",
                                "Big5 (CP950)", "檔案", "嚴重程度"}) {
    EXPECT_NE(strings->find(text), std::string::npos) << text;
  }
  // Written as a string and still neutralized (defence in depth).
  EXPECT_NE(strings->find(">'=HYPERLINK(\"https://evil.example/\",\"點我\")<"), std::string::npos) << *strings;

  auto findings = zip.read("xl/worksheets/sheet1.xml");
  EXPECT_NE(findings->find("<autoFilter ref=\"A1:I7\"/>"), std::string::npos) << *findings;
  EXPECT_NE(findings->find("state=\"frozen\""), std::string::npos);
}

TEST_F(ReportXlsx, EnglishSheetNames) {
  std::string path = dir_ + "/report.xlsx";
  Diagnostics diags;
  ReportOptions en;
  en.lang = Lang::en;
  ASSERT_TRUE(write_report(testing::sample_report(), ReportFormat::xlsx, en, path, diags));
  auto workbook = Zip(path).read("xl/workbook.xml");
  ASSERT_TRUE(workbook);
  for (std::string_view name : {"name=\"Findings\"", "name=\"Rules\"", "name=\"Schools\"", "name=\"Inputs\""}) {
    EXPECT_NE(workbook->find(name), std::string::npos) << name;
  }
}

TEST_F(ReportXlsx, ReplacesAnExistingReport) {
  std::string path = dir_ + "/report.xlsx";
  Diagnostics diags;
  ASSERT_TRUE(write_report(Report{}, ReportFormat::xlsx, {}, path, diags));
  ASSERT_TRUE(write_report(testing::sample_report(), ReportFormat::xlsx, {}, path, diags));
  auto strings = Zip(path).read("xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  EXPECT_NE(strings->find("臺北市立建國中學"), std::string::npos);
  EXPECT_EQ(entries(), std::vector<std::string>{"report.xlsx"});
}

TEST_F(ReportXlsx, RefusesStandardOutput) {
  Diagnostics diags;
  EXPECT_FALSE(write_report(testing::sample_report(), ReportFormat::xlsx, {}, "-", diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::report_xlsx_stdout);
}

TEST_F(ReportXlsx, MissingDirectoryIsAnErrorAndLeavesNothing) {
  Diagnostics diags;
  std::string path = dir_ + "/missing/report.xlsx";
  EXPECT_FALSE(write_report(testing::sample_report(), ReportFormat::xlsx, {}, path, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::report_xlsx_failed);
  EXPECT_EQ(diags.items()[0].args[0], path);
  EXPECT_TRUE(entries().empty());
}

TEST_F(ReportXlsx, ADirectoryInTheWayIsAnErrorAndLeavesNoTemporaryFile) {
  std::filesystem::create_directory(dir_ + "/report.xlsx");
  Diagnostics diags;
  EXPECT_FALSE(write_report(testing::sample_report(), ReportFormat::xlsx, {}, dir_ + "/report.xlsx", diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_write);
  EXPECT_EQ(entries(), std::vector<std::string>{"report.xlsx"});
}

TEST_F(ReportXlsx, OverlongCellsAreCutToExcelsLimit) {
  Report r;
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "體";  // 60,000 bytes
  r.findings.push_back({"a.csv", 1, "", "x", rules::CheckSeverity::error, "m", huge, "", ""});
  Diagnostics diags;
  ASSERT_TRUE(write_report(r, ReportFormat::xlsx, {}, dir_ + "/r.xlsx", diags));
  EXPECT_TRUE(diags.empty());
}

}  // namespace
}  // namespace fangyi::check
