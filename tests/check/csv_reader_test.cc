// The CSV reader: RFC 4180 cases at many block sizes (so every row, quote
// and CRLF is somewhere cut by a block's end), physical line numbers, broken
// quoting and its recovery, ragged rows, limits, encodings, stdin and
// missing files.
#include <fcntl.h>
#include <unistd.h>
#include <unicode/ucnv.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "check/csv_reader.h"
#include "core/messages.h"
#include "support/temp_dir.h"

namespace fangyi::check {
namespace {

using fangyi::testing::TempDir;
using Rows = std::vector<std::vector<std::string>>;

struct Table {
  std::vector<std::string> header;
  Rows rows;
  std::vector<uint64_t> lines;
  std::vector<ReadIssue> issues;
  std::optional<Diagnostic> error;
  std::string encoding;
};

Table read_all(TableReader& reader) {
  Table t;
  bool has_header = reader.header(t.header);
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  while (has_header && reader.next(cells, line)) {
    t.rows.emplace_back(cells.begin(), cells.end());
    t.lines.push_back(line);
  }
  t.issues = reader.issues();
  t.error = reader.error();
  t.encoding = reader.encoding();
  return t;
}

std::string big5_of(const std::string& utf8) {
  std::string out(utf8.size() * 2 + 8, '\0');
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("windows-950", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string issue_text(const ReadIssue& i, Lang lang = Lang::en) { return format_message(i.message, lang, i.args); }

class Csv : public TempDir {
 protected:
  std::string write(const std::string& bytes, const std::string& name = "in.csv") {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  Table read(const std::string& bytes, CsvOptions options = {}) {
    Diagnostics diags;
    auto reader = open_csv(write(bytes), options, diags);
    EXPECT_TRUE(reader != nullptr) << render_all(diags, {}, Lang::en);
    if (!reader) return {};
    return read_all(*reader);
  }
};

struct Case {
  const char* name;
  std::string input;
  std::vector<std::string> header;
  Rows rows;
  std::vector<uint64_t> lines;
};

const std::vector<Case>& rfc4180_cases() {
  static const std::vector<Case> cases = {
      {"plain", "a,b\n1,2\n3,4\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
      {"no final line break", "a,b\n1,2", {"a", "b"}, {{"1", "2"}}, {2}},
      {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
      {"lone CR", "a,b\r1,2\r3,4", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
      {"mixed line ends", "a\r\n1\n2\r3\r\n", {"a"}, {{"1"}, {"2"}, {"3"}}, {2, 3, 4}},
      {"empty fields", "a,b,c\n,,\n", {"a", "b", "c"}, {{"", "", ""}}, {2}},
      {"trailing delimiter", "a,b\n1,\n", {"a", "b"}, {{"1", ""}}, {2}},
      {"quoted delimiter", "a,b\n\"x,y\",z\n", {"a", "b"}, {{"x,y", "z"}}, {2}},
      {"doubled quotes", "a\n\"he said \"\"hi\"\"\"\n", {"a"}, {{"he said \"hi\""}}, {2}},
      {"only a quote", "a\n\"\"\"\"\n", {"a"}, {{"\""}}, {2}},
      {"empty quoted", "a,b\n\"\",\"\"\n", {"a", "b"}, {{"", ""}}, {2}},
      {"quoted at the end", "a\n\"x\"", {"a"}, {{"x"}}, {2}},
      {"quoted LF", "a,b\n\"l1\nl2\",x\n3,4\n", {"a", "b"}, {{"l1\nl2", "x"}, {"3", "4"}}, {2, 4}},
      {"quoted CRLF", "a,b\r\n\"l1\r\nl2\r\nl3\",x\r\n3,4\r\n", {"a", "b"}, {{"l1\r\nl2\r\nl3", "x"}, {"3", "4"}},
       {2, 5}},
      {"quoted lone CR", "a,b\n\"l1\rl2\",x\n3,4\n", {"a", "b"}, {{"l1\rl2", "x"}, {"3", "4"}}, {2, 4}},
      {"quoted header", "\"a,1\",\"b\"\"2\"\n1,2\n", {"a,1", "b\"2"}, {{"1", "2"}}, {2}},
      {"empty lines skipped", "\n\na\n\n1\r\n\r\n\n2\n\n", {"a"}, {{"1"}, {"2"}}, {5, 8}},
      {"byte-order mark", "\xEF\xBB\xBF" "a,b\n1,2\n", {"a", "b"}, {{"1", "2"}}, {2}},
      {"Chinese", "學校,姓名\n臺北市立第一高中,王大明\n", {"學校", "姓名"}, {{"臺北市立第一高中", "王大明"}}, {2}},
      {"spaces kept", "a, b\n 1 ,\" 2 \"\n", {"a", " b"}, {{" 1 ", " 2 "}}, {2}},
      {"header only", "a,b\r\n", {"a", "b"}, {}, {}},
  };
  return cases;
}

TEST_F(Csv, Rfc4180AtEveryBlockSize) {
  for (std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4}, std::size_t{5},
                            std::size_t{7}, std::size_t{16}, CsvOptions{}.block_size}) {
    for (const Case& c : rfc4180_cases()) {
      SCOPED_TRACE(std::string(c.name) + ", block " + std::to_string(block));
      CsvOptions options;
      options.block_size = block;
      Table t = read(c.input, options);
      EXPECT_EQ(t.header, c.header);
      EXPECT_EQ(t.rows, c.rows);
      EXPECT_EQ(t.lines, c.lines);
      EXPECT_TRUE(t.issues.empty()) << issue_text(t.issues.front());
      EXPECT_FALSE(t.error.has_value());
    }
  }
}

TEST_F(Csv, OtherDelimiters) {
  CsvOptions options;
  options.delimiter = ';';
  EXPECT_EQ(read("a;b\n\"1;x\";2,3\n", options).rows, (Rows{{"1;x", "2,3"}}));
  options.delimiter = '\t';
  EXPECT_EQ(read("a\tb\n1\t\n", options).rows, (Rows{{"1", ""}}));
}

TEST_F(Csv, ReportsTheEncoding) {
  EXPECT_EQ(read("a\n1\n").encoding, "UTF-8");
  EXPECT_EQ(read("\xEF\xBB\xBF" "a\n").encoding, "UTF-8 (BOM)");
  EXPECT_EQ(read(big5_of("學校\n")).encoding, "Big5 (CP950)");
}

TEST_F(Csv, QuoteInsideAnUnquotedField) {
  Table t = read("a,b\n1,x\"y\"z\n2,3\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "x\"y\"z"}, {"2", "3"}}));
  ASSERT_EQ(t.issues.size(), 1u);  // one per field, not per quote
  EXPECT_EQ(t.issues[0].line, 2u);
  EXPECT_EQ(t.issues[0].column, 2);
  EXPECT_EQ(t.issues[0].message, Msg::csv_quote_in_field);
  EXPECT_EQ(issue_text(t.issues[0]),
            "column 2 has a quote inside an unquoted field; read as an ordinary character (a field containing quotes "
            "must be quoted as a whole, with each quote doubled: \"\")");
  EXPECT_EQ(issue_text(t.issues[0], Lang::zh_TW),
            "第 2 欄不是以引號開頭，中間卻有引號；已當成一般字元（含引號的欄位應整欄加上引號，欄位內的引號寫成兩個：\"\"）");
}

TEST_F(Csv, TextAfterTheClosingQuote) {
  for (std::size_t block : {std::size_t{1}, std::size_t{3}, CsvOptions{}.block_size}) {
    CsvOptions options;
    options.block_size = block;
    Table t = read("a,b\n\"x\ny\"z,\"p\"\"q\"r\"s\n", options);
    EXPECT_EQ(t.rows, (Rows{{"x\nyz", "p\"qr\"s"}}));
    EXPECT_EQ(t.lines, (std::vector<uint64_t>{2}));
    ASSERT_EQ(t.issues.size(), 2u);
    EXPECT_EQ(t.issues[0].line, 2u);
    EXPECT_EQ(t.issues[0].column, 1);
    EXPECT_EQ(issue_text(t.issues[0]), "column 1 has text 'z' after its closing quote; appended to the field");
    EXPECT_EQ(t.issues[1].column, 2);
    EXPECT_EQ(issue_text(t.issues[1], Lang::zh_TW), "第 2 欄的結尾引號之後還有文字「r\"s」；已接在欄位內容之後");
  }
}

TEST_F(Csv, LongTextAfterAQuoteIsShortenedInTheIssue) {
  Table t = read("a\n\"x\"" + std::string(60, 'y') + "\n");
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].args[1], std::string(40, 'y') + "…");
  EXPECT_EQ(t.rows[0][0], "x" + std::string(60, 'y'));
}

TEST_F(Csv, UnterminatedQuoteIsReadAgainAsACharacter) {
  for (std::size_t block : {std::size_t{1}, std::size_t{4}, CsvOptions{}.block_size}) {
    CsvOptions options;
    options.block_size = block;
    Table t = read("a,b\n\"p\nq\",\"z\n5,6\n7,\"\"8\n", options);
    EXPECT_EQ(t.rows, (Rows{{"p\nq", "\"z"}, {"5", "6"}, {"7", "8"}}));
    EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 4, 5}));
    ASSERT_EQ(t.issues.size(), 2u);
    EXPECT_EQ(t.issues[0].line, 2u);
    EXPECT_EQ(t.issues[0].column, 2);
    EXPECT_EQ(issue_text(t.issues[0]),
              "the quote opening column 2 is never closed before the end of the file; it was read as an ordinary "
              "character and the rest of the file read again");
    // The quotes after it were pairs inside the open field; now they are
    // where a field does not start with one.
    EXPECT_EQ(t.issues[1].line, 5u);
    EXPECT_EQ(t.issues[1].message, Msg::csv_text_after_quote);
  }
}

