// Hostile rosters, dates and pages through `fangyi forms`, `schedule` and
// `site`: a name of 500 characters, the last day of the year 9999 as day 0
// (in a roster and on the command line), a handbook page of gigabytes and
// Markdown nested ten thousand deep.
#include <string>

#include "hostile.h"

namespace fangyi::hostile {
namespace {

// The bundled example roster: header and first row, as cells.
std::pair<std::string, std::vector<std::string>> roster() {
  std::string text = testing::read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv");
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
  std::size_t a = text.find('\n'), b = text.find('\n', a + 1);
  std::vector<std::string> cells;
  std::string row = text.substr(a + 1, b - a - 1);
  for (std::size_t start = 0;;) {
    std::size_t end = row.find(',', start);
    cells.push_back(row.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return {text.substr(0, a), cells};
}

std::string joined(const std::vector<std::string>& cells) {
  std::string s;
  for (std::size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + cells[i];
  return s;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

using Forms = Hostile;

TEST_F(Forms, ARosterNameOf500CharactersIsRefusedAtItsCell) {
  auto [header, cells] = roster();
  cells[1] = repeat("王", 500);  // 姓名, column 2
  write_text(dir() / "roster.csv", header + "\n" + joined(cells) + "\n");
  RunResult r = run("forms --rules " + rules() + " --roster roster.csv -o forms");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err),
            "roster.csv:2:2: error: this cell is 500 characters long, over the roster's limit of 200 (a whole row or "
            "file pasted into one cell?)");
  EXPECT_EQ(outputs({"roster.csv"}), std::vector<std::string>{});
}

TEST_F(Forms, ANameTooLongForItsBlankIsCutVisiblyNotRunOffThePage) {
  auto [header, cells] = roster();
  cells[1] = repeat("王", 150);
  write_text(dir() / "roster.csv", header + "\n" + joined(cells) + "\n");
  RunResult r = run("forms --rules " + rules() + " --roster roster.csv --form form-3 -o forms");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::path pdf = dir() / "forms" / "附件3-集中檢疫者每日量測體溫紀錄表.pdf";
  ASSERT_TRUE(fs::exists(pdf)) << r.out;
  // The name line holds the start of the name and the ellipsis.
  std::string cmd = "pdftotext -layout " + q(pdf) + " " + q(dir() / "form.txt") + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils, installed by scripts/setup.sh) failed";
  std::string form = testing::read_all(dir() / "form.txt");
  std::size_t at = form.find("姓名：");
  ASSERT_NE(at, std::string::npos) << form;
  std::string line = form.substr(at, form.find('\n', at) - at);
  EXPECT_NE(line.find(repeat("王", 10)), std::string::npos) << line;
  EXPECT_NE(line.find("…"), std::string::npos) << line;
  EXPECT_EQ(line.find(repeat("王", 150)), std::string::npos) << line;
  // The class field after it on the same line is still there, not overwritten.
  EXPECT_NE(line.find("班級："), std::string::npos) << line;
}

TEST_F(Forms, DayZeroOnTheLastDayOfTheYear9999IsRefused) {
  auto [header, cells] = roster();
  for (std::size_t i = 11; i <= 13 && i < cells.size(); ++i) cells[i] = "9999/12/31";  // 入境、離開、開始日期
  write_text(dir() / "roster.csv", header + "\n" + joined(cells) + "\n");
  RunResult r = run("forms --rules " + rules() + " --roster roster.csv -o forms");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), "error: the schedule from 9999-12-31 would run past 9999-12-31, the last date fangyi handles");
  EXPECT_EQ(outputs({"roster.csv"}), std::vector<std::string>{});

  r = run("schedule --rules " + rules() + " --scheme home-isolation-3plus4 --day0 9999-12-31");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(first_line(r.err), "error: the schedule from 9999-12-31 would run past 9999-12-31, the last date fangyi handles");

  // A schedule that ends in time is fine, to its last day.
  r = run("schedule --rules " + rules() + " --scheme home-isolation-3plus4 --day0 9999-12-01 --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"9999-12-08\""), std::string::npos) << r.out;

  r = run("schedule --rules " + rules() + " --scheme home-isolation-3plus4 --day0 10000-01-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), "error: '10000-01-01' is not a valid date");
}

TEST_F(Forms, AHandbookPageOfGigabytesIsRefusedUnread) {
  fs::create_directories(dir() / "pages");
  sparse_file(dir() / "pages" / "index.md", "# 首頁\n", uint64_t{2} << 30);
  RunResult r = run("site --rules " + rules() + " --pages pages --templates " +
                    q(fs::path(FANGYI_SOURCE_DIR) / "templates") + " -o site");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err),
            "pages/index.md: error: handbook page 'pages/index.md' is larger than the limit of 4194304 bytes; refusing to "
            "read it");
  EXPECT_LT(seconds(), 10);
  EXPECT_EQ(outputs({"pages", "pages/index.md"}), std::vector<std::string>{});
}

TEST_F(Forms, MarkdownNestedTenThousandDeepRendersInBoundedTime) {
  fs::create_directories(dir() / "pages");
  std::string md = "# 首頁\n\n" + std::string(10000, '>') + " 引文\n\n" + repeat("- ", 10000) + "清單\n\n" +
                   std::string(10000, '[') + "連結" + std::string(10000, ']') + "\n\n" + repeat("*強調", 10000) + "\n";
  write_text(dir() / "pages" / "index.md", md);
  RunResult r = run("site --rules " + rules() + " --pages pages --templates " +
                    q(fs::path(FANGYI_SOURCE_DIR) / "templates") + " -o site");
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  EXPECT_LT(seconds(), 30);
  EXPECT_NE(testing::read_all(dir() / "site" / "index.html").find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace fangyi::hostile
