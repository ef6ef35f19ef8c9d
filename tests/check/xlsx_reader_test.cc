// The XLSX reader: workbooks written by libxlsxwriter, hand-made packages
// for what it cannot write (inline rich text, 1904 dates, error cells, odd
// references), and hostile files (not a zip, zip bombs, "../" entries,
// malformed XML) that must give a clear error, never a crash. Also the parts:
// the streaming XML parser, number formats, serial dates, OOXML text.
#include "check/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "check/xlsx_styles.h"
#include "check/xlsx_values.h"
#include "check/xlsx_xml.h"
#include "support/temp_dir.h"

namespace fangyi::check {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

// ---- helpers

struct Table {
  bool opened = false;
  std::vector<std::string> header;
  Rows rows;
  std::vector<uint64_t> lines;
  std::vector<std::string> issues;  // English, with their line
  std::optional<Diagnostic> error;  // from open_xlsx or the reader
};

std::string english(Msg m, const std::vector<std::string>& args) { return format_message(m, Lang::en, args); }

Table read_table(const std::string& path, const std::string& sheet = "", const XlsxLimits& limits = {}) {
  Table t;
  Diagnostics diags;
  auto reader = open_xlsx(path, sheet, diags, limits);
  if (!reader) {
    EXPECT_EQ(diags.items().size(), 1u);
    if (!diags.empty()) t.error = diags.items()[0];
    return t;
  }
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(reader->encoding(), "XLSX");
  t.opened = true;
  if (reader->header(t.header)) {
    std::vector<std::string_view> cells;
    uint64_t line = 0;
    while (reader->next(cells, line)) {
      t.rows.emplace_back(cells.begin(), cells.end());
      t.lines.push_back(line);
    }
  }
  for (const ReadIssue& i : reader->issues())
    t.issues.push_back(std::to_string(i.line) + ": " + english(i.message, i.args));
  t.error = reader->error();
  return t;
}

std::string error_text(const Table& t) { return t.error ? english(t.error->message, t.error->args) : "(no error)"; }

struct Entry {
  std::string name, data;
};

void write_zip(const std::string& path, const std::vector<Entry>& entries) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  ASSERT_NE(z, nullptr) << code;
  for (const Entry& e : entries) {
    zip_source_t* s = zip_source_buffer(z, e.data.data(), e.data.size(), 0);
    ASSERT_GE(zip_file_add(z, e.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE), 0) << zip_strerror(z);
  }
  ASSERT_EQ(zip_close(z), 0);
}

void write_file(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

constexpr const char* kNs =
    R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string worksheet(const std::string& rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet ") + kNs + "><sheetData>" + rows +
         "</sheetData></worksheet>";
}

std::string relationships(const std::vector<std::pair<std::string, std::string>>& type_targets) {
  std::string out = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  int id = 1;
  for (const auto& [type, target] : type_targets)
    out += "<Relationship Id=\"rId" + std::to_string(id++) + "\" Type=\"" + kRel + type + "\" Target=\"" + target +
           "\"/>";
  return out + "</Relationships>";
}

// A package with one sheet "Sheet1", as Excel lays it out.
struct Package {
  std::string sheet;            // the whole worksheet XML
  std::string shared_strings;   // sst XML, or none
  std::string styles;           // styles XML, or none
  std::string workbook_pr;      // e.g. <workbookPr date1904="1"/>
  std::string sheet_target = "worksheets/sheet1.xml";
  std::vector<Entry> extra;

  std::vector<Entry> entries() const {
    std::vector<std::pair<std::string, std::string>> rels = {{"worksheet", sheet_target}};
    if (!shared_strings.empty()) rels.emplace_back("sharedStrings", "sharedStrings.xml");
    if (!styles.empty()) rels.emplace_back("styles", "styles.xml");
    std::vector<Entry> out = {
        {"[Content_Types].xml",
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>)"},
        {"_rels/.rels", relationships({{"officeDocument", "xl/workbook.xml"}})},
        {"xl/workbook.xml", std::string("<workbook ") + kNs + ">" + workbook_pr +
                                R"(<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
        {"xl/_rels/workbook.xml.rels", relationships(rels)},
        {"xl/worksheets/sheet1.xml", sheet},
    };
    if (!shared_strings.empty()) out.push_back({"xl/sharedStrings.xml", shared_strings});
    if (!styles.empty()) out.push_back({"xl/styles.xml", styles});
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }
};

// A styles part whose cell style N has number format ids[N].
std::string styles(const std::vector<std::pair<int, std::string>>& custom, const std::vector<int>& ids) {
  std::string out = std::string("<styleSheet ") + kNs + "><numFmts>";
  for (const auto& [id, code] : custom)
    out += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"" + code + "\"/>";
  out += "</numFmts><cellXfs>";
  for (int id : ids) out += "<xf numFmtId=\"" + std::to_string(id) + "\" fontId=\"0\"/>";
  return out + "</cellXfs></styleSheet>";
}

std::string inline_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

using XlsxReader = fangyi::testing::TempDir;

// ---- workbooks written by libxlsxwriter

TEST_F(XlsxReader, ReadsCellsOfEveryKind) {
  std::string path = dir_ + "/名單.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名單");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy/m/d");
  lxw_format* builtin_date = workbook_add_format(wb);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* time = workbook_add_format(wb);
  format_set_num_format(time, "hh:mm:ss");
  lxw_format* datetime = workbook_add_format(wb);
  format_set_num_format(datetime, "yyyy-mm-dd hh:mm");
  lxw_format* border = workbook_add_format(wb);
  format_set_border(border, LXW_BORDER_THIN);

  const char* header[] = {"姓名", "學號", "日期", "時間", "日期時間", "確診", "分數", "公式", "文字公式"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 0, 10, "備註", nullptr);  // K1, after an empty J1

  worksheet_write_string(ws, 1, 0, "王小明", nullptr);
  worksheet_write_number(ws, 1, 1, 1234567, nullptr);
  lxw_datetime d = {2021, 8, 27, 0, 0, 0}, tm = {0, 0, 0, 14, 0, 30}, dt = {2021, 8, 27, 14, 0, 0};
  worksheet_write_datetime(ws, 1, 2, &d, date);
  worksheet_write_datetime(ws, 1, 3, &tm, time);
  worksheet_write_datetime(ws, 1, 4, &dt, datetime);
  worksheet_write_boolean(ws, 1, 5, 1, nullptr);
  worksheet_write_number(ws, 1, 6, 0.1, nullptr);
  worksheet_write_formula_num(ws, 1, 7, "=1+2", nullptr, 3);
  worksheet_write_formula_str(ws, 1, 8, "=\"a\"&\"b\"", nullptr, "ab");
  worksheet_write_string(ws, 1, 10, "備註 1", nullptr);
  // Row 3 is missing; row 4 has gaps.
  worksheet_write_string(ws, 3, 0, "陳美玲", nullptr);
  lxw_datetime d2 = {2022, 4, 28, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 2, &d2, builtin_date);
  worksheet_write_number(ws, 3, 6, -3.25, nullptr);
  worksheet_write_boolean(ws, 3, 5, 0, nullptr);
  // Row 5 has only formatted blank cells: skipped.
  worksheet_write_blank(ws, 4, 0, border);
  worksheet_write_blank(ws, 4, 3, border);
  worksheet_write_string(ws, 5, 0, "  前後空白  ", nullptr);
  worksheet_write_number(ws, 5, 6, 1e20, nullptr);
  worksheet_write_number(ws, 5, 1, 123456789012.0, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  Table t = read_table(path);
  ASSERT_TRUE(t.opened) << error_text(t);
  EXPECT_FALSE(t.error) << error_text(t);
  EXPECT_EQ(t.header, (std::vector<std::string>{"姓名", "學號", "日期", "時間", "日期時間", "確診", "分數", "公式",
                                                "文字公式", "", "備註"}));
  EXPECT_EQ(t.rows, (Rows{
                        {"王小明", "1234567", "2021-08-27", "14:00:30", "2021-08-27 14:00", "true", "0.1", "3", "ab",
                         "", "備註 1"},
                        {"陳美玲", "", "2022-04-28", "", "", "false", "-3.25", "", "", "", ""},
                        {"  前後空白  ", "123456789012", "", "", "", "", "1e+20", "", "", "", ""},
                    }));
  EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 4, 6}));
  EXPECT_TRUE(t.issues.empty());
}

