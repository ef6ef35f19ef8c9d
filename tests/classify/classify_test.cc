// classify over the default rules: every cohort branch with a person inside
// it and one just outside, day 0 per branch, the key dates under the 10-day
// and 3+4 home isolation and across the 2022-04-26 change, people no branch
// matches, classifying twice, and the CSV and XLSX written back.
#include "classify/classify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "check/inputs.h"
#include "support/compile_text.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace fangyi::classify {
namespace {

const char* kArrivals = "學校,姓名,證號,身分,入境日期,離開中國大陸日期,過去14天旅遊或居住省份\n";
const char* kContacts = "學校,姓名,身分證號,最後接觸日期\n";
const char* kCases = "學校,入境日期,姓名,證號,是否入住集中檢疫所\n";

class ClassifyTest : public testing::TempDir {
 protected:
  void SetUp() override {
    TempDir::SetUp();
    const auto& c = testing::default_rules();
    ASSERT_TRUE(c.rules) << c.rendered();
    rules = &*c.rules;
  }
  std::string write(const std::string& text, const std::string& name = "roster.csv") {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::optional<Classified> run(const std::string& text, DateStyle style = DateStyle::roc) {
    ClassifyRequest req;
    req.roster = write(text);
    req.date_style = style;
    req.today = Date::from_ymd(2022, 5, 1);
    return classify_roster(*rules, req, diags);
  }
  // The cell under `header` of person `row` (0-based).
  static std::string cell(const Classified& c, std::size_t row, const std::string& header) {
    auto it = std::find(c.headers.begin(), c.headers.end(), header);
    EXPECT_NE(it, c.headers.end()) << header;
    if (it == c.headers.end() || row >= c.rows.size()) return "<none>";
    return c.rows[row][std::size_t(it - c.headers.begin())];
  }
  const rules::RuleSet* rules = nullptr;
  Diagnostics diags;
};

TEST_F(ClassifyTest, MainlandBranchesAndTheirEdges) {
  auto c = run(std::string(kArrivals) +
               "中山,甲,109013572468,陸生,109/01/25,109/01/24,湖南省、湖北省\n"  // cohort-1: the last day before 1/26
               "中山,乙,109013572469,陸生,109/01/26,109/01/26,湖北省\n"          // Hubei, but on 1/26: cohort-3
               "中山,丙,109013572470,陸生,109/01/25,,福建省\n"                   // cohort-2, no left date
               "中山,丁,109013572471,陸生,109/01/26,,福建省\n"                   // not before 1/26: cohort-3
               "中山,戊,109013572472,陸生,109/02/15,109/02/03,上海市\n"          // cohort-3, left before entry
               "中山,己,109013572473,陸生,,,湖北省\n");                          // not arrived: no branch
  ASSERT_TRUE(c) << render_all(diags, {}, Lang::en);
  EXPECT_EQ(c->cohort, "mainland-students");
  ASSERT_EQ(c->rows.size(), 6u);
  const std::vector<std::string> want_cohort = {"第一類：集中檢疫", "第三類：集中監測", "第二類：自主健康管理",
                                                "第三類：集中監測", "第三類：集中監測", ""};
  const std::vector<std::string> want_scheme = {"centralized-quarantine", "centralized-monitoring",
                                                "self-health-management-mainland", "centralized-monitoring",
                                                "centralized-monitoring", ""};
  // Day 0 is the day of leaving mainland China, else the entry date.
  const std::vector<std::string> want_day0 = {"109/01/24", "109/01/26", "109/01/25", "109/01/26", "109/02/03", ""};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(cell(*c, i, "類別"), want_cohort[i]) << i;
    EXPECT_EQ(cell(*c, i, "方案代碼"), want_scheme[i]) << i;
    EXPECT_EQ(cell(*c, i, "第0天"), want_day0[i]) << i;
  }
  EXPECT_EQ(cell(*c, 0, "適用方案"), "集中檢疫");
  EXPECT_EQ(cell(*c, 0, "集中檢疫起"), "109/01/25");
  EXPECT_EQ(cell(*c, 0, "集中檢疫迄"), "109/02/07");
  EXPECT_EQ(cell(*c, 0, "解除日"), "109/02/08");
  EXPECT_EQ(cell(*c, 0, "返校日"), "109/02/08");
  EXPECT_EQ(cell(*c, 0, "自主健康管理起"), "");
  // Self-health management confines no one: no release, back after day 14.
  EXPECT_EQ(cell(*c, 2, "自主健康管理起"), "109/01/26");
  EXPECT_EQ(cell(*c, 2, "自主健康管理迄"), "109/02/08");
  EXPECT_EQ(cell(*c, 2, "解除日"), "");
  EXPECT_EQ(cell(*c, 2, "返校日"), "109/02/09");
  EXPECT_EQ(cell(*c, 4, "集中監測起"), "109/02/04");
  EXPECT_EQ(cell(*c, 4, "集中監測迄"), "109/02/17");
  EXPECT_EQ(cell(*c, 0, "判定依據"),
            "cohort-1：has(入境日期) and 入境日期 < 2020-01-26 and \"湖北省\" in 過去14天旅遊或居住省份");
  EXPECT_EQ(cell(*c, 2, "判定依據"), "cohort-2：has(入境日期) and 入境日期 < 2020-01-26");
  EXPECT_EQ(cell(*c, 5, "判定依據"), "無符合的分類（已試：cohort-1、cohort-2、cohort-3）");
  EXPECT_EQ(c->unmatched, 1u);
  EXPECT_EQ(c->unscheduled, 0u);
}

TEST_F(ClassifyTest, NoMatchIsAWarningWithTheRow) {
  auto c = run(std::string(kArrivals) + "中山,甲,109013572468,陸生,109/02/15,,\n中山,乙,109013572469,陸生,,,\n");
  ASSERT_TRUE(c);
  EXPECT_FALSE(diags.has_errors());
  ASSERT_EQ(diags.items().size(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.message, Msg::classify_unmatched);
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.args[1], "cohort-1、cohort-2、cohort-3");
  EXPECT_EQ(cell(*c, 1, "類別"), "");
  EXPECT_EQ(cell(*c, 1, "第0天"), "");
  EXPECT_EQ(cell(*c, 1, "集中監測起"), "");
}

TEST_F(ClassifyTest, CountsPerBranchAndScheme) {
  auto c = run(std::string(kContacts) + "松柏,甲,B184784905,111/04/10\n松柏,乙,B286506474,111/04/26\n" +
               "松柏,丙,B188904056,111/04/20\n松柏,丁,B246164723,\n");
  ASSERT_TRUE(c);
  ASSERT_EQ(c->counts.size(), 2u);
  EXPECT_EQ(c->counts[0].scheme_id, "home-isolation-10");
  EXPECT_EQ(c->counts[0].people, 2u);
  EXPECT_EQ(c->counts[1].scheme_id, "home-isolation-3plus4");
  EXPECT_EQ(c->counts[1].people, 1u);
  EXPECT_EQ(c->unmatched, 1u);
  std::string summary = classify_summary(*c, Lang::zh_TW);
  EXPECT_NE(summary.find("close-contact（密切接觸者：居家隔離）→ 居家隔離（舊制 10 天）（home-isolation-10）：2 人"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("未能分類：1 人"), std::string::npos) << summary;
}

TEST_F(ClassifyTest, HomeIsolationTenDaysThreePlusFourAndTheChange) {
  auto c = run(std::string(kContacts) +
               "松柏,甲,B184784905,111/04/10\n"   // 10 days, released before the change
               "松柏,乙,B286506474,111/04/20\n"   // 10 days, released early on 4/27
               "松柏,丙,B188904056,111/04/23\n"   // the seed's example: day 0 4/23, released 4/27
               "松柏,丁,B246164723,111/04/24\n"   // only 3 days confined by 4/27: released by 3+4 on 4/28
               "松柏,戊,B100376118,111/04/26\n"   // 3+4 from the start
               "松柏,己,B218674081,\n");          // no last contact: no branch
  ASSERT_TRUE(c) << render_all(diags, {}, Lang::en);
  struct Want {
    std::string scheme, iso_from, iso_to, self_from, self_to, rapid, release, back, transition;
  };
  const std::string to34 = "改依 居家隔離（3+4）（home-isolation-3plus4），";
  const std::vector<Want> want = {
      {"home-isolation-10", "111/04/11", "111/04/20", "", "", "", "111/04/21", "111/04/21", ""},
      {"home-isolation-10", "111/04/21", "111/04/26", "111/04/27", "111/04/27", "111/04/27", "111/04/27", "111/04/28",
       to34 + "111/04/27 解除隔離"},
      {"home-isolation-10", "111/04/24", "111/04/26", "111/04/27", "111/04/30", "111/04/30", "111/04/27", "111/05/01",
       to34 + "111/04/27 解除隔離"},
      {"home-isolation-10", "111/04/25", "111/04/27", "111/04/28", "111/05/01", "111/05/01", "111/04/28", "111/05/02",
       to34 + "111/04/28 解除隔離"},
      {"home-isolation-3plus4", "111/04/27", "111/04/29", "111/04/30", "111/05/03", "111/05/03", "111/04/30",
       "111/05/04", ""},
      {"", "", "", "", "", "", "", "", ""},
  };
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(cell(*c, i, "方案代碼"), want[i].scheme) << i;
    EXPECT_EQ(cell(*c, i, "居家隔離起"), want[i].iso_from) << i;
    EXPECT_EQ(cell(*c, i, "居家隔離迄"), want[i].iso_to) << i;
    EXPECT_EQ(cell(*c, i, "自主防疫起"), want[i].self_from) << i;
    EXPECT_EQ(cell(*c, i, "自主防疫迄"), want[i].self_to) << i;
    EXPECT_EQ(cell(*c, i, "家用抗原快篩"), want[i].rapid) << i;
    EXPECT_EQ(cell(*c, i, "解除日"), want[i].release) << i;
    EXPECT_EQ(cell(*c, i, "返校日"), want[i].back) << i;
    EXPECT_EQ(cell(*c, i, "方案轉換"), want[i].transition) << i;
  }
  EXPECT_EQ(cell(*c, 0, "適用方案"), "居家隔離（舊制 10 天）");
  EXPECT_EQ(cell(*c, 4, "適用方案"), "居家隔離（3+4）");
  EXPECT_EQ(cell(*c, 0, "類別"), "密切接觸者：居家隔離");
  EXPECT_EQ(cell(*c, 0, "第0天"), "111/04/10");
  EXPECT_EQ(cell(*c, 0, "判定依據"), "close-contact：has(最後接觸日期)");
}

TEST_F(ClassifyTest, ForeignStudentsInHomeQuarantineAndTestWindows) {
  auto c = run(std::string(kCases) +
               "中山,2021/08/20,NGUYEN THI LAN,F899216676,否\n"
               "中山,2021/08/22,SITI NURHALIZA,F992496218,\n"     // unknown facility: still at home
               "中山,2021/08/23,KIM MIN-JUN,E832172614,是\n");    // in a quarantine facility: not the school's
  ASSERT_TRUE(c) << render_all(diags, {}, Lang::en);
  EXPECT_EQ(cell(*c, 0, "方案代碼"), "home-quarantine-foreign-students");
  EXPECT_EQ(cell(*c, 0, "第0天"), "110/08/20");
  EXPECT_EQ(cell(*c, 0, "居家檢疫起"), "110/08/21");
  EXPECT_EQ(cell(*c, 0, "居家檢疫迄"), "110/09/03");
  EXPECT_EQ(cell(*c, 0, "居家快篩(COVID-19抗原快篩)"), "110/08/30～110/09/01");
  EXPECT_EQ(cell(*c, 0, "PCR檢測"), "110/09/01～110/09/03");
  EXPECT_EQ(cell(*c, 0, "解除日"), "110/09/04");
  EXPECT_EQ(cell(*c, 1, "類別"), "居家檢疫境外生");
  EXPECT_EQ(cell(*c, 2, "類別"), "");
  EXPECT_EQ(c->unmatched, 1u);
}

TEST_F(ClassifyTest, DateStyleAppliesToAddedDatesOnly) {
  auto c = run(std::string(kContacts) + "松柏,甲,B184784905,111/04/26\n", DateStyle::iso);
  ASSERT_TRUE(c);
  EXPECT_EQ(cell(*c, 0, "最後接觸日期"), "111/04/26");
  EXPECT_EQ(cell(*c, 0, "第0天"), "2022-04-26");
  EXPECT_EQ(cell(*c, 0, "家用抗原快篩"), "2022-05-03");
}

TEST_F(ClassifyTest, KeepsEveryOriginalColumnInOrder) {
  auto c = run("備註,最後接觸日期,外加欄,姓名,身分證號,學校\n 前有空白 ,111/04/26,x,甲,B184784905,松柏\n");
  ASSERT_TRUE(c);
  const std::vector<std::string> first(c->headers.begin(), c->headers.begin() + 6);
  EXPECT_EQ(first, (std::vector<std::string>{"備註", "最後接觸日期", "外加欄", "姓名", "身分證號", "學校"}));
  EXPECT_EQ(c->headers[6], "類別");
  EXPECT_EQ(c->headers.back(), "判定依據");
  EXPECT_EQ(c->rows[0][0], " 前有空白 ");  // cells as read, untrimmed
  EXPECT_EQ(c->rows[0][2], "x");
  EXPECT_EQ(c->rows[0].size(), c->headers.size());
}

TEST_F(ClassifyTest, ClassifyingTwiceReplacesTheAddedColumns) {
  auto first = run(std::string(kContacts) + "松柏,甲,B184784905,111/04/20\n松柏,乙,B286506474,\n");
  ASSERT_TRUE(first);
  std::string once = classified_csv(*first);
  ClassifyRequest req;
  req.roster = write(once, "once.csv");
  req.today = Date::from_ymd(2022, 5, 1);
  auto second = classify_roster(*rules, req, diags);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->headers, first->headers);
  EXPECT_EQ(classified_csv(*second), once);
}

