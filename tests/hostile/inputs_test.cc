// Hostile exports through `fangyi check`: a 2 GB line, 100,000 columns, a
// field of megabytes, invalid UTF-8 and files mixing UTF-8 with Big5, an XLSX
// zip bomb and an XLSX whose entries climb out of the archive ("../../x").
// Each gives its clear error (file and line), exit code 2, bounded time, and
// writes nothing it should not.
#include <xlsxwriter.h>
#include <zip.h>

#include <string>

#include "hostile.h"

namespace fangyi::hostile {
namespace {

// The bundled example case list: its header and first data row.
std::pair<std::string, std::string> case_list() {
  std::string text = testing::read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/exports/ntu-case-list.csv");
  std::size_t a = text.find('\n'), b = text.find('\n', a + 1);
  return {text.substr(0, a), text.substr(a + 1, b - a - 1)};
}

std::string check(const std::string& files) { return "check --rules " + rules() + " --today 2022-05-01 " + files; }

using Inputs = Hostile;

TEST_F(Inputs, ALineOfTwoGigabytesStopsAtTheRowLimit) {
  // The header, then one line of 2 GB (1 MB of text, the rest a sparse hole):
  // refused once 16 MB of it are read, in bounded memory and time.
  auto [header, row] = case_list();
  sparse_file(dir() / "long.csv", header + "\n" + std::string(1 << 20, 'x'), uint64_t{2} << 30);
  RunResult r = run(check("long.csv --format html -o report.html"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err),
            "long.csv:2: error: the row starting at line 2 is longer than 16777216 bytes; reading stopped (usually a "
            "quote without its pair)");
  EXPECT_LT(seconds(), 20);
  // The report says so in full; nothing half-written beside it.
  EXPECT_EQ(outputs({"long.csv"}), std::vector<std::string>{"report.html"});
  EXPECT_NE(testing::read_all(dir() / "report.html").find("</html>"), std::string::npos);
}

TEST_F(Inputs, AHundredThousandColumnsAreNotATable) {
  std::string header;
  for (int i = 0; i < 100000; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  write_text(dir() / "wide.csv", header + "\n1\n");
  RunResult r = run(check("wide.csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err),
            "wide.csv:1: error: the header row has more than 4096 columns; this does not look like an exported table "
            "(wrong file or delimiter?)");
  EXPECT_LT(seconds(), 10);
}

TEST_F(Inputs, AFieldOfMegabytesIsCutAndSaidSo) {
  auto [header, row] = case_list();
  // The name (column 5) is 3 MB long.
  std::size_t at = 0;
  for (int i = 0; i < 4; ++i) at = row.find(',', at) + 1;
  std::string huge = row.substr(0, at) + std::string(3 << 20, 'A') + row.substr(row.find(',', at));
  write_text(dir() / "field.csv", header + "\n" + huge + "\n");
  RunResult r = run(check("field.csv --format jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("column 5 is 3145728 bytes long, over the limit of 1048576; truncated"), std::string::npos)
      << r.out.substr(0, 2000);
}

TEST_F(Inputs, InvalidUtf8IsReportedByLineNotTakenForBig5) {
  auto [header, row] = case_list();
  // One stray byte in the name of an otherwise UTF-8 file.
  std::string bad = row;
  bad.insert(bad.find("NGUYEN"), "\xFF");
  write_text(dir() / "bad.csv", header + "\n" + row + "\n" + bad + "\n");
  for (const char* encoding : {"auto", "utf-8"}) {
    SCOPED_TRACE(encoding);
    RunResult r = run(check(std::string("bad.csv --format jsonl --encoding ") + encoding));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("\"line\":3,"), std::string::npos);
    EXPECT_NE(r.out.find("column 5 has bytes that are not UTF-8: 0xFF (1 in this row), replaced with U+FFFD; if the "
                         "file is Big5, use --encoding big5"),
              std::string::npos)
        << r.out.substr(0, 2000) << r.err;
  }
  // Declared Big5, the header does not read as one: said so, with what it
  // read, rather than guessed around.
  RunResult r = run(check("bad.csv --format jsonl --encoding big5"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err).rfind("bad.csv:1: error: cannot tell which dataset this file is: no column header matches "
                                    "a dataset of the rules (columns: ",
                                    0),
            0u)
      << r.err;
}

TEST_F(Inputs, AFileMixingUtf8AndBig5LinesNamesTheBig5Ones) {
  auto [header, row] = case_list();
  // Line 3 pasted in from a Big5 export: 臺北市 in CP950.
  std::string big5_row = row;
  big5_row.replace(0, std::string("臺北市").size(), "\xBB\x4F\xA5\x5F\xA5\xAB");
  write_text(dir() / "mixed.csv", header + "\n" + row + "\n" + big5_row + "\n" + row + "\n");
  RunResult r = run(check("mixed.csv --format jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"line\":3,"), std::string::npos);
  EXPECT_NE(r.out.find("column 1 has bytes that are not UTF-8: 0xBB"), std::string::npos) << r.out.substr(0, 3000);
  // The UTF-8 lines read as UTF-8: the header matched and line 2 is clean.
  EXPECT_EQ(r.out.find("\"line\":2,\"scope\":\"row\",\"rule\":\"read\""), std::string::npos);
}

// An XLSX of the case list with `rows` copies of the example row, written
// by libxlsxwriter.
void write_xlsx(const fs::path& path, int rows) {
  auto [header, row] = case_list();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  auto put = [&](int r, const std::string& line) {
    std::size_t start = 0;
    for (lxw_col_t c = 0;; ++c) {
      std::size_t end = line.find(',', start);
      worksheet_write_string(ws, lxw_row_t(r), c, line.substr(start, end - start).c_str(), nullptr);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  };
  put(0, header);
  for (int r = 1; r <= rows; ++r) put(r, row);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

void add_zip_entry(const fs::path& path, const std::string& name, const std::string& data) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), 0, &code);
  ASSERT_NE(z, nullptr) << code;
  zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
  ASSERT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE), 0) << zip_strerror(z);
  ASSERT_EQ(zip_close(z), 0);
}

TEST_F(Inputs, AnXlsxZipBombIsRefused) {
  write_xlsx(dir() / "bomb.xlsx", 1);
  // The sheet replaced by 64 MB of one repeated row: deflate makes it about
  // 1000:1, far past the 200:1 no real export reaches.
  auto [header, row] = case_list();
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>縣市別</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>學校</t></is></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t>入境日期</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
      "<c r=\"F1\" t=\"inlineStr\"><is><t>證號</t></is></c></row>";
  const std::string filler = "<row><c t=\"inlineStr\"><is><t>臺北市</t></is></c></row>";
  sheet.reserve(std::size_t{64} << 20);
  while (sheet.size() < (std::size_t{64} << 20)) sheet += filler;
  sheet += "</sheetData></worksheet>";
  add_zip_entry(dir() / "bomb.xlsx", "xl/worksheets/sheet1.xml", sheet);
  EXPECT_LT(fs::file_size(dir() / "bomb.xlsx"), std::uintmax_t{1} << 20);
  RunResult r = run(check("bomb.xlsx"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'xl/worksheets/sheet1.xml' in 'bomb.xlsx' is compressed more than 200:1 (a zip bomb?); "
                       "refusing to read it"),
            std::string::npos)
      << r.err;
  EXPECT_LT(seconds(), 20);
}

TEST_F(Inputs, XlsxEntriesNamedToClimbOutAreNeverWritten) {
  fs::create_directories(dir() / "a" / "b");
  write_xlsx(dir() / "a" / "b" / "slip.xlsx", 2);
  for (const char* name : {"../../x", "../../../x", "/tmp/fangyi-hostile-x", "xl/../../x"})
    add_zip_entry(dir() / "a" / "b" / "slip.xlsx", name, "evil");
  RunResult r = run(check("a/b/slip.xlsx --format jsonl"));
  EXPECT_NE(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.find("slip.xlsx: error"), std::string::npos) << r.err;
  for (const fs::path& p : {dir() / "x", dir() / "a" / "x", dir().parent_path() / "x", fs::path("/tmp/fangyi-hostile-x")})
    EXPECT_FALSE(fs::exists(p)) << p;
  EXPECT_EQ(outputs({"a", "a/b", "a/b/slip.xlsx"}), std::vector<std::string>{});
}

}  // namespace
}  // namespace fangyi::hostile