TEST_F(XlsxReader, SelectsSheetsByNameOrNumber) {
  std::string path = dir_ + "/book.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  worksheet_write_string(workbook_add_worksheet(wb, "名單"), 0, 0, "first", nullptr);
  lxw_worksheet* second = workbook_add_worksheet(wb, "Follow Up");
  worksheet_write_string(second, 0, 0, "second", nullptr);
  worksheet_write_string(second, 1, 0, "row", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  EXPECT_EQ(read_table(path).header, std::vector<std::string>{"first"});
  EXPECT_EQ(read_table(path, "1").header, std::vector<std::string>{"first"});
  for (const char* name : {"Follow Up", "2", "follow up", " FOLLOW UP "}) {
    Table t = read_table(path, name);
    EXPECT_EQ(t.header, std::vector<std::string>{"second"}) << name;
    EXPECT_EQ(t.rows, (Rows{{"row"}})) << name;
  }

  for (const char* name : {"名冊", "3", "0", "-1"}) {
    Table t = read_table(path, name);
    ASSERT_TRUE(t.error) << name;
    EXPECT_EQ(t.error->message, Msg::xlsx_unknown_sheet);
    EXPECT_EQ(error_text(t), "'" + path + "' has no sheet '" + name + "'; its sheets are: 名單、Follow Up");
  }
  Table typo = read_table(path, "名冊");
  ASSERT_TRUE(typo.error && typo.error->hint);
  EXPECT_EQ(format_message(*typo.error->hint, Lang::zh_TW, typo.error->hint_args), "您是不是要寫「名單」？");
}

TEST_F(XlsxReader, RichStringsAndInlineStringsFromLibxlsxwriter) {
  std::string path = dir_ + "/rich.xlsx";
  lxw_workbook_options options = {LXW_TRUE, nullptr, LXW_FALSE};  // constant memory: inline strings
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_write_string(ws, 0, 0, "備註 & <說明>", nullptr);
  lxw_rich_string_tuple first = {bold, const_cast<char*>("粗體")}, second = {nullptr, const_cast<char*>("一般")};
  lxw_rich_string_tuple* rich[] = {&first, &second, nullptr};
  worksheet_write_rich_string(ws, 1, 0, rich, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  Table t = read_table(path);
  EXPECT_EQ(t.header, std::vector<std::string>{"備註 & <說明>"});
  EXPECT_EQ(t.rows, (Rows{{"粗體一般"}}));
}

TEST_F(XlsxReader, DefaultIsTheFirstVisibleWorksheet) {
  std::string path = dir_ + "/hidden.xlsx";
  Package p;
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "data") + "</row>");
  p.extra = {
      {"xl/workbook.xml", std::string("<workbook ") + kNs +
                              R"(><sheets><sheet name="Chart" sheetId="1" r:id="rId9"/>)"
                              R"(<sheet name="Lookup" sheetId="2" state="hidden" r:id="rId8"/>)"
                              R"(<sheet name="Data" sheetId="3" r:id="rId1"/>)"
                              R"(<sheet name="Lost" sheetId="4" r:id="rId7"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       std::string(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)") +
           "<Relationship Id=\"rId1\" Type=\"" + kRel + "worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
           "<Relationship Id=\"rId8\" Type=\"" + kRel + "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>" +
           "<Relationship Id=\"rId9\" Type=\"" + kRel + "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>" +
           "</Relationships>"},
      {"xl/worksheets/sheet2.xml", worksheet("<row r=\"1\">" + inline_cell("A1", "lookup") + "</row>")},
  };
  write_zip(path, p.entries());
  EXPECT_EQ(read_table(path).header, std::vector<std::string>{"data"});
  EXPECT_EQ(read_table(path, "2").header, std::vector<std::string>{"lookup"});
  EXPECT_EQ(read_table(path, "lookup").header, std::vector<std::string>{"lookup"});
  EXPECT_EQ(read_table(path, "1").error->message, Msg::xlsx_not_worksheet);
  Table lost = read_table(path, "Lost");
  EXPECT_EQ(lost.error->message, Msg::xlsx_sheet_missing);
}

