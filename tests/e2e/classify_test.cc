// End-to-end: `fangyi classify` on the bundled roster and on a close-contact
// fixture of its own (exact output), classifying its own output again (CSV
// and XLSX), exit codes and the summary, and `fangyi forms` printing each
// person on the forms of their scheme from classify's output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "support/run_binary.h"

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using testing::read_all;
using testing::run_fangyi;
using testing::scratch_dir;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

std::string classify(const std::string& args) {
  return "classify --rules " + q(testing::compiled_default_rules()) + " --today 2022-05-01 " + args;
}

const fs::path kFixtures = fs::path(FANGYI_SOURCE_DIR) / "tests" / "classify" / "fixtures";

TEST(ClassifyE2e, BundledRosterExactly) {
  auto r = run_fangyi(classify("--roster examples/roster/students.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_all(kFixtures / "students.classified.csv"));
  EXPECT_NE(r.err.find("cohort-1（第一類：集中檢疫）→ 集中檢疫（centralized-quarantine）：4 人"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cohort-3（第三類：集中監測）→ 集中監測（centralized-monitoring）：4 人"), std::string::npos) << r.err;
}

TEST(ClassifyE2e, MixedContactsExactlyWithAWarningAndExitOne) {
  auto r = run_fangyi(classify("--roster tests/classify/fixtures/contacts-mixed.csv"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, read_all(kFixtures / "contacts-mixed.classified.csv"));
  EXPECT_NE(r.err.find("tests/classify/fixtures/contacts-mixed.csv:4: 警告：此列不符合分類規則 close-contacts"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("未能分類：1 人"), std::string::npos) << r.err;
}

TEST(ClassifyE2e, EnglishSummaryAndQuiet) {
  auto en = run_fangyi("--lang en " + classify("--roster tests/classify/fixtures/contacts-mixed.csv -o /dev/null"));
  EXPECT_NE(en.err.find("this row matches no branch of the cohort rule close-contacts"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("not classified: 1"), std::string::npos) << en.err;
  auto quiet = run_fangyi(classify("--roster examples/roster/students.csv -q"));
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
}

TEST(ClassifyE2e, StdinAndFilesGiveTheSameOutput) {
  auto r = run_fangyi(classify("--roster - -q"), FANGYI_SOURCE_DIR, read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_all(kFixtures / "students.classified.csv"));
}

TEST(ClassifyE2e, ClassifyingItsOwnOutputChangesNothing) {
  fs::path dir = scratch_dir("classify-twice");
  for (const char* ext : {".csv", ".xlsx"}) {
    fs::path once = dir / (std::string("once") + ext), twice = dir / "twice.csv";
    auto r1 = run_fangyi(classify("--roster tests/classify/fixtures/contacts-mixed.csv -q -o " + q(once)));
    EXPECT_EQ(r1.exit_code, 1) << r1.err;
    auto r2 = run_fangyi(classify("--roster " + q(once) + " -q -o " + q(twice)));
    EXPECT_EQ(r2.exit_code, 1) << r2.err;
    EXPECT_EQ(read_all(twice), read_all(kFixtures / "contacts-mixed.classified.csv")) << ext;
  }
}

TEST(ClassifyE2e, InputErrorsExitTwoAndWriteNothing) {
  fs::path dir = scratch_dir("classify-errors");
  auto missing = run_fangyi(classify("--roster no-such.csv -o " + q(dir / "out.csv")));
  EXPECT_EQ(missing.exit_code, 2);
  auto self = run_fangyi(classify("--roster examples/roster/students.csv -o examples/roster/students.csv"));
  EXPECT_EQ(self.exit_code, 2);
  EXPECT_NE(self.err.find("拒絕覆寫"), std::string::npos) << self.err;
  auto no_cohort = run_fangyi(classify("--roster examples/exports/tku-temperature-log.csv -o " + q(dir / "out.csv")));
  EXPECT_EQ(no_cohort.exit_code, 2);
  EXPECT_NE(no_cohort.err.find("沒有分類規則"), std::string::npos) << no_cohort.err;
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
}

// The text of a PDF, white space removed.
std::string pdf_text(const fs::path& pdf) {
  fs::path txt = pdf;
  txt += ".txt";
  int status = std::system(("pdftotext -raw -enc UTF-8 " + q(pdf) + " " + q(txt)).c_str());
  EXPECT_EQ(status, 0) << pdf;
  std::string out;
  for (char c : read_all(txt))
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  return out;
}

TEST(ClassifyE2e, FormsReadClassifyOutputAndPrintEachPersonForTheirScheme) {
  fs::path dir = scratch_dir("classify-forms");
  auto c = run_fangyi(classify("--roster examples/roster/students.csv -q -o " + q(dir / "students.csv")));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto f = run_fangyi("forms --rules " + q(testing::compiled_default_rules()) + " --roster " + q(dir / "students.csv") +
                      " --form form-2 --form form-5 --form form-6 -o " + q(dir / "forms"));
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const std::vector<std::string> first = {"王雨桐", "李浩然", "張思涵", "劉子軒"},
                                 second = {"陳佳怡", "楊博文", "趙欣妍", "黃俊傑"},
                                 third = {"周雅琪", "吳昊天", "徐夢瑤", "孫嘉豪"};
  struct Form {
    std::string file;
    const std::vector<std::string>* on;
  };
  const std::vector<Form> forms = {{"附件2-集中檢疫場所人員管理彙整表.pdf", &first},
                                   {"附件5-學生自主健康管理彙整表.pdf", &second},
                                   {"附件6-集中監測場所人員管理彙整表.pdf", &third}};
  for (const Form& form : forms) {
    std::string text = pdf_text(dir / "forms" / form.file);
    for (const auto* group : {&first, &second, &third})
      for (const std::string& name : *group)
        EXPECT_EQ(text.find(name) != std::string::npos, group == form.on) << form.file << " " << name;
  }
  // Day 0 of 王雨桐 (left mainland 109/01/20) starts the register.
  EXPECT_NE(pdf_text(dir / "forms" / forms[0].file).find("109/01/20"), std::string::npos);
}

TEST(ClassifyE2e, FormsReadTheCloseContactOutputToo) {
  fs::path dir = scratch_dir("classify-contact-forms");
  auto c = run_fangyi(classify("--roster tests/classify/fixtures/contacts-mixed.csv -q -o " + q(dir / "contacts.xlsx")));
  ASSERT_EQ(c.exit_code, 1) << c.err;
  auto f = run_fangyi("forms --rules " + q(testing::compiled_default_rules()) + " --today 2022-05-01 --roster " +
                      q(dir / "contacts.xlsx") + " --form contact-list -o " + q(dir / "forms"));
  ASSERT_EQ(f.exit_code, 0) << f.err;
  fs::path pdf;
  for (const auto& e : fs::directory_iterator(dir / "forms")) pdf = e.path();
  std::string text = pdf_text(pdf);
  for (const char* name : {"吳承翰", "方語彤", "杜心怡", "高明遠"}) EXPECT_NE(text.find(name), std::string::npos) << name;
  // No branch matched 宋家和 (no last contact): on no scheme's form.
  EXPECT_EQ(text.find("宋家和"), std::string::npos);
}

}  // namespace
}  // namespace fangyi
