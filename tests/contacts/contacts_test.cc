// write_contacts: the list in the list dataset's columns, the notes a child
// without a companion gets, the files written, and nothing written (the old
// folder kept) when anything fails.
#include "contacts/contacts.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/compile_text.h"
#include "support/temp_dir.h"

namespace fangyi::contacts {
namespace {

namespace fs = std::filesystem;

class Writing : public testing::TempDir {
 protected:
  const rules::RuleSet& rules() { return *testing::default_rules().rules; }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }

  void school() {
    write("people.csv",
          "學校,人員編號,姓名,身分,班級,出生日期,自有手機,預定陪同隔離者姓名\n"
          "測試國小,S1,王小明,學生,六年一班,2010-01-01,,\n"
          "測試國小,S2,李小華,學生,六年一班,2010-03-02,,李大同\n"
          "測試國小,S3,陳小美,學生,六年一班,2010-04-03,0912345678,\n"
          "測試國小,S4,林小強,學生,六年一班,,,\n"
          "測試國小,S5,張小芬,學生,六年二班,2010-05-04,,\n");
    write("school.yaml", "school: 測試國小\npeople: people.csv\ncase: {person: S1, onset: 2022-05-04}\n");
  }

  ContactsRequest request() {
    ContactsRequest req;
    req.school = dir_ + "/school.yaml";
    req.out_dir = dir_ + "/out";
    req.created = 0;
    return req;
  }
};

TEST_F(Writing, TheListHasTheListDatasetsColumnsAndAsksForCompanions) {
  school();
  Diagnostics diags;
  auto result = write_contacts(rules(), request(), diags);
  ASSERT_TRUE(result) << render_all(diags, {}, Lang::zh_TW);
  const rules::Dataset* list = rules().dataset("close-contacts");
  auto rows = contact_list_rows(*list, result->school, rules().contact_tracings.front(), result->trace, DateStyle::roc);
  ASSERT_EQ(rows.size(), 4u);
  auto at = [&](std::size_t row, const char* field) {
    return rows[row][std::size_t(list->field(field) - list->fields.data())];
  };
  EXPECT_EQ(at(0, "name"), "姓名");
  EXPECT_EQ(at(1, "name"), "李小華");
  EXPECT_EQ(at(1, "school"), "測試國小");
  EXPECT_EQ(at(1, "contact_type"), "同班同學");
  EXPECT_EQ(at(1, "last_contact"), "111/05/04");
  EXPECT_EQ(at(1, "case_onset"), "111/05/04");
  EXPECT_EQ(at(1, "birth_date"), "99/03/02");
  EXPECT_EQ(at(1, "reasons"), "同班（六年一班）");
  EXPECT_EQ(at(1, "companion_name"), "李大同");
  EXPECT_EQ(at(1, "note"), "");  // a companion is named already
  EXPECT_EQ(at(2, "own_mobile"), "0912345678");
  EXPECT_EQ(at(2, "note"), "未滿 13 歲，須加填預定陪同隔離者");
  EXPECT_EQ(at(3, "note"), "出生日期未填，無法判斷是否須陪同隔離者");
}

TEST_F(Writing, EveryPaperIsWrittenIntoTheFolder) {
  school();
  Diagnostics diags;
  auto result = write_contacts(rules(), request(), diags);
  ASSERT_TRUE(result) << render_all(diags, {}, Lang::zh_TW);
  EXPECT_EQ(result->files, (std::vector<std::string>{"密切接觸者名冊.csv", "密切接觸者名冊.xlsx", "密切接觸者名冊.pdf",
                                                     "先行配合居家隔離宣導通知單.pdf", "匡列說明.txt"}));
  for (const std::string& f : result->files) EXPECT_TRUE(fs::is_regular_file(dir_ + "/out/" + f)) << f;
  std::ifstream csv(dir_ + "/out/密切接觸者名冊.csv", std::ios::binary);
  std::string first;
  std::getline(csv, first);
  EXPECT_EQ(first.rfind("\xEF\xBB\xBF學校,班級,座號,身分,姓名,身分證號,性別,出生日期,接觸類型,", 0), 0u) << first;
  EXPECT_NE(result->summary.find("未滿 13 歲、尚未填預定陪同隔離者：陳小美\n"), std::string::npos) << result->summary;
  EXPECT_NE(result->summary.find("密切接觸者班級 1 班／全校 2 班：六年一班\n超過 1/3，全校停課 7 天（111/05/05 至 111/05/11）"),
            std::string::npos)
      << result->summary;
  // Only the folder itself is left: no staging folder beside it.
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "people.csv", "school.yaml"}));
}

TEST_F(Writing, AFailureKeepsThePreviousFolderAndLeavesNoStaging) {
  school();
  Diagnostics first;
  ASSERT_TRUE(write_contacts(rules(), request(), first));
  write("school.yaml", "school: 測試國小\npeople: people.csv\ncase: {person: S9, onset: 2022-05-04}\n");
  Diagnostics diags;
  EXPECT_FALSE(write_contacts(rules(), request(), diags));
  EXPECT_TRUE(fs::is_regular_file(dir_ + "/out/密切接觸者名冊.csv"));
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "people.csv", "school.yaml"}));
}

TEST_F(Writing, TheCommandLineOverridesTheManifestsCase) {
  school();
  ContactsRequest req = request();
  req.case_spec.who = "S5";
  Diagnostics diags;
  auto result = write_contacts(rules(), req, diags);
  ASSERT_TRUE(result) << render_all(diags, {}, Lang::zh_TW);
  EXPECT_TRUE(result->trace.contacts.empty());
  EXPECT_EQ(result->files, (std::vector<std::string>{"密切接觸者名冊.csv", "密切接觸者名冊.xlsx", "匡列說明.txt"}));
  EXPECT_NE(result->summary.find("沒有學生班級有密切接觸者，不需停課"), std::string::npos) << result->summary;
}

TEST_F(Writing, ASeatingChartAloneNamesTheCaseBySeat) {
  write("bus.csv", "甲,乙,走道,丙\n丁,戊,走道,己\n");
  ContactsRequest req;
  req.seating = {dir_ + "/bus.csv"};
  req.group_type = "交通車";
  req.case_spec.who = "R1C1";
  req.case_spec.onset = parse_date("2022-05-04");
  req.out_dir = dir_ + "/out";
  Diagnostics diags;
  auto result = write_contacts(rules(), req, diags);
  ASSERT_TRUE(result) << render_all(diags, {}, Lang::zh_TW);
  std::vector<std::string> names;
  for (const Contact& c : result->trace.contacts) names.push_back(result->school.persons[c.person].name);
  EXPECT_EQ(names, (std::vector<std::string>{"乙", "丁", "戊"}));
  EXPECT_EQ(result->trace.contacts.front().reasons.front().text, "交通車「bus」座位 R1C2，在確診者 R1C1 之九宮格內");
}

}  // namespace
}  // namespace fangyi::contacts