TEST_F(Csv, RaggedRowsArePaddedOrCut) {
  Table t = read("a,b,c\n1,2\n1,2,3,4,5\n1,2,3\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "2", ""}, {"1", "2", "3"}, {"1", "2", "3"}}));
  ASSERT_EQ(t.issues.size(), 2u);
  EXPECT_EQ(t.issues[0].line, 2u);
  EXPECT_EQ(t.issues[0].column, 0);
  EXPECT_EQ(issue_text(t.issues[0]), "this row has 2 cells but the header has 3; the missing cells are taken as empty");
  EXPECT_EQ(t.issues[1].line, 3u);
  EXPECT_EQ(issue_text(t.issues[1], Lang::zh_TW), "這一列有 5 欄，比標題列的 3 欄多；多出的欄位已略去");
}

TEST_F(Csv, IssuesCanBeTakenRowByRow) {
  Diagnostics diags;
  auto reader = open_csv(write("a,b\n1\n2\n"), {}, diags);
  std::vector<std::string> header;
  ASSERT_TRUE(reader->header(header));
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  for (uint64_t expected : {2u, 3u}) {
    ASSERT_TRUE(reader->next(cells, line));
    ASSERT_EQ(reader->issues().size(), 1u);
    EXPECT_EQ(reader->issues()[0].line, expected);
    reader->issues().clear();
  }
  EXPECT_FALSE(reader->next(cells, line));
  EXPECT_TRUE(reader->issues().empty());
}

TEST_F(Csv, TooManyColumnsStopsReading) {
  CsvOptions options;
  options.max_columns = 4;
  Table ok = read("a,b,c,d\n1,2,3,4\n", options);
  EXPECT_EQ(ok.rows.size(), 1u);
  EXPECT_FALSE(ok.error);
  Table t = read("a,b,c,d,e\n1,2,3,4,5\n", options);
  EXPECT_TRUE(t.rows.empty());
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::csv_too_many_columns);
  EXPECT_EQ(format_message(t.error->message, Lang::en, t.error->args),
            "the header row has more than 4 columns; this does not look like an exported table (wrong file or "
            "delimiter?)");
}

