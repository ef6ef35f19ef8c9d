// write_report: each text format to a file (atomically) or to stdout, and
// catalogue errors when the file cannot be written.
#include <gtest/gtest.h>

#include "check/report.h"
#include "check/report_sample.h"
#include "core/file_io.h"
#include "support/temp_dir.h"

namespace fangyi::check {
namespace {

using fangyi::testing::TempDir;
using ReportWrite = TempDir;

TEST_F(ReportWrite, TextFormatsToFiles) {
  Report r = check::testing::sample_report();
  ReportOptions o;
  o.lang = Lang::en;
  o.color = true;
  struct Case {
    ReportFormat format;
    std::string name, expected;
  } cases[] = {{ReportFormat::terminal, "r.txt", render_terminal(r, o)},
               {ReportFormat::jsonl, "r.jsonl", render_jsonl(r)},
               {ReportFormat::csv, "r.csv", render_csv(r, Lang::en)},
               {ReportFormat::html, "r.html", render_html(r, Lang::en)}};
  for (const Case& c : cases) {
    Diagnostics diags;
    ASSERT_TRUE(write_report(r, c.format, o, dir_ + "/" + c.name, diags)) << c.name;
    std::string error;
    EXPECT_EQ(read_file(dir_ + "/" + c.name, &error), c.expected) << c.name;
  }
  EXPECT_EQ(entries(), (std::vector<std::string>{"r.csv", "r.html", "r.jsonl", "r.txt"}));
}

TEST_F(ReportWrite, DashIsStandardOutput) {
  Report r = check::testing::sample_report();
  Diagnostics diags;
  ::testing::internal::CaptureStdout();
  bool ok = write_report(r, ReportFormat::jsonl, {}, "-", diags);
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(ok);
  EXPECT_EQ(out, render_jsonl(r));
  EXPECT_TRUE(entries().empty());
}

TEST_F(ReportWrite, UnwritablePlaceIsACatalogueError) {
  Diagnostics diags;
  std::string path = dir_ + "/missing/r.csv";
  EXPECT_FALSE(write_report(check::testing::sample_report(), ReportFormat::csv, {}, path, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_write);
  EXPECT_EQ(diags.items()[0].where.file, path);
  EXPECT_TRUE(entries().empty());
}

}  // namespace
}  // namespace fangyi::check