// ---- hand-made packages

TEST_F(XlsxReader, SharedStringsWithRichTextPhoneticsAndEscapes) {
  std::string path = dir_ + "/sst.xlsx";
  Package p;
  p.shared_strings = std::string("<sst ") + kNs + R"( count="6" uniqueCount="6">)" +
                     "<si><t>plain</t></si>"
                     "<si><r><rPr><b/></rPr><t>王</t></r>\n  <r><t xml:space=\"preserve\"> 小明 </t></r></si>"
                     "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\"/></si>"
                     "<si><t>line_x000D_\r\nnext &amp; &lt;tag&gt; &#20013;&#x6587; _x005F_x0041_ _xD83D__xDE00_</t></si>"
                     "<si/>"
                     "<si><t><![CDATA[a<b>&c]]></t></si>"
                     "</sst>";
  p.sheet = worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>2</v></c>"
      "<c r=\"D2\" t=\"s\"><v>3</v></c><c r=\"E2\" t=\"s\"><v>4</v></c><c r=\"F2\" t=\"s\"><v>5</v></c>"
      "<c r=\"G2\" t=\"s\"><v>99</v></c></row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  ASSERT_TRUE(t.opened) << error_text(t);
  EXPECT_EQ(t.rows, (Rows{{"plain", "王 小明 ", "漢字", "line\r\nnext & <tag> 中文 _x0041_ 😀", "", "a<b>&c", ""}}));
  EXPECT_EQ(t.issues, std::vector<std::string>{"2: cell G2 refers to shared string 99, which does not exist; taken as empty"});
}

TEST_F(XlsxReader, InlineStringsEntitiesAndNamespacePrefixes) {
  std::string path = dir_ + "/inline.xlsx";
  Package p;
  p.sheet = std::string("<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">") +
            "<x:sheetData><x:row r='1'>" + "<x:c r='A1' t='inlineStr'><x:is><x:t>名稱</x:t></x:is></x:c>" +
            "<x:c r='B1' t='inlineStr'><x:is><x:t>說明</x:t></x:is></x:c></x:row>" +
            "<x:row r='2'><x:c r='A2' t='inlineStr'><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文字</x:t></x:r>"
            "<x:rPh sb='0' eb='1'><x:t>ふ</x:t></x:rPh></x:is></x:c>"
            "<x:c r='B2' t='inlineStr'><x:is><x:t>&#x41;&#66;&amp;&quot;&apos;&gt;</x:t></x:is></x:c></x:row>"
            "</x:sheetData></x:worksheet>";
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.header, (std::vector<std::string>{"名稱", "說明"}));
  EXPECT_EQ(t.rows, (Rows{{"富文字", "AB&\"'>"}}));
}

TEST_F(XlsxReader, DateSystem1904) {
  std::string path = dir_ + "/1904.xlsx";
  Package p;
  p.workbook_pr = "<workbookPr date1904=\"1\"/>";
  p.styles = styles({}, {0, 14, 22});
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "日期") + "</row>" +
                      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v></c><c r=\"B2\" s=\"1\"><v>42973</v></c>"
                      "<c r=\"C2\" s=\"2\"><v>42973.5833333333</v></c><c r=\"D2\"><v>42973</v></c></row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.rows, (Rows{{"1904-01-01", "2021-08-27", "2021-08-27 14:00", "42973"}}));
}

TEST_F(XlsxReader, NumberFormatsFromStyles) {
  std::string path = dir_ + "/styles.xlsx";
  Package p;
  p.styles = styles({{164, "yyyy/m/d"},
                     {165, "[$-404]e/m/d"},
                     {166, "0000000000"},
                     {167, "[h]:mm"},
                     {168, "&quot;Date: &quot;0.00"},
                     {169, "yyyy/mm/dd hh:mm:ss"},
                     {14, "0.00"}},  // a workbook may redefine a built-in id
                    {0, 164, 165, 166, 167, 168, 169, 22, 20, 31, 14});
  std::string row = "<row r=\"2\">";
  const char* values[] = {"44435", "44435",   "44435", "912345678", "1.5", "2.5", "44435.58334490741",
                          "44435.25", "0.75", "44435", "44435"};
  for (int i = 0; i < 11; ++i)
    row += "<c r=\"" + std::string(1, static_cast<char>('A' + i)) + "2\" s=\"" + std::to_string(i) + "\"><v>" +
           values[i] + "</v></c>";
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "h") + "</row>" + row + "</row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.rows, (Rows{{"44435", "2021-08-27", "2021-08-27", "0912345678", "36:00", "2.5", "2021-08-27 14:00:01",
                           "2021-08-27 06:00", "18:00", "2021-08-27", "44435"}}));
}