TEST_F(Csv, LongFieldsAreCutOnACharacter) {
  CsvOptions options;
  options.max_field_bytes = 4;
  Table t = read("a,b\n1234,12345\n學校,x\n", options);
  EXPECT_EQ(t.rows, (Rows{{"1234", "1234"}, {"學", "x"}}));
  ASSERT_EQ(t.issues.size(), 2u);
  EXPECT_EQ(t.issues[0].line, 2u);
  EXPECT_EQ(t.issues[0].column, 2);
  EXPECT_EQ(issue_text(t.issues[0]), "column 2 is 5 bytes long, over the limit of 4; truncated");
  EXPECT_EQ(t.issues[1].line, 3u);
  EXPECT_EQ(t.issues[1].column, 1);
}

TEST_F(Csv, ARowLongerThanTheLimitStopsReading) {
  CsvOptions options;
  options.max_row_bytes = 100;
  options.block_size = 16;
  // A lost quote would otherwise take the whole rest of the file into one field.
  Table t = read("a,b\n1,2\n3,\"4\n" + std::string(300, 'x') + "\n", options);
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}}));
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->where.line, 3);
  EXPECT_EQ(format_message(t.error->message, Lang::en, t.error->args),
            "the row starting at line 3 is longer than 100 bytes; reading stopped (usually a quote without its pair)");
  // The same whether the row had to be buffered or fitted in one block.
  options.block_size = 4096;
  t = read("a,b\n1,2\n3," + std::string(120, 'x') + "\n", options);
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}}));
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::csv_row_too_large);
  EXPECT_EQ(t.error->where.line, 3);
}