TEST_F(ClassifyTest, CsvQuotesAndNeutralisesFormulas) {
  auto c = run(std::string(kContacts) + "\"松柏,分部\",\"=HYPERLINK(\"\"http://x\"\",\"\"點我\"\")\",B184784905,111/04/26\n");
  ASSERT_TRUE(c) << render_all(diags, {}, Lang::en);
  std::string csv = classified_csv(*c);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\r\n\"松柏,分部\",\"'=HYPERLINK(\"\"http://x\"\",\"\"點我\"\")\",B184784905,111/04/26,"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",判定依據\r\n"), std::string::npos);
}

TEST_F(ClassifyTest, XlsxIsReadableBackWithTheXlsxReader) {
  auto c = run(std::string(kContacts) + "松柏,=1+1,B184784905,111/04/20\n");
  ASSERT_TRUE(c);
  std::string path = dir_ + "/out.xlsx";
  ASSERT_TRUE(write_classified(*c, path, diags)) << render_all(diags, {}, Lang::en);
  Diagnostics read_diags;
  auto table = check::open_table(path, {}, read_diags);
  ASSERT_TRUE(table) << render_all(read_diags, {}, Lang::en);
  std::vector<std::string> headers;
  ASSERT_TRUE(table->header(headers));
  EXPECT_EQ(headers, c->headers);
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  ASSERT_TRUE(table->next(cells, line));
  ASSERT_EQ(cells.size(), c->headers.size());
  EXPECT_EQ(cells[1], "'=1+1");
  for (std::size_t i = 2; i < cells.size(); ++i) EXPECT_EQ(cells[i], c->rows[0][i]) << c->headers[i];
  EXPECT_FALSE(table->next(cells, line));
  // Written atomically: nothing but the workbook is left beside it.
  EXPECT_EQ(entries(), (std::vector<std::string>{"out.xlsx", "roster.csv"}));
}