TEST_F(XlsxReader, ErrorsFormulasAndBadValuesAreIssues) {
  std::string path = dir_ + "/issues.xlsx";
  Package p;
  p.styles = styles({}, {0, 14});
  p.sheet = worksheet(
      "<row r=\"1\">" + inline_cell("A1", "a") + inline_cell("B1", "b") + "</row>" +
      "<row r=\"2\"><c r=\"A2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"B2\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"C2\"><f>SUM(A1:A3)</f></c><c r=\"D2\" t=\"str\"><f>A1</f></c>" + inline_cell("E2", "ok") +
      "<c r=\"F2\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"G2\"><v/></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>2</v></c><c r=\"B3\"><v>abc</v></c><c r=\"C3\" s=\"1\"><v>-1</v></c>"
      "<c r=\"D3\" t=\"d\"><v>2021-08-27T14:00:00.000</v></c><c r=\"E3\" t=\"d\"><v>2021-08-27T00:00:00</v></c>"
      "<c r=\"F3\" t=\"d\"><v>yesterday</v></c></row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.rows, (Rows{{"", "", "", "", "ok", "", ""}, {"", "", "-1", "2021-08-27 14:00", "2021-08-27", ""}}));
  EXPECT_EQ(t.issues, (std::vector<std::string>{
                          "2: cell A2 holds the error '#DIV/0!'; taken as empty",
                          "2: cell B2 holds the error '#N/A'; taken as empty",
                          "2: the formula in cell C2 has no saved result and is taken as empty (open and save the "
                          "file in Excel)",
                          "2: the formula in cell D2 has no saved result and is taken as empty (open and save the "
                          "file in Excel)",
                          "3: cell A3 has an invalid value '2'; taken as empty",
                          "3: cell B3 has an invalid value 'abc'; taken as empty",
                          "3: cell C3 is formatted as a date but its serial number -1 is outside the dates that can "
                          "be shown; read as a number",
                          "3: cell F3 has an invalid value 'yesterday'; taken as empty",
                      }));
}

TEST_F(XlsxReader, CellsAndRowsWithoutReferences) {
  std::string path = dir_ + "/refs.xlsx";
  Package p;
  p.sheet = worksheet(
      "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c>" +
      inline_cell("E1", "e") + "<c t=\"inlineStr\"><is><t>f</t></is></c></row>" +
      "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>" + "<row r=\"5\"><c><v>1</v></c></row>" +
      "<row><c r=\"1A\" t=\"inlineStr\"><is><t>bad</t></is></c>" + inline_cell("ZZZZ6", "huge") + "</row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.header, (std::vector<std::string>{"a", "b", "", "", "e", "f"}));
  EXPECT_EQ(t.rows, (Rows{{"x", "", "", "", "", ""}, {"1", "", "", "", "", ""}, {"bad", "huge", "", "", "", ""}}));
  EXPECT_EQ(t.lines, (std::vector<uint64_t>{2, 5, 6}));
  EXPECT_EQ(t.issues, (std::vector<std::string>{
                          "6: invalid cell reference '1A' (row 6); taken as the cell after the previous one",
                          "6: invalid cell reference 'ZZZZ6' (row 6); taken as the cell after the previous one"}));
}

TEST_F(XlsxReader, EmptySheetIsAnError) {
  std::string path = dir_ + "/empty.xlsx";
  Package p;
  p.sheet = worksheet("<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_TRUE(t.opened);
  EXPECT_EQ(error_text(t), "sheet 'Sheet1' of '" + path + "' is empty: there is no header row");
}

// ---- files that are not workbooks

TEST_F(XlsxReader, NotAnXlsxFile) {
  struct Case {
    std::string name, data;
    Msg expected;
  } cases[] = {
      {"csv.xlsx", "姓名,學號\n王小明,1\n", Msg::xlsx_not_xlsx},
      {"empty.xlsx", "", Msg::xlsx_not_xlsx},
      {"old.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'), Msg::xlsx_legacy_xls},
      {"broken.xlsx", "PK\x03\x04 but not really a zip archive", Msg::xlsx_not_xlsx},
  };
  for (const Case& c : cases) {
    write_file(dir_ + "/" + c.name, c.data);
    Table t = read_table(dir_ + "/" + c.name);
    ASSERT_TRUE(t.error) << c.name;
    EXPECT_EQ(t.error->message, c.expected) << c.name << ": " << error_text(t);
    EXPECT_EQ(t.error->hint, Msg::xlsx_save_as_hint) << c.name;
  }
  Table missing = read_table(dir_ + "/missing.xlsx");
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->message, Msg::io_cannot_read);
  Table directory = read_table(dir_);
  ASSERT_TRUE(directory.error);
  EXPECT_EQ(directory.error->message, Msg::io_cannot_read);
}

TEST_F(XlsxReader, ZipsWithoutAWorkbook) {
  write_zip(dir_ + "/plain.xlsx", {{"hello.txt", "hello"}});
  EXPECT_EQ(error_text(read_table(dir_ + "/plain.xlsx")),
            "'" + dir_ + "/plain.xlsx' is not an XLSX file: the archive holds no workbook");
  write_zip(dir_ + "/sheet.ods",
            {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<office/>"}});
  EXPECT_EQ(read_table(dir_ + "/sheet.ods").error->message, Msg::xlsx_ods);
  write_zip(dir_ + "/letter.xlsx", {{"_rels/.rels", relationships({{"officeDocument", "word/document.xml"}})},
                                    {"word/document.xml", "<w:document xmlns:w=\"w\"/>"}});
  EXPECT_EQ(read_table(dir_ + "/letter.xlsx").error->message, Msg::xlsx_no_workbook);
}

TEST_F(XlsxReader, MalformedXmlNamesTheEntry) {
  std::string path = dir_ + "/bad.xlsx";
  Package p;
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "h") + "</row><row r=\"2\"><c r=\"A2\"><v>1</v></x></row>");
  write_zip(path, p.entries());
  Table t = read_table(path);
  EXPECT_EQ(t.header, std::vector<std::string>{"h"});
  EXPECT_TRUE(t.rows.empty());
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::xlsx_xml_malformed);
  EXPECT_EQ(t.error->args[1], "xl/worksheets/sheet1.xml");
  EXPECT_EQ(t.error->args[3], "</x></row></sheetData></worksheet>");
  EXPECT_EQ(t.error->where.line, 2);

  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "h")).substr(0, 200);
  write_zip(path, p.entries());
  EXPECT_EQ(read_table(path).error->message, Msg::xlsx_xml_truncated);

  for (const char* bad : {"<!DOCTYPE x [<!ENTITY e \"boom\">]><worksheet><sheetData/></worksheet>",
                          "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>",
                          "<worksheet><sheetData><row><c r=A1><v>1</v></c></row></sheetData></worksheet>",
                          "<worksheet/><worksheet/>", "<worksheet/>text"}) {
    p.sheet = bad;
    write_zip(path, p.entries());
    Table b = read_table(path);
    ASSERT_TRUE(b.error) << bad;
    EXPECT_EQ(b.error->message, Msg::xlsx_xml_malformed) << bad << ": " << error_text(b);
  }

  p.sheet = worksheet("");
  p.extra = {{"xl/workbook.xml", "<workbook><sheets></workbook>"}};
  write_zip(path, p.entries());
  Table w = read_table(path);
  ASSERT_TRUE(w.error);
  EXPECT_EQ(w.error->message, Msg::xlsx_xml_malformed);
  EXPECT_EQ(w.error->args[1], "xl/workbook.xml");
  p.extra = {{"xl/workbook.xml", "<workbook><sheets>"}};
  write_zip(path, p.entries());
  EXPECT_EQ(error_text(read_table(path)), "'xl/workbook.xml' in '" + path + "' is not complete XML (it ends too early)");
}