TEST_F(Csv, InvalidUtf8IsReplacedAndReportedOncePerRow) {
  for (std::size_t block : {std::size_t{1}, std::size_t{5}, CsvOptions{}.block_size}) {
    CsvOptions options;
    options.encoding = "utf-8";
    options.block_size = block;
    Table t = read("a,b\n1,x\xFFy\xFE\n\"2\n\xC3\",ok\n3,4\n", options);
    EXPECT_EQ(t.rows, (Rows{{"1", "x\uFFFDy\uFFFD"}, {"2\n\uFFFD", "ok"}, {"3", "4"}}));
    EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 3, 5}));
    ASSERT_EQ(t.issues.size(), 2u);
    EXPECT_EQ(t.issues[0].line, 2u);
    EXPECT_EQ(t.issues[0].column, 2);
    EXPECT_EQ(issue_text(t.issues[0]),
              "column 2 has bytes that are not UTF-8: 0xFF (2 in this row), replaced with U+FFFD; if the file is Big5, "
              "use --encoding big5");
    EXPECT_EQ(t.issues[1].line, 3u);
    EXPECT_EQ(t.issues[1].column, 1);
    EXPECT_EQ(t.issues[1].args[1], "0xC3");
  }
}

TEST_F(Csv, InvalidBytesInTheHeaderAreReported) {
  CsvOptions options;
  options.encoding = "utf-8";
  Table t = read("a,\xE5\xAD\n1,2\n", options);
  EXPECT_EQ(t.header, (std::vector<std::string>{"a", "\uFFFD"}));
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].line, 1u);
  EXPECT_EQ(t.issues[0].args[1], "0xE5 0xAD");
}

TEST_F(Csv, Big5MadeWithIcuAtEveryBlockSize) {
  std::string bytes = big5_of("學校,姓名\r\n臺北市立第一高中,王大明\r\n\"新北市\r\n板橋區\",林小華\r\n");
  for (std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, CsvOptions{}.block_size}) {
    SCOPED_TRACE(block);
    CsvOptions options;
    options.block_size = block;
    Table t = read(bytes, options);
    EXPECT_EQ(t.encoding, "Big5 (CP950)");
    EXPECT_EQ(t.header, (std::vector<std::string>{"學校", "姓名"}));
    EXPECT_EQ(t.rows, (Rows{{"臺北市立第一高中", "王大明"}, {"新北市\r\n板橋區", "林小華"}}));
    EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 3}));
    EXPECT_TRUE(t.issues.empty());
  }
}

TEST_F(Csv, Big5Fixture) {
  Diagnostics diags;
  auto reader = open_csv(FANGYI_SOURCE_DIR "/tests/check/fixtures/csv/big5-case-list.csv", {}, diags);
  ASSERT_TRUE(reader);
  Table t = read_all(*reader);
  EXPECT_EQ(t.encoding, "Big5 (CP950)");
  EXPECT_EQ(t.header, (std::vector<std::string>{"學校", "班級", "姓名", "身分證字號", "確診日期", "備註"}));
  EXPECT_EQ(t.rows, (Rows{
                        {"臺北市立建國高級中學", "301", "王大明", "A123456789", "110/05/20", "居家隔離, 第 3 天"},
                        {"新北市立板橋國民中學", "802", "林小華", "F223456789", "110/05/21", "說明：\"快篩陽性\""},
                        {"高雄市立前鎮國民小學", "405", "陳碁銹", "E123456780", "110/05/22", "發燒\r\n已就醫"},
                    }));
  EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_TRUE(t.issues.empty());
}

