// End-to-end: `fangyi forms` and the forms stage of `fangyi build`. Every
// form's title, header, column and footer labels from seed 003 (and 004 for
// the contact list) are extracted from the PDF with pdftotext, in order; day
// rows follow the scheme; qpdf accepts every file; roster errors name their
// row and column and leave nothing written.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "support/pdf_text.h"
#include "support/run_binary.h"

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using testing::read_all;
using testing::run_fangyi;
using testing::scratch_dir;
using testing::q;
using testing::text_of;
using testing::tool;


std::string forms(const std::string& args) {
  return "forms --rules " + q(testing::compiled_default_rules()) + " --today 2020-02-01 " + args;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

// Each label, in order; the first one missing (or out of order), if any.
std::string first_missing(const std::string& text, const std::vector<std::string>& labels) {
  std::size_t at = 0;
  for (const std::string& l : labels) {
    std::size_t p = text.find(l, at);
    if (p == std::string::npos) return l;
    at = p + l.size();
  }
  return {};
}

struct SeedForm {
  const char* file;
  std::vector<std::string> labels;  // in reading order, white space removed
};

std::vector<std::string> grid(int n) {
  std::string s;
  for (int d = 1; d <= n; ++d) s += std::to_string(d);
  return {s};
}

std::vector<std::string> concat(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

const std::vector<SeedForm>& seed_forms() {
  static const std::vector<SeedForm> forms = {
      {"附件1-集中檢疫場所消毒作業原則.pdf",
       {"附件1", "集中檢疫場所消毒作業原則", "目的", "消毒時機", "消毒範圍", "附表：污染場所、污染物品的消毒方法", "消毒場所",
        "使用消毒劑", "使用濃度", "消毒方法", "使用過之馬桶"}},
      {"附件2-集中檢疫場所人員管理彙整表.pdf",
       concat({{"附件2", "集中檢疫場所人員管理彙整表", "姓名", "性別", "出生年月日", "聯絡電話", "宿舍編號", "開始檢疫日期",
                "集中檢疫期間是否出現類流感症狀"},
               grid(14),
               {"備註", "學校管理單位：", "管理人員：", "聯絡電話："}})},
      {"附件3-集中檢疫者每日量測體溫紀錄表.pdf",
       {"附件3", "集中檢疫者每日量測體溫紀錄表", "學校名稱：", "宿舍編號：", "姓名：", "班級：", "學號：", "天數", "日期",
        "上午體溫°C", "下午體溫°C", "症狀註記", "其他", "第1天", "第14天", "*倘您有發燒(≥38°C)或呼吸道症狀，請立聯繫學校管理人員，以儘速就醫治療。",
        "宿舍管理單位：", "管理人員：", "聯絡電話：", "健康中心/衛保組：", "護理人員：", "聯絡電話："}},
      {"附件4-因應嚴重特殊傳染性肺炎疫情學生自主健康管理通知書.pdf",
       {"附件4", "因應嚴重特殊傳染性肺炎疫情學生自主健康管理通知書", "姓名：", "身分證號：", "通知書開立日期：", "聯絡電話：",
        "聯絡地址：", "(本通知單為法律文件，請正確填寫，並將上聯給防疫人員，下聯自行保留)",
        "因應嚴重特殊傳染性肺炎疫情學生自主健康管理通知書", "最後一次接觸日：", "監測期間：",
        "因您曾有中國大陸旅遊史或居住史，為防範嚴重特殊傳染性肺炎之傳染，並保障您自己的健康，請在14日內，確實做好健康監測措施：",
        "一、自主健康管理期間不得變更居住地點。", "十、對本通知如有不服", "體溫及行程紀錄表", "填表人：",
        "與病例最後接觸日期：", "日期", "上午", "下午", "健康狀況", "活動史紀錄", "開立機關：", "連絡電話：", "學校管理單位：",
        "管理人員：", "聯絡電話：", "健康中心/衛保組：", "護理人員：", "聯絡電話："}},
      {"附件5-學生自主健康管理彙整表.pdf",
       concat({{"附件5", "學生自主健康管理彙整表", "姓名", "性別", "出生年月日", "聯絡電話", "居住地址", "開始管理日期",
                "自主健康管理期間是否出現類流感症狀"},
               grid(14),
               {"備註", "學校管理單位：", "管理人員：", "聯絡電話："}})},
      {"附件6-集中監測場所人員管理彙整表.pdf",
       concat({{"附件6", "集中監測場所人員管理彙整表", "姓名", "性別", "出生年月日", "聯絡電話", "宿舍編號", "開始檢疫日期",
                "集中檢疫期間是否出現類流感症狀"},
               grid(14),
               {"備註", "學校管理單位：", "管理人員：", "聯絡電話："}})},
      {"附件7-集中監測場所消毒作業原則.pdf",
       {"附件7", "集中監測場所消毒作業原則", "目的", "附表：污染場所、污染物品的消毒方法", "消毒場所", "使用消毒劑", "使用濃度",
        "消毒方法"}},
      {"附件8-集中監測者每日量測體溫紀錄表.pdf",
       {"附件8", "集中監測者每日量測體溫紀錄表", "學校名稱：", "宿舍編號：", "姓名：", "班級：", "學號：", "天數", "日期",
        "上午體溫°C", "下午體溫°C", "症狀註記", "其他", "第1天", "第14天", "宿舍管理單位：", "管理人員：", "聯絡電話：",
        "健康中心/衛保組：", "護理人員：", "聯絡電話："}},
      {"集中檢疫場所檢疫設施需求檢核表.pdf",
       {"集中檢疫場所檢疫設施需求檢核表", "學校名稱：", "檢疫設施需求", "符合", "不符合", "需為單獨樓層或獨棟建築，且有門禁管理措施。",
        "學校管理單位："}},
      {"集中監測場所設施需求檢核表.pdf", {"集中監測場所設施需求檢核表", "設施需求", "符合", "不符合"}},
      {"學生自主健康管理措施檢核表.pdf", {"學生自主健康管理措施檢核表", "自主健康管理措施", "符合", "不符合"}},
      {"密切接觸者名冊.pdf",
       {"密切接觸者名冊", "學校名稱：", "班級", "座號", "姓名", "身分證號", "性別", "出生日期", "最後接觸日期", "自有手機",
        "法定代理人姓名", "稱謂", "法定代理人手機", "預定陪同隔離者姓名", "居家隔離地址", "填表人：", "聯絡電話：", "防疫長："}},
      {"先行配合居家隔離宣導通知單.pdf",
       {"＿＿＿＿先行配合居家隔離宣導通知單", "姓名：", "班級：", "接觸類型：", "最後接觸確診者日期（第0天）：", "適用方案：",
        "返校日期：", "＿＿＿＿您好：", "確診個案之密切接觸者", "在家等待衛生單位通知", "並非居家隔離通知書",
        "一、以最後接觸「確診者」當日起算(第0天)。", "天數", "日期", "階段", "第1天", "第7天", "學校：", "防疫長：",
        "聯絡電話："}},
  };
  return forms;
}

class FormsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    blank_ = new fs::path(scratch_dir("forms-blank"));
    RunResult r = run_fangyi(forms("-o " + q(*blank_)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    filled_ = new fs::path(scratch_dir("forms-filled"));
    r = run_fangyi(forms("--roster examples/roster/students.csv -o " + q(*filled_)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete blank_;
    delete filled_;
  }
  using RunResult = testing::RunResult;
  static fs::path* blank_;
  static fs::path* filled_;
};
fs::path* FormsTest::blank_ = nullptr;
fs::path* FormsTest::filled_ = nullptr;

TEST_F(FormsTest, EveryBlankFormHasTheSeedLabelsInOrder) {
  for (const SeedForm& f : seed_forms()) {
    fs::path pdf = *blank_ / f.file;
    ASSERT_TRUE(fs::exists(pdf)) << f.file;
    EXPECT_EQ(first_missing(text_of(pdf), f.labels), "") << f.file;
  }
}

TEST_F(FormsTest, EveryFormPassesQpdfAndEmbedsOneFontSubset) {
  for (const fs::path& dir : {*blank_, *filled_}) {
    for (const auto& e : fs::directory_iterator(dir)) {
      int code = -1;
      tool("qpdf --check " + q(e.path()), &code);
      EXPECT_EQ(code, 0) << e.path();
      std::string fonts = tool("pdffonts " + q(e.path()));
      EXPECT_EQ(count(fonts, "UMingTW"), 1) << e.path() << "\n" << fonts;
      EXPECT_NE(fonts.find("CID TrueType"), std::string::npos);
      EXPECT_NE(fonts.find("yes yes yes"), std::string::npos) << "embedded, subset, with ToUnicode\n" << fonts;
    }
  }
}

TEST_F(FormsTest, BlankLogHasFourteenRowsAndNoDates) {
  std::string text = text_of(*blank_ / "附件3-集中檢疫者每日量測體溫紀錄表.pdf");
  for (int d = 1; d <= 14; ++d) EXPECT_EQ(count(text, "第" + std::to_string(d) + "天"), 1) << d;
  EXPECT_EQ(count(text, "第15天"), 0);
  EXPECT_EQ(count(text, "月日"), 14);
}

TEST_F(FormsTest, PrefilledLogHasACopyPerStudentOfTheScheme) {
  // Cohort 1 of the roster (entered before 2020-01-26, Hubei in the last 14
  // days): four students, each with day 1 the day after leaving.
  std::string text = text_of(*filled_ / "附件3-集中檢疫者每日量測體溫紀錄表.pdf", true);
  EXPECT_EQ(count(text, "集中檢疫者每日量測體溫紀錄表"), 4);
  EXPECT_EQ(count(text, "第14天"), 4);
  EXPECT_EQ(count(text, "第15天"), 0);
  EXPECT_EQ(first_missing(text, {"學校名稱：私立淡江大學", "宿舍編號：松濤館C429", "姓名：王雨桐", "班級：資訊工程學系碩士班一年級",
                                 "學號：689010559", "第1天109/01/21", "第14天109/02/03"}),
            "");
  for (const char* name : {"李浩然", "張思涵", "劉子軒"}) EXPECT_EQ(count(text, name), 1) << name;
  EXPECT_EQ(count(text, "陳佳怡"), 0) << "cohort 2 is not on the quarantine log";
  std::string pages = tool("pdfinfo " + q(*filled_ / "附件3-集中檢疫者每日量測體溫紀錄表.pdf"));
  EXPECT_TRUE(std::regex_search(pages, std::regex("Pages:\\s+4\\b"))) << pages;
  EXPECT_TRUE(std::regex_search(pages, std::regex("Title:\\s+附件3 集中檢疫者每日量測體溫紀錄表"))) << pages;
  EXPECT_NE(pages.find("CreationDate:"), std::string::npos) << pages;
}

TEST_F(FormsTest, PrefilledRegisterListsEveryoneOfTheScheme) {
  std::string text = text_of(*filled_ / "附件5-學生自主健康管理彙整表.pdf", true);
  EXPECT_EQ(first_missing(text, {"姓名", "陳佳怡", "女", "90/01/18", "0937810656", "109/01/20", "楊博文", "趙欣妍", "黃俊傑"}), "");
  EXPECT_EQ(count(text, "王雨桐"), 0);
}

TEST_F(FormsTest, NoticeFillsTheMonitoringPeriod) {
  std::string text = text_of(*filled_ / "附件4-因應嚴重特殊傳染性肺炎疫情學生自主健康管理通知書.pdf", true);
  // 陳佳怡 left on 109/01/20: monitored 109/01/21 to 109/02/03.
  EXPECT_EQ(first_missing(text, {"姓名：陳佳怡", "通知書開立日期：109/01/27", "最後一次接觸日：109/01/20",
                                 "監測期間：109/01/21至109/02/03", "填表人：陳佳怡", "1109/01/21", "14109/02/03"}),
            "");
}

TEST(Forms, DateStyleIsConfigurable) {
  fs::path dir = scratch_dir("forms-gregorian");
  auto r = run_fangyi(forms("--roster examples/roster/students.csv --form form-3 --date-style gregorian -o " + q(dir)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = text_of(dir / "附件3-集中檢疫者每日量測體溫紀錄表.pdf", true);
  EXPECT_NE(text.find("第1天2020/01/21"), std::string::npos);
  EXPECT_EQ(text.find("109/01/21"), std::string::npos);
}

TEST(Forms, BlankFormsWithDay0HaveDates) {
  fs::path dir = scratch_dir("forms-day0");
  auto r = run_fangyi(forms("--form form-8 --day0 2020-03-01 --date-style iso -o " + q(dir)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = text_of(dir / "附件8-集中監測者每日量測體溫紀錄表.pdf");
  EXPECT_EQ(first_missing(text, {"第1天", "2020-03-02", "第14天", "2020-03-15"}), "");
}

TEST(Forms, SchemeLengthDrivesTheRows) {
  fs::path dir = scratch_dir("forms-ten-days");
  for (const char* sub : {"rules", "forms"})
    fs::copy(fs::path(FANGYI_SOURCE_DIR) / sub, dir / sub, fs::copy_options::recursive);
  fs::path scheme = dir / "rules/schemes/centralized-quarantine.yaml";
  std::string yaml = read_all(scheme);
  std::size_t at = yaml.find("days: 1..14");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 11, "days: 1..10");
  std::ofstream(scheme, std::ios::binary) << yaml;
  auto r = run_fangyi("compile rules forms -o rules.fyb", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_fangyi("forms --rules rules.fyb --today 2020-02-01 --form form-2 --form form-3 -o out", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string log = text_of(dir / "out/附件3-集中檢疫者每日量測體溫紀錄表.pdf");
  EXPECT_EQ(count(log, "第10天"), 1);
  EXPECT_EQ(count(log, "第11天"), 0);
  std::string reg = text_of(dir / "out/附件2-集中檢疫場所人員管理彙整表.pdf");
  EXPECT_NE(reg.find("類流感症狀12345678910備註"), std::string::npos);
}

TEST(Forms, RosterErrorNamesRowAndColumnAndWritesNothing) {
  fs::path dir = scratch_dir("forms-bad-roster");
  std::string csv = read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv");
  std::size_t at = csv.find("109/01/25,109/01/25,109/01/25");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, 9, "109/02/30");
  std::ofstream(dir / "roster.csv", std::ios::binary) << csv;
  auto r = run_fangyi(forms("--roster " + q(dir / "roster.csv") + " -o " + q(dir / "out")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("roster.csv:5:12"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("109/02/30"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Forms, MissingRosterColumnIsAnError) {
  fs::path dir = scratch_dir("forms-missing-column");
  std::ofstream(dir / "roster.csv", std::ios::binary) << "學校,入境日期\n私立淡江大學,109/01/20\n";
  auto r = run_fangyi(forms("--roster " + q(dir / "roster.csv") + " -o " + q(dir / "out")));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Forms, NameOutsideTheBmpIsRefusedNamingPersonAndCharacter) {
  fs::path dir = scratch_dir("forms-ext-b");
  std::string csv = read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv");
  std::size_t at = csv.find("李浩然");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, std::string("李浩然").size(), "李\U0002000B然");
  std::ofstream(dir / "roster.csv", std::ios::binary) << csv;
  auto r = run_fangyi(forms("--roster " + q(dir / "roster.csv") + " -o " + q(dir / "out")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("roster.csv:3:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("李\U0002000B然"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("U+2000B"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Forms, Big5RosterReadsLikeUtf8) {
  fs::path dir = scratch_dir("forms-big5");
  // Without the UTF-8 byte order mark, which Big5 cannot hold.
  std::string cmd = "tail -c +4 " + q(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv") +
                    " | iconv -f UTF-8 -t BIG5 > " + q(dir / "big5.csv");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto r = run_fangyi(forms("--roster " + q(dir / "big5.csv") + " --form form-3 -o " + q(dir / "out")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = text_of(dir / "out/附件3-集中檢疫者每日量測體溫紀錄表.pdf", true);
  EXPECT_EQ(first_missing(text, {"姓名：王雨桐", "姓名：李浩然", "姓名：張思涵", "姓名：劉子軒"}), "");
}

TEST(Forms, UnknownFormSuggestsTheNearest) {
  auto r = run_fangyi(forms("--form form-33 -o /tmp/never-written"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("form-33"), std::string::npos);
  EXPECT_NE(r.err.find("form-3"), std::string::npos);
}

TEST(Forms, MissingFontIsAnError) {
  auto r = run_fangyi(forms("--font /nonexistent.ttc:2 -o /tmp/never-written"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent.ttc"), std::string::npos);
}

TEST(Build, RendersEveryFormBlankAndForTheExampleRoster) {
  fs::path dir = scratch_dir("build-forms");
  for (const char* sub : {"rules", "forms"})
    fs::copy(fs::path(FANGYI_SOURCE_DIR) / sub, dir / sub, fs::copy_options::recursive);
  fs::create_directories(dir / "examples");
  fs::copy(fs::path(FANGYI_SOURCE_DIR) / "examples/roster", dir / "examples/roster", fs::copy_options::recursive);
  auto r = run_fangyi("build " + q(dir) + " --today 2020-02-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int blank = 0, filled = 0;
  for (const auto& e : fs::directory_iterator(dir / "out/forms/空白")) blank += e.path().extension() == ".pdf";
  for (const auto& e : fs::directory_iterator(dir / "out/forms/students")) filled += e.path().extension() == ".pdf";
  EXPECT_EQ(blank, int(seed_forms().size()));
  EXPECT_GE(filled, 8);
  EXPECT_TRUE(fs::exists(dir / "out/forms/students/附件4-因應嚴重特殊傳染性肺炎疫情學生自主健康管理通知書.pdf"));
}

}  // namespace
}  // namespace fangyi