// ---- hostile archives

std::string big_sheet(std::size_t bytes) {
  std::string rows = "<row>" + inline_cell("A1", "header") + "</row>";
  while (rows.size() < bytes) rows += "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaa</t></is></c></row>";
  return worksheet(rows);
}

TEST_F(XlsxReader, RefusesZipBombs) {
  std::string path = dir_ + "/bomb.xlsx";
  Package p;
  p.sheet = big_sheet(4 << 20);
  write_zip(path, p.entries());
  XlsxLimits limits;
  limits.max_entry_bytes = 1 << 20;
  EXPECT_EQ(error_text(read_table(path, "", limits)),
            "'xl/worksheets/sheet1.xml' in '" + path + "' expands to more than the limit of 1048576 bytes; refusing to read it");

  limits = {};
  limits.ratio_min_bytes = 64 << 10;
  EXPECT_EQ(read_table(path, "", limits).error->message, Msg::xlsx_zip_bomb);

  // Within the per-entry caps, but too much in all: found while streaming.
  p.sheet = big_sheet(600 << 10);
  p.shared_strings = std::string("<sst ") + kNs + "><si><t>" + std::string(600 << 10, 'x') + "</t></si></sst>";
  write_zip(path, p.entries());
  limits = {};
  limits.max_total_bytes = 1 << 20;
  Table t = read_table(path, "", limits);
  EXPECT_TRUE(t.opened);
  EXPECT_EQ(t.header, std::vector<std::string>{"header"});
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::xlsx_total_too_large);
  EXPECT_LT(t.rows.size(), 20000u);

  // The defaults read it.
  EXPECT_FALSE(read_table(path).error);
  // A part read whole has its own, smaller cap.
  limits = {};
  limits.max_part_bytes = 100;
  EXPECT_EQ(read_table(path, "", limits).error->message, Msg::xlsx_entry_too_large);
}

// Makes the archive at `path` declare `size` as the uncompressed size of
// entry `name`, in its local header and in the central directory.
void declare_size(const std::string& path, const std::string& name, uint32_t size) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  struct Header {
    std::string_view signature;
    std::size_t size_at, name_at;
  } headers[] = {{std::string_view("PK\x03\x04", 4), 22, 30}, {std::string_view("PK\x01\x02", 4), 24, 46}};
  int patched = 0;
  for (const Header& h : headers)
    for (std::size_t at = bytes.find(h.signature); at != std::string::npos; at = bytes.find(h.signature, at + 1))
      if (bytes.compare(at + h.name_at, name.size(), name) == 0) {
        for (int i = 0; i < 4; ++i) bytes[at + h.size_at + i] = static_cast<char>(size >> (8 * i));
        ++patched;
      }
  EXPECT_EQ(patched, 2);
  write_file(path, bytes);
}