TEST_F(Csv, InvalidBig5) {
  CsvOptions options;
  options.encoding = "big5";
  // 0xA4 needs a second byte; a line break is not one.
  Table t = read(big5_of("學校,姓名\n") + "x,\xA4\n", options);
  EXPECT_EQ(t.rows, (Rows{{"x", "\uFFFD"}}));
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].line, 2u);
  EXPECT_EQ(t.issues[0].column, 2);
  EXPECT_EQ(issue_text(t.issues[0], Lang::zh_TW),
            "第 2 欄有無法以 Big5（CP950）解讀的位元組 0xA4（本列共 1 處），已改為 U+FFFD；若檔案是 UTF-8，請加上 "
            "--encoding utf-8");
}

TEST_F(Csv, ReadsStdin) {
  std::string path = write("a,b\n1,2\n");
  int saved = ::dup(STDIN_FILENO);
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  Diagnostics diags;
  auto reader = open_csv("-", {}, diags);
  Table t = reader ? read_all(*reader) : Table{};
  reader.reset();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}}));
}

TEST_F(Csv, MissingFileIsAnError) {
  Diagnostics diags;
  EXPECT_TRUE(open_csv(dir_ + "/none.csv", {}, diags) == nullptr);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_read);
  EXPECT_EQ(diags.items()[0].where.file, dir_ + "/none.csv");
}

TEST_F(Csv, DirectoryIsAnError) {
  Diagnostics diags;
  EXPECT_TRUE(open_csv(dir_, {}, diags) == nullptr);
  EXPECT_TRUE(diags.has_errors());
}

TEST_F(Csv, UnknownEncodingIsAnError) {
  Diagnostics diags;
  CsvOptions options;
  options.encoding = "latin1";
  EXPECT_TRUE(open_csv(write("a\n"), options, diags) == nullptr);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(format_message(diags.items()[0].message, Lang::en, diags.items()[0].args),
            "unsupported encoding 'latin1' (use auto, utf-8, big5 or cp950)");
}

TEST_F(Csv, EmptyFileHasNoHeader) {
  for (const char* input : {"", "\xEF\xBB\xBF", "\r\n\n"}) {
    Diagnostics diags;
    auto reader = open_csv(write(input), {}, diags);
    ASSERT_TRUE(reader);
    std::vector<std::string> header;
    EXPECT_FALSE(reader->header(header));
    ASSERT_TRUE(reader->error());
    EXPECT_EQ(reader->error()->message, Msg::csv_empty);
    std::vector<std::string_view> cells;
    uint64_t line = 0;
    EXPECT_FALSE(reader->next(cells, line));
  }
}

TEST_F(Csv, NextWithoutHeaderSkipsIt) {
  Diagnostics diags;
  auto reader = open_csv(write("a\n1\n"), {}, diags);
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  ASSERT_TRUE(reader->next(cells, line));
  EXPECT_EQ(cells, (std::vector<std::string_view>{"1"}));
  EXPECT_EQ(line, 2u);
}

TEST_F(Csv, CountsBytesForProgress) {
  Diagnostics diags;
  auto reader = open_csv(write("a\n1\n"), {}, diags);
  EXPECT_EQ(reader->bytes_total(), 4u);
  read_all(*reader);
  EXPECT_EQ(reader->bytes_read(), 4u);
}

TEST_F(Csv, ManyRowsAcrossBlocksKeepTheirLines) {
  std::string input = "id,name,note\r\n";
  Rows expected;
  for (int i = 0; i < 3000; ++i) {
    std::string id = std::to_string(i);
    bool multi = i % 7 == 0;
    input += id + ",王" + id + "," + (multi ? "\"a\r\nb\"" : "x") + "\r\n";
    expected.push_back({id, "王" + id, multi ? "a\r\nb" : "x"});
  }
  CsvOptions options;
  options.block_size = 4096 + 3;
  Table t = read(input, options);
  EXPECT_EQ(t.rows, expected);
  ASSERT_EQ(t.lines.size(), 3000u);
  EXPECT_EQ(t.lines[0], 2u);
  EXPECT_EQ(t.lines[1], 4u);  // row 0 took two lines
  EXPECT_EQ(t.lines[2999], 2u + 2999 + 2999 / 7 + 1);
}