TEST_F(ClassifyTest, RefusesToOverwriteTheRoster) {
  auto c = run(std::string(kContacts) + "松柏,甲,B184784905,111/04/20\n");
  ASSERT_TRUE(c);
  std::string before = testing::read_all(dir_ + "/roster.csv");
  EXPECT_FALSE(write_classified(*c, dir_ + "/roster.csv", diags));
  EXPECT_EQ(diags.items().back().message, Msg::io_would_overwrite_input);
  EXPECT_EQ(testing::read_all(dir_ + "/roster.csv"), before);
}

TEST_F(ClassifyTest, ADatasetNoCohortSortsIsAnError) {
  auto c = run("學校,姓名,證號,日期,上午體溫,下午體溫\n中山,甲,109013572468,109/01/20,36.5,36.6\n");
  EXPECT_FALSE(c);
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items().back().message, Msg::classify_no_cohort) << render_all(diags, {}, Lang::en);
}

TEST_F(ClassifyTest, ABadCellStopsWithRowAndColumn) {
  auto c = run(std::string(kContacts) + "松柏,甲,B184784905,111/04/20\n松柏,乙,B286506474,111/02/30\n");
  EXPECT_FALSE(c);
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_EQ(diags.items()[0].where.column, 4);
}

}  // namespace
}  // namespace fangyi::classify
