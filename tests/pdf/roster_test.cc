// Rosters: read through the check readers, every cell checked up front.
#include "pdf/roster.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/compile_text.h"
#include "support/temp_dir.h"

namespace fangyi::pdf {
namespace {

class RosterTest : public testing::TempDir {
 protected:
  void SetUp() override {
    TempDir::SetUp();
    const auto& c = testing::default_rules();
    ASSERT_TRUE(c.rules) << c.rendered();
    rules = &*c.rules;
  }
  std::string write(const std::string& text) {
    std::string path = dir_ + "/roster.csv";
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  const rules::RuleSet* rules = nullptr;
  Diagnostics diags;
};

const char* kHeader = "學校,姓名,證號,入境日期,離開中國大陸日期\n";

TEST_F(RosterTest, ReadsRowsAndShowsDatesInStyle) {
  auto r = read_roster(*rules, write(std::string(kHeader) + "私立淡江大學,王雨桐,A123456789,109/01/20,2020-01-19\n"), {}, diags);
  ASSERT_TRUE(r) << diags.items().size();
  EXPECT_EQ(r->dataset->header.id, "student-arrivals");
  ASSERT_EQ(r->rows.size(), 1u);
  std::size_t slot = 0;
  while (r->dataset->fields[slot].id != "left_mainland_date") ++slot;
  EXPECT_EQ(r->display(r->rows[0], slot, DateStyle::roc), "109/01/19");
  EXPECT_EQ(r->display(r->rows[0], slot, DateStyle::gregorian), "2020/01/19");
}

TEST_F(RosterTest, BadDateNamesRowAndColumn) {
  auto r = read_roster(*rules,
                       write(std::string(kHeader) + "私立淡江大學,王雨桐,A123456789,109/01/20,\n" +
                             "私立淡江大學,李浩然,A123456789,109/02/30,\n"),
                       {}, diags);
  EXPECT_FALSE(r);
  ASSERT_TRUE(diags.has_errors());
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 4);
}

TEST_F(RosterTest, MissingRequiredColumnIsAnError) {
  EXPECT_FALSE(read_roster(*rules, write("學校,入境日期\n私立淡江大學,109/01/20\n"), {}, diags));
  EXPECT_TRUE(diags.has_errors());
}

}  // namespace
}  // namespace fangyi::pdf
