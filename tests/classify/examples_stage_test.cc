// The build stage: rosters of examples/roster/ and examples/classify/ into
// out/classify/<name>.csv; rosters no cohort sorts are skipped.
#include "classify/examples_stage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "classify/classify.h"
#include "support/compile_text.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace fangyi::classify {
namespace {

namespace fs = std::filesystem;

class ExamplesStageTest : public testing::TempDir {
 protected:
  void put(const std::string& path, const std::string& text) {
    fs::create_directories((fs::path(dir_) / path).parent_path());
    std::ofstream(fs::path(dir_) / path, std::ios::binary) << text;
  }
};

TEST_F(ExamplesStageTest, WritesOneCsvPerSortedRoster) {
  const auto& c = testing::default_rules();
  ASSERT_TRUE(c.rules) << c.rendered();
  put("examples/roster/arrivals.csv", "學校,姓名,證號,入境日期\n中山,甲,109013572468,109/02/10\n");
  put("examples/roster/temperatures.csv", "學校,姓名,證號,日期,上午體溫,下午體溫\n中山,甲,109013572468,109/02/11,36.5,36.6\n");
  put("examples/classify/contacts.csv", "學校,姓名,身分證號,最後接觸日期\n松柏,乙,B184784905,\n");
  Diagnostics diags;
  std::vector<std::string> written;
  ASSERT_TRUE(classify_examples(*c.rules, dir_, Date::from_ymd(2022, 5, 1), diags, written))
      << render_all(diags, {}, Lang::en);
  fs::path out = fs::path(dir_) / "out" / "classify";
  EXPECT_EQ(written, (std::vector<std::string>{(out / "arrivals.csv").string(), (out / "contacts.csv").string()}));
  EXPECT_FALSE(fs::exists(out / "temperatures.csv"));
  // The unmatched close contact is a warning, not a failed build.
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(diags.items().size(), 1u);
  ClassifyRequest req;
  req.roster = (fs::path(dir_) / "examples/roster/arrivals.csv").string();
  Diagnostics again;
  auto direct = classify_roster(*c.rules, req, again);
  ASSERT_TRUE(direct);
  EXPECT_EQ(testing::read_all(out / "arrivals.csv"), classified_csv(*direct));
}

TEST_F(ExamplesStageTest, ABadCellFailsTheStage) {
  const auto& c = testing::default_rules();
  ASSERT_TRUE(c.rules);
  put("examples/classify/contacts.csv", "學校,姓名,身分證號,最後接觸日期\n松柏,乙,B184784905,111/13/01\n");
  Diagnostics diags;
  std::vector<std::string> written;
  EXPECT_FALSE(classify_examples(*c.rules, dir_, std::nullopt, diags, written));
  EXPECT_TRUE(diags.has_errors());
  EXPECT_TRUE(written.empty());
}

TEST_F(ExamplesStageTest, NoExamplesNoOutput) {
  const auto& c = testing::default_rules();
  ASSERT_TRUE(c.rules);
  Diagnostics diags;
  std::vector<std::string> written;
  EXPECT_TRUE(classify_examples(*c.rules, dir_, std::nullopt, diags, written));
  EXPECT_FALSE(fs::exists(fs::path(dir_) / "out"));
}

}  // namespace
}  // namespace fangyi::classify
