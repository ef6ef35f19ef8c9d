#include "html/seeds.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "support/temp_dir.h"

namespace fangyi::html {
namespace {

const char* kQa =
    "縮短居家隔離天數 3+4 天方案 Q A\n"
    "\n"
    "序號\t問題\t回答\n"
    "1.\t新制居家隔離何時開始適用？\t自 4 月 26 日起適用。\n"
    "11.\t當學校有確診個案時，防疫長要做什麼？\t1. 事先發放 … 4. 通知密切接觸者\n"
    "12.\t學生防疫單\t…\n";

const char* kSlides =
    "大綱\n"
    "壹、系統操作說明\n"
    "- 三、居家快篩\n"
    "壹、系統操作說明(10/13)\n"
    "三、居家快篩\n"
    "- 學校於第10至12天提醒學生快篩\n"
    "貳、填報注意事項(2/4)\n"
    "●Q1：入住集中檢疫所之學生需不需要系統填報？\n"
    "●Q7：每日於系統上填報時間為何？\n";

TEST(SeedLocate, FindsNumberedQuestions) {
  EXPECT_EQ(SeedLibrary::locate(split_lines(kQa), "Q11、4."), 5);
  EXPECT_EQ(SeedLibrary::locate(split_lines(kQa), "Q1"), 4);
  EXPECT_EQ(SeedLibrary::locate(split_lines(kQa), "Q12、1."), 6);
}

TEST(SeedLocate, AnItemInsideTheAnswerLineOfItsQuestion) {
  const char* qa =
      "9.\t密切接觸者如何認定？\t1. 以確診者發病日前 2 日起所接觸者。 2. 同住親友。\n"
      "10.\t居隔需要照顧者陪同？\t1. 12 歲以下兒童。\n"
      "11.\t防疫長要做什麼？\t事先發放 1. 防疫單\n";
  EXPECT_EQ(SeedLibrary::locate(split_lines(qa), "Q9、1."), 1) << "the tab before 1. is a blank";
  EXPECT_EQ(SeedLibrary::locate(split_lines(qa), "Q10、1."), 2);
  EXPECT_EQ(SeedLibrary::locate(split_lines(qa), "Q9、3."), 1) << "an item not found stays at its question";
}

TEST(SeedLocate, AHeadingCitedWithAnItemNumber) {
  const char* slides =
      "(3) 篩選結果清單\n"
      "確認狀態說明：\n"
      "- 已確認：地址及電話皆已確認\n";
  EXPECT_EQ(SeedLibrary::locate(split_lines(slides), "(3) 確認狀態說明1"), 2);
  EXPECT_EQ(SeedLibrary::locate(split_lines(slides), "(3) 篩選結果清單"), 1);
}

TEST(SeedLocate, FollowsHeadingsInOrder) {
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "壹、三、居家快篩"), 3);
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "貳、Q7"), 9);
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "貳、填報注意事項(1/4)"), 7) << "the page counter may differ";
}

TEST(SeedLocate, SiblingsLinkToTheFirst) {
  EXPECT_EQ(SeedLibrary::locate(split_lines(kQa), "Q1、Q11、Q12"), 4);
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "壹、貳"), 2);
}

TEST(SeedLocate, OnlyTheFirstOfSeveralReferences) {
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "貳、Q1；壹、三、居家快篩"), 8);
}

TEST(SeedLocate, NothingFoundIsZero) {
  EXPECT_EQ(SeedLibrary::locate(split_lines(kSlides), "附件9"), 0);
}

TEST(SeedNumber, IsThePrefix) { EXPECT_EQ(seed_number("004_2af245062d31c947.txt"), "004"); }

class SeedLibraryTest : public fangyi::testing::TempDir {};

TEST_F(SeedLibraryTest, PagesHaveALinkableLinePerLineAndLinksPointAtThem) {
  std::ofstream(std::filesystem::path(dir_) / "004_x.txt") << kQa;
  Diagnostics diags;
  SeedLibrary lib = SeedLibrary::load(dir_, {"004_x.txt"}, diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(lib.href({"004_x.txt", "Q11"}), "seed-004_x.html#L5");
  std::string link = lib.link({"004_x.txt", "Q11、4."}, Lang::zh_TW);
  EXPECT_NE(link.find("<a class=\"source\" href=\"seed-004_x.html#L5\">"), std::string::npos) << link;
  EXPECT_NE(link.find("004 Q11、4."), std::string::npos) << link;
  auto pages = lib.pages(Lang::zh_TW);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].file, "seed-004_x.html");
  EXPECT_EQ(pages[0].group, PageGroup::seeds);
  EXPECT_NE(pages[0].body.find("<p id=\"L5\">"), std::string::npos);
  EXPECT_EQ(pages[0].body.find("<p id=\"L2\">"), std::string::npos) << "blank lines are skipped";
  EXPECT_NE(pages[0].title.find("縮短居家隔離天數"), std::string::npos);
}

TEST_F(SeedLibraryTest, AMissingSeedIsAWarningAndItsCitationsAreText) {
  Diagnostics diags;
  SeedLibrary lib = SeedLibrary::load(dir_, {"009_missing.txt"}, diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::warning);
  EXPECT_EQ(lib.href({"009_missing.txt", "Q1"}), "");
  EXPECT_EQ(lib.link({"009_missing.txt", "Q1"}, Lang::en), "<span class=\"source\">source: 009 Q1</span>");
  EXPECT_TRUE(lib.pages(Lang::zh_TW).empty());
}

}  // namespace
}  // namespace fangyi::html