// Random tables written the RFC 4180 way (quotes where needed and at random,
// random line ends, with or without a BOM or a final line break, UTF-8 or
// Big5) read back exactly, with their lines, at random block sizes.
TEST_F(Csv, RandomTablesRoundTrip) {
  std::mt19937 rng(20210827);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::vector<std::string> pieces = {"a", "7", "學", "王", " ", ",", "\"", "\n", "\r\n", "\r", "\"\""};
  const std::vector<std::string> ends = {"\n", "\r\n", "\r"};
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE(round);
    std::size_t columns = 1 + pick(5);
    Rows table(1 + pick(12));
    std::string text = pick(4) == 0 ? "\xEF\xBB\xBF" : "";
    std::vector<uint64_t> lines;
    uint64_t line = 1;
    for (std::size_t r = 0; r < table.size(); ++r) {
      if (r > 0) lines.push_back(line);
      for (std::size_t c = 0; c < columns; ++c) {
        std::string cell;
        for (std::size_t k = pick(4); k > 0; --k) cell += pieces[pick(pieces.size())];
        table[r].push_back(cell);
        bool quote = cell.find_first_of(",\"\r\n") != std::string::npos || pick(3) == 0 || (columns == 1 && cell.empty());
        if (c > 0) text += ',';
        if (!quote) {
          text += cell;
          continue;
        }
        text += '"';
        for (char ch : cell) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        text += '"';
        for (std::size_t i = 0; i < cell.size(); ++i)
          line += cell[i] == '\n' || (cell[i] == '\r' && (i + 1 == cell.size() || cell[i + 1] != '\n'));
      }
      if (r + 1 < table.size() || pick(2) == 0) text += ends[pick(ends.size())];
      ++line;
    }
    bool big5 = text.rfind("\xEF\xBB\xBF", 0) != 0 && pick(3) == 0;
    CsvOptions options;
    options.block_size = std::vector<std::size_t>{1, 2, 3, 5, 8, 13, 64, 4096}[pick(8)];
    Table t = read(big5 ? big5_of(text) : text, options);
    EXPECT_EQ(t.header, table[0]);
    EXPECT_EQ(t.rows, Rows(table.begin() + 1, table.end()));
    EXPECT_EQ(t.lines, lines);
    EXPECT_TRUE(t.issues.empty());
  }
}

}  // namespace
}  // namespace fangyi::check