TEST_F(XlsxReader, SizesTheArchiveDeclaresAreNotTrusted) {
  std::string path = dir_ + "/liar.xlsx";
  Package p;
  p.sheet = big_sheet(16 << 20);
  write_zip(path, p.entries());
  declare_size(path, "xl/worksheets/sheet1.xml", 1000);
  Table t = read_table(path);
  EXPECT_TRUE(t.opened);
  EXPECT_EQ(t.header, std::vector<std::string>{"header"});
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::xlsx_zip_bomb);
  XlsxLimits limits;
  limits.max_entry_bytes = 2 << 20;
  EXPECT_EQ(read_table(path, "", limits).error->message, Msg::xlsx_entry_too_large);
}

TEST_F(XlsxReader, EntriesThatClimbOutOfTheArchiveAreNeverWritten) {
  std::string path = dir_ + "/slip.xlsx";
  std::string leaf = "fangyi-zip-slip-" + fs::path(dir_).filename().string();
  Package p;
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "safe") + "</row>");
  p.extra = {{"../../" + leaf, "evil"}, {"/tmp/" + leaf, "evil"}, {"xl/../../" + leaf, "evil"}};
  write_zip(path, p.entries());
  EXPECT_EQ(read_table(path).header, std::vector<std::string>{"safe"});
  for (const fs::path& where : {fs::path(dir_) / ".." / ".." / leaf, fs::path(dir_) / ".." / leaf,
                                fs::path("/tmp") / leaf, fs::current_path() / ".." / ".." / leaf})
    EXPECT_FALSE(fs::exists(where)) << where;
  EXPECT_EQ(entries(), std::vector<std::string>{"slip.xlsx"});

  // A relationship pointing out of the archive finds nothing.
  p.sheet_target = "../../" + leaf;
  write_zip(path, p.entries());
  Table t = read_table(path);
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, Msg::xlsx_sheet_missing);
}

TEST_F(XlsxReader, WindowsSeparatorsAndCaseInEntryNames) {
  std::string path = dir_ + "/windows.xlsx";
  Package p;
  p.sheet = worksheet("<row r=\"1\">" + inline_cell("A1", "ok") + "</row>");
  std::vector<Entry> entries = p.entries();
  for (Entry& e : entries)
    if (e.name == "xl/worksheets/sheet1.xml") e.name = "XL\\Worksheets\\Sheet1.xml";
  write_zip(path, entries);
  EXPECT_EQ(read_table(path).header, std::vector<std::string>{"ok"});
}

