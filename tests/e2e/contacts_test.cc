// End-to-end: `fangyi contacts` on the bundled confirmed-case scenario
// (examples/contacts/): the list as CSV read back by `fangyi check`, whose
// 004 roster checks flag exactly the children the list asks a companion
// for; the PDF list and one notice per contact, read with pdftotext and
// accepted by qpdf; a seating chart alone; errors leave nothing behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/pdf_text.h"
#include "support/run_binary.h"

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using testing::q;
using testing::read_all;
using testing::run_fangyi;
using testing::RunResult;
using testing::scratch_dir;
using testing::text_of;
using testing::tool;

std::string contacts(const std::string& args) {
  return "contacts --rules " + q(testing::compiled_default_rules()) + " " + args;
}

int lines_containing(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

class Scenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new fs::path(scratch_dir("contacts") / "qinghe");
    run_ = new RunResult(run_fangyi(contacts("--school examples/contacts/qinghe-2022-05-04.yaml -o " + q(*out_))));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete run_;
  }
  static fs::path* out_;
  static RunResult* run_;
};
fs::path* Scenario::out_ = nullptr;
RunResult* Scenario::run_ = nullptr;

TEST_F(Scenario, SummarySaysWhoWhyAndTheSuspension) {
  ASSERT_EQ(run_->exit_code, 0) << run_->err;
  const std::string& s = run_->out;
  EXPECT_NE(s.find("確診者：楊冠宇（六年一班）；發病日：111/05/04\n"), std::string::npos) << s;
  EXPECT_NE(s.find("匡列期間：111/05/02 至 111/05/04"), std::string::npos) << s;
  EXPECT_NE(s.find("密切接觸者 27 人\n"), std::string::npos) << s;
  // The homeroom and the Tuesday and Wednesday teachers; not the Friday English teacher.
  EXPECT_NE(s.find("六年一班自然課（授課教師 何子維，最後 5/3 第 3 節）"), std::string::npos) << s;
  EXPECT_EQ(s.find("六年一班英語課"), std::string::npos) << s;
  // Across the bus aisle, but not two rows back.
  EXPECT_NE(s.find("交通車「1號車」座位 R3C4，在確診者 R3C2 之九宮格內"), std::string::npos) << s;
  EXPECT_EQ(s.find("座位 R1C4，在確診者 R3C2"), std::string::npos) << s;
  EXPECT_NE(s.find("同住親友「S60107家」"), std::string::npos) << s;
  EXPECT_NE(s.find("超過 1/3，全校停課 7 天（111/05/05 至 111/05/11）"), std::string::npos) << s;
}

TEST_F(Scenario, TheListIsAValidCloseContactExportAndCheckFlagsTheMissingCompanions) {
  ASSERT_EQ(run_->exit_code, 0) << run_->err;
  std::string csv = read_all(*out_ / "密切接觸者名冊.csv");
  EXPECT_EQ(lines_containing(csv, "\r\n"), 28);  // header + 27
  int asked = lines_containing(csv, "未滿 13 歲，須加填預定陪同隔離者");
  EXPECT_GT(asked, 0);
  RunResult check = run_fangyi("check --rules " + q(testing::compiled_default_rules()) +
                               " --today 2022-05-05 --format jsonl " + q(*out_ / "密切接觸者名冊.csv"));
  EXPECT_EQ(check.exit_code, 1) << check.err;
  EXPECT_EQ(lines_containing(check.out, "\"rule\":\"contact-child-companion\""), asked) << check.out;
  EXPECT_EQ(lines_containing(check.out, "\n"), asked) << check.out;
}

TEST_F(Scenario, ThePdfListAndOneNoticePerContact) {
  ASSERT_EQ(run_->exit_code, 0) << run_->err;
  for (const char* pdf : {"密切接觸者名冊.pdf", "先行配合居家隔離宣導通知單.pdf"}) {
    int code = -1;
    tool("qpdf --check " + q(*out_ / pdf), &code);
    EXPECT_EQ(code, 0) << pdf;
  }
  std::string list = text_of(*out_ / "密切接觸者名冊.pdf", true);
  EXPECT_NE(list.find("密切接觸者名冊"), std::string::npos);
  EXPECT_NE(list.find("學校名稱：新北市立清河國民小學"), std::string::npos) << list;
  EXPECT_NE(list.find("楊品妍"), std::string::npos) << list;
  EXPECT_EQ(list.find("楊冠宇"), std::string::npos);  // the case is not their own contact
  std::string pages = tool("pdfinfo " + q(*out_ / "先行配合居家隔離宣導通知單.pdf"));
  EXPECT_NE(pages.find("Pages:           27\n"), std::string::npos) << pages;
  std::string first = text_of(*out_ / "先行配合居家隔離宣導通知單.pdf");
  EXPECT_NE(first.find("新北市立清河國民小學先行配合居家隔離宣導通知單"), std::string::npos);
  EXPECT_NE(first.find("居家隔離111/05/05至111/05/07；自主防疫111/05/08至111/05/11"), std::string::npos) << first;
  EXPECT_NE(first.find("並非居家隔離通知書"), std::string::npos);
}

TEST(Contacts, ASeatingChartAloneBySeat) {
  fs::path out = scratch_dir("contacts-seating");
  RunResult r = run_fangyi(contacts("--seating examples/contacts/seating/bus-1.csv --group-type 交通車 --case R3C2 "
                                    "--onset 2022-05-04 -o " + q(out / "bus")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Six: the seat behind the case is empty, and the one behind across the aisle too.
  EXPECT_NE(r.out.find("密切接觸者 6 人\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("交通車「bus-1」座位 R2C4，在確診者 R3C2 之九宮格內"), std::string::npos) << r.out;
}

TEST(Contacts, AnUnknownCaseIsAnErrorAndNothingIsWritten) {
  fs::path out = scratch_dir("contacts-unknown");
  RunResult r = run_fangyi(contacts("--school examples/contacts/qinghe-2022-05-04.yaml --case S60177 -o " + q(out / "x")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("錯誤：找不到確診者「S60177」"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("您是不是要寫「S60107」？"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(out));
}

TEST(Contacts, ABadDateInTheTimetableNamesItsRowAndColumn) {
  fs::path dir = scratch_dir("contacts-bad-date");
  for (const char* f : {"people.csv", "groups.csv"}) fs::copy_file(fs::path("examples/contacts") / f, dir / f);
  std::ofstream(dir / "timetable.csv", std::ios::binary) << "日期,節次,班級,授課教師編號\n2022-05-03,1,六年一班,T01\n2022-13-40,2,六年一班,T01\n";
  std::ofstream(dir / "school.yaml", std::ios::binary)
      << "school: 測試\npeople: people.csv\ngroups: groups.csv\ntimetable: timetable.csv\n";
  RunResult r = run_fangyi(contacts("--school " + q(dir / "school.yaml") + " --case S60107 --onset 2022-05-04 -o " +
                                    q(dir / "out")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "timetable.csv").string() + ":3:1: 錯誤："), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

}  // namespace
}  // namespace fangyi