namespace fangyi::check {
namespace {

// Reads with next_plain wherever the reader offers it, splitting that text
// with PlainRows, and next() otherwise: as the check engine reads.
Table read_all_plain(TableReader& reader) {
  Table t;
  bool has_header = reader.header(t.header);
  std::vector<std::string_view> cells;
  std::vector<ReadIssue> split_issues;
  uint64_t line = 0;
  PlainText plain;
  while (has_header) {
    if (reader.next_plain(plain)) {
      PlainRows rows(plain, t.header.size());
      while (rows.next(cells, line, split_issues)) {
        t.rows.emplace_back(cells.begin(), cells.end());
        t.lines.push_back(line);
      }
      if (plain.file_end != 0) reader.release(plain.file_end);  // done with it, as the engine is
      continue;
    }
    if (!reader.next(cells, line)) break;
    t.rows.emplace_back(cells.begin(), cells.end());
    t.lines.push_back(line);
  }
  t.issues = reader.issues();
  t.issues.insert(t.issues.end(), split_issues.begin(), split_issues.end());
  t.error = reader.error();
  t.encoding = reader.encoding();
  return t;
}

std::vector<std::string> issue_list(const std::vector<ReadIssue>& issues) {
  std::vector<std::string> out;
  for (const ReadIssue& i : issues)
    out.push_back(std::to_string(i.line) + ":" + std::to_string(i.column) + " " + issue_text(i));
  std::sort(out.begin(), out.end());
  return out;
}

// Unsplit text handed out by next_plain and split by PlainRows gives the
// very rows, lines, issues and errors that next() gives row by row, on
// random text of line ends of every kind, empty lines, ragged rows, quotes,
// Chinese, bad bytes, at many block sizes and limits.
TEST_F(Csv, PlainTextGivesWhatRowByRowReadingGives) {
  std::mt19937 rng(20221207);
  const std::vector<std::string> pieces = {"a", "bc", "學校", ",", ",", ",", "\n", "\n", "\r\n", "\r", " ",
                                           "\"", "\"x\"", "\"\"", "\xFF", "0912345678", "2021/08/27 14:00"};
  const std::size_t blocks[] = {1, 2, 3, 5, 16, 64, 1000, CsvOptions{}.block_size};
  std::size_t plain_rows = 0;
  for (int round = 0; round < 600; ++round) {
    std::string text = "h1,h2,h3\n";
    const int n = static_cast<int>(rng() % 200);
    const bool with_quotes = rng() % 3 == 0, with_bad = rng() % 5 == 0;
    for (int k = 0; k < n; ++k) {
      const std::string& piece = pieces[rng() % pieces.size()];
      if (!with_quotes && piece.find('"') != std::string::npos) continue;
      if (!with_bad && piece == "\xFF") continue;
      text += piece;
    }
    CsvOptions options;
    options.encoding = "utf-8";
    options.block_size = blocks[rng() % std::size(blocks)];
    if (rng() % 4 == 0) options.max_field_bytes = 2 + rng() % 12;
    if (rng() % 4 == 0) options.max_row_bytes = 8 + rng() % 40;
    SCOPED_TRACE("round " + std::to_string(round) + ", block " + std::to_string(options.block_size));
    Diagnostics d1, d2;
    std::string path = write(text);
    auto r1 = open_csv(path, options, d1);
    auto r2 = open_csv(path, options, d2);
    ASSERT_TRUE(r1 && r2);
    Table want = read_all(*r1), got = read_all_plain(*r2);
    plain_rows += got.rows.size();
    EXPECT_EQ(got.header, want.header);
    EXPECT_EQ(got.rows, want.rows);
    EXPECT_EQ(got.lines, want.lines);
    EXPECT_EQ(issue_list(got.issues), issue_list(want.issues));
    EXPECT_EQ(got.error.has_value(), want.error.has_value());
  }
  EXPECT_GT(plain_rows, 1000u);
}

// With nothing buffered, plain text is the file's own mapped bytes (no
// copy), and the row the buffer had begun is finished from the mapping.
TEST_F(Csv, PlainTextComesStraightFromTheFile) {
  std::string text = "a,b\n";
  for (int i = 0; i < 2000; ++i) text += std::to_string(i) + ",學校\r\n";
  CsvOptions options;
  options.block_size = 64;
  Diagnostics diags;
  auto reader = open_csv(write(text), options, diags);
  std::vector<std::string> header;
  ASSERT_TRUE(reader->header(header));
  PlainText plain;
  std::size_t mapped = 0, rows = 0;
  uint64_t next_line = 2;
  std::vector<std::string_view> cells;
  std::vector<ReadIssue> issues;
  while (reader->next_plain(plain) || reader->next(cells, next_line)) {
    if (plain.text.empty()) {
      ++rows, ++next_line;
      continue;
    }
    EXPECT_EQ(plain.line, next_line);
    PlainRows split(plain, 2);
    for (uint64_t line = 0; split.next(cells, line, issues); ++rows) {
      EXPECT_EQ(line, next_line++);
      EXPECT_EQ(cells[1], "學校");
    }
    if (plain.file_end != 0) {
      ++mapped;
      reader->release(plain.file_end);
    }
    plain = {};
  }
  EXPECT_EQ(rows, 2000u);
  EXPECT_GT(mapped, 100u);
  EXPECT_TRUE(issues.empty());
}

TEST_F(Csv, NextPlainHandsOverWholeRowsAndStopsAtAQuote) {
  Diagnostics diags;
  auto reader = open_csv(write("a,b\n1,2\r\n\n3,4\r5,\"6\"\n7,8\n9"), {}, diags);
  std::vector<std::string> header;
  ASSERT_TRUE(reader->header(header));
  PlainText plain;
  ASSERT_TRUE(reader->next_plain(plain));
  EXPECT_EQ(plain.text, "1,2\r\n\n3,4\r");
  EXPECT_EQ(plain.line, 2u);
  EXPECT_FALSE(reader->next_plain(plain)) << "the next row has a quote";
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  ASSERT_TRUE(reader->next(cells, line));
  EXPECT_EQ(line, 5u);
  ASSERT_TRUE(reader->next_plain(plain));
  EXPECT_EQ(plain.text, "7,8\n");
  EXPECT_EQ(plain.line, 6u);
  EXPECT_FALSE(reader->next_plain(plain)) << "the last row has no line end yet";
  ASSERT_TRUE(reader->next(cells, line));
  EXPECT_EQ(cells, (std::vector<std::string_view>{"9", ""}));
  EXPECT_EQ(reader->issues().size(), 1u) << "a short row";
}

}  // namespace
}  // namespace fangyi::check