// A sheet of 100,000 rows like an exported case list: read in one pass.
TEST_F(XlsxReader, StreamsALargeSheet) {
  constexpr int kRows = 100000;
  std::string path = dir_ + "/large.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "個案");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy/mm/dd");
  lxw_format* time = workbook_add_format(wb);
  format_set_num_format(time, "hh:mm");
  const char* header[] = {"學號", "姓名", "學校", "採檢日", "時間", "體溫", "確診", "備註"};
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  for (int r = 1; r <= kRows; ++r) {
    lxw_row_t row = static_cast<lxw_row_t>(r);
    worksheet_write_number(ws, row, 0, 1100000 + r, nullptr);
    worksheet_write_string(ws, row, 1, ("學生" + std::to_string(r)).c_str(), nullptr);
    worksheet_write_string(ws, row, 2, ("第" + std::to_string(r % 20) + "國小").c_str(), nullptr);
    lxw_datetime d = {2022, 4, 1 + r % 28, 0, 0, 0}, t = {0, 0, 0, 8 + r % 10, r % 60, 0};
    worksheet_write_datetime(ws, row, 3, &d, date);
    worksheet_write_datetime(ws, row, 4, &t, time);
    worksheet_write_number(ws, row, 5, 36.0 + (r % 20) / 10.0, nullptr);
    worksheet_write_boolean(ws, row, 6, r % 7 == 0, nullptr);
    if (r % 3 == 0) worksheet_write_string(ws, row, 7, "居家照護", nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  auto reader = open_xlsx(path, "", diags);
  ASSERT_TRUE(reader);
  std::vector<std::string> names;
  ASSERT_TRUE(reader->header(names));
  std::vector<std::string_view> cells;
  uint64_t line = 0, rows = 0;
  while (reader->next(cells, line)) {
    ++rows;
    if (line == 12346) {
      EXPECT_EQ(cells[0], "1112345");
      EXPECT_EQ(cells[1], "學生12345");
      EXPECT_EQ(cells[3], "2022-04-26");
      EXPECT_EQ(cells[4], "13:45");
      EXPECT_EQ(cells[5], "36.5");
      EXPECT_EQ(cells[7], "居家照護");
    }
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(reader->error());
  EXPECT_EQ(rows, static_cast<uint64_t>(kRows));
  EXPECT_EQ(line, static_cast<uint64_t>(kRows + 1));
  EXPECT_EQ(reader->bytes_read(), reader->bytes_total());
  RecordProperty("read_ms", static_cast<int>(ms));
  std::cout << "read " << rows << " rows in " << ms << " ms\n";
}

// ---- the parts

// Returns bytes one at a time, so every token crosses a chunk boundary.
class Trickle : public XmlSource {
 public:
  explicit Trickle(std::string data, std::size_t step) : data_(std::move(data)), step_(step) {}
  std::size_t read(char* buf, std::size_t n) override {
    std::size_t k = std::min({n, step_, data_.size() - at_});
    data_.copy(buf, k, at_);
    at_ += k;
    return k;
  }

 private:
  std::string data_;
  std::size_t step_, at_ = 0;
};

std::string events(const std::string& doc, std::size_t step) {
  Trickle source(doc, step);
  XmlPull xml(source);
  std::string out;
  for (;;) {
    XmlEvent e = xml.next();
    if (e == XmlEvent::start) {
      out += "<" + std::string(xml.name());
      if (auto a = xml.attribute("a")) out += " a=" + std::string(*a);
      out += ">";
    } else if (e == XmlEvent::end) {
      out += "</" + std::string(xml.name()) + ">";
    } else if (e == XmlEvent::text) {
      out += "[" + std::string(xml.text()) + "]";
    } else if (e == XmlEvent::done) {
      return out;
    } else {
      return out + (xml.truncated() ? "!truncated" : "!error@" + std::to_string(xml.error_offset()));
    }
  }
}

TEST(XlsxXml, EventsDoNotDependOnChunkBoundaries) {
  std::string doc =
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!-- a > comment --><p:root xmlns:p=\"u\" a='x>y' b=\"&quot;\">"
      "t&amp;x&#x4E2D;&#25991;\r\nz<p:e a=\"1\"/><![CDATA[<&>]]><?pi x?><f/></p:root>\n";
  std::string expected = "<root a=x>y>[t&x中文\nz]<e a=1></e>[<&>]<f></f></root>";
  EXPECT_EQ(events(doc, 1 << 20), expected);
  EXPECT_EQ(events(doc, 1), expected);
  EXPECT_EQ(events(doc, 7), expected);
}

TEST(XlsxXml, RejectsMalformedDocuments) {
  EXPECT_EQ(events("<a><b></a>", 1), "<a><b>!error@6");
  EXPECT_EQ(events("<a>&bogus;</a>", 3), "<a>!error@3");
  EXPECT_EQ(events("<a>&#0;</a>", 3), "<a>!error@3");
  EXPECT_EQ(events("<a>&#xD800;</a>", 3), "<a>!error@3");
  EXPECT_EQ(events("<!DOCTYPE a><a/>", 2), "!error@0");
  EXPECT_EQ(events("<a x=1/>", 2), "!error@0");
  EXPECT_EQ(events("<a x='1'y='2'/>", 2), "!error@0");
  EXPECT_EQ(events("<a></a><b/>", 2), "<a></a>!error@7");
  EXPECT_EQ(events("<a/>junk", 2), "<a></a>!error@4");
  EXPECT_EQ(events("<a><b>text", 2), "<a><b>[text]!truncated");
  EXPECT_EQ(events("<a><!-- never closed", 2), "<a>!truncated");
  EXPECT_EQ(events("", 2), "!truncated");
  EXPECT_EQ(events("<a", 1), "!truncated");
  EXPECT_EQ(events("<a <b>", 1), "!error@3");
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<d>";
  EXPECT_NE(events(deep, 4096).find("!error"), std::string::npos);
}

TEST(XlsxXml, ErrorExcerptIsPrintableAndCutAtCharacters) {
  EXPECT_EQ(xml_excerpt("ab\ncd", 1), "b cd");
  EXPECT_EQ(xml_excerpt(std::string(40, 'x') + "中文字", 40), "中文字");
  std::string long_text = std::string(46, 'x') + "中";  // the character would be cut: left out
  EXPECT_EQ(xml_excerpt(long_text, 0), std::string(46, 'x'));
}

TEST(XlsxValues, NumberFormatsAreClassified) {
  using K = XlsxNumberKind;
  struct Case {
    const char* code;
    XlsxNumberFormat format;
  } cases[] = {
      {"General", {}},
      {"0.00", {}},
      {"#,##0;[Red]-#,##0", {}},
      {"0.00E+00", {}},
      {"@", {}},
      {"\"days: \"0", {}},
      {"0 \"天\"", {}},
      {"[Red]0.0", {}},
      {"yyyy/m/d", {K::date}},
      {"YYYY-MM-DD", {K::date}},
      {"[$-404]e/m/d", {K::date}},
      {"[$-zh-TW]ggge\"年\"m\"月\"d\"日\"", {K::date}},
      {"mmm-yy", {K::date}},
      {"mmmm", {K::date}},
      {"d-mmm", {K::date}},
      {"h:mm", {K::time}},
      {"hh:mm:ss AM/PM", {K::time}},
      {"mm:ss", {K::time}},
      {"[$-404]上午/下午hh\"時\"mm\"分\"", {K::time}},
      {"yyyy/m/d h:mm", {K::datetime}},
      {"m/d/yy h:mm;@", {K::datetime}},
      {"[h]:mm:ss", {K::elapsed}},
      {"[mm]:ss", {K::elapsed}},
      {"0000000000", {K::zero_padded, 10}},
      {"00", {K::zero_padded, 2}},
      {"0", {}},
      {"\\d0", {}},
      {"_(0_)", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(classify_number_format(c.code), c.format) << c.code;
  EXPECT_EQ(builtin_number_format(14).kind, K::date);
  EXPECT_EQ(builtin_number_format(22).kind, K::datetime);
  EXPECT_EQ(builtin_number_format(21).kind, K::time);
  EXPECT_EQ(builtin_number_format(46).kind, K::elapsed);
  EXPECT_EQ(builtin_number_format(28).kind, K::date);
  EXPECT_EQ(builtin_number_format(32).kind, K::time);
  EXPECT_EQ(builtin_number_format(2).kind, K::number);
  EXPECT_EQ(builtin_number_format(-1).kind, K::number);
}

std::string formatted(double value, XlsxNumberKind kind, bool date1904 = false) {
  std::string out;
  if (!append_formatted(value, {kind}, date1904, out)) return "(out of range)";
  return out;
}

TEST(XlsxValues, SerialsBecomeDatesAndTimes) {
  using K = XlsxNumberKind;
  EXPECT_EQ(formatted(1, K::date), "1900-01-01");
  EXPECT_EQ(formatted(59, K::date), "1900-02-28");
  EXPECT_EQ(formatted(60, K::date), "1900-02-29");  // Excel's leap-year bug
  EXPECT_EQ(formatted(61, K::date), "1900-03-01");
  EXPECT_EQ(formatted(25569, K::date), "1970-01-01");
  EXPECT_EQ(formatted(44435, K::date), "2021-08-27");
  EXPECT_EQ(formatted(44435.999999999, K::date), "2021-08-28");  // rounds to the second
  EXPECT_EQ(formatted(2958465.5, K::datetime), "9999-12-31 12:00");
  EXPECT_EQ(formatted(2958466, K::date), "(out of range)");
  EXPECT_EQ(formatted(0, K::date), "(out of range)");
  EXPECT_EQ(formatted(-1, K::time), "(out of range)");
  EXPECT_EQ(formatted(0, K::date, true), "1904-01-01");
  EXPECT_EQ(formatted(42973, K::date, true), "2021-08-27");
  EXPECT_EQ(formatted(2957003, K::date, true), "9999-12-31");
  EXPECT_EQ(formatted(2957004, K::date, true), "(out of range)");
  EXPECT_EQ(formatted(44435.583333333336, K::datetime), "2021-08-27 14:00");
  EXPECT_EQ(formatted(0.5836805555555555, K::time), "14:00:30");
  EXPECT_EQ(formatted(44435.75, K::time), "18:00");
  EXPECT_EQ(formatted(0, K::time), "00:00");
  EXPECT_EQ(formatted(1.5, K::elapsed), "36:00");
  EXPECT_EQ(formatted(0.0000115740740741, K::elapsed), "0:00:01");
  std::string out;
  EXPECT_TRUE(append_formatted(-42, {XlsxNumberKind::zero_padded, 4}, false, out));
  EXPECT_TRUE(append_formatted(4.5, {XlsxNumberKind::zero_padded, 4}, false, out));
  EXPECT_EQ(out, "-00424.5");
}

TEST(XlsxValues, NumbersPrintShortest) {
  auto number = [](double v) {
    std::string out;
    append_number(v, out);
    return out;
  };
  EXPECT_EQ(number(3), "3");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(0.1), "0.1");
  EXPECT_EQ(number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number(36.5), "36.5");
  EXPECT_EQ(number(1.5e-7), "1.5e-07");
  EXPECT_EQ(number(123456789012345.0), "123456789012345");
  EXPECT_EQ(number(1e20), "1e+20");
  EXPECT_EQ(parse_xlsx_number(" 1.5E-3 "), 0.0015);
  EXPECT_EQ(parse_xlsx_number("44435"), 44435);
  EXPECT_FALSE(parse_xlsx_number("abc"));
  EXPECT_FALSE(parse_xlsx_number("inf"));
  EXPECT_FALSE(parse_xlsx_number("1,5"));
  EXPECT_FALSE(parse_xlsx_number(""));
}

TEST(XlsxValues, OoxmlTextEscapesAndBadUtf8) {
  auto text = [](std::string_view in) {
    std::string out;
    append_ooxml_text(in, out);
    return out;
  };
  EXPECT_EQ(text("a_x000D_b"), "a\rb");
  EXPECT_EQ(text("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(text("_xD83D__xDE00_"), "😀");
  EXPECT_EQ(text("_xD83D_"), "\uFFFD");
  EXPECT_EQ(text("_x0000_"), "\uFFFD");
  EXPECT_EQ(text("_x12_ _xGGGG_"), "_x12_ _xGGGG_");
  EXPECT_EQ(text("ok\xFFok"), "ok\uFFFDok");
  EXPECT_EQ(text("中_x0041_文\xC3"), "中A文\uFFFD");
}

TEST(XlsxValues, IsoDates) {
  auto iso = [](std::string_view in, XlsxNumberKind kind = XlsxNumberKind::number) {
    std::string out;
    return append_iso_date(in, {kind}, out) ? out : "(invalid)";
  };
  EXPECT_EQ(iso("2021-08-27"), "2021-08-27");
  EXPECT_EQ(iso("2021-08-27T14:00:00Z"), "2021-08-27 14:00");
  EXPECT_EQ(iso("2021-08-27T00:00:00"), "2021-08-27");
  EXPECT_EQ(iso("2021-08-27T00:00:00", XlsxNumberKind::datetime), "2021-08-27 00:00");
  EXPECT_EQ(iso("2021-08-27T14:00:00", XlsxNumberKind::time), "14:00");
  EXPECT_EQ(iso("2021-08-27T14:00:00", XlsxNumberKind::date), "2021-08-27");
  EXPECT_EQ(iso("14:00:30"), "14:00:30");
  EXPECT_EQ(iso("2021-02-30"), "(invalid)");
  EXPECT_EQ(iso("2021-08-27X"), "(invalid)");
  EXPECT_EQ(iso("soon"), "(invalid)");
}

}  // namespace
}  // namespace fangyi::check
