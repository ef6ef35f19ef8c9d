// Reading a CSV export as a table (RFC 4180). Interface: open_csv, which
// returns a CsvReader (a TableReader) over a Utf8Source, so the bytes may be
// UTF-8 or Big5 and arrive from a file or stdin ("-").
//
// Accepted: fields quoted with '"' holding delimiters, doubled quotes and
// line breaks; LF, CRLF and lone CR line ends, also mixed; a missing final
// line end; a UTF-8 byte-order mark. Empty lines are skipped. The first row
// is the header; `line` is the physical line (1-based) where a row starts,
// however many lines earlier quoted fields spanned.
//
// Broken quoting, ragged rows, long fields and bad bytes never stop reading;
// each problem is one issue (the row's line; column = 1-based cell number, 0
// for the whole row) and is recovered from like this:
//   - a quote inside an unquoted field (ab"c) is kept as a character (only the
//     first such quote of a field is reported);
//   - text after a closing quote ("ab"c) is appended to the field: abc;
//   - a quote still open at the end of the file: the row is read again with
//     that quote as an ordinary character, so the lines after it become rows
//     again instead of vanishing into one field;
//   - a row with fewer cells than the header is padded with empty cells, one
//     with more is cut to the header's width (ragged row);
//   - a field longer than max_field_bytes is cut there (on a character
//     boundary);
//   - invalid bytes for the encoding become U+FFFD, one issue per row.
// Reading stops with error() only for an I/O error, an empty file, a header
// wider than max_columns, or a row longer than max_row_bytes — the last is
// almost always a lost quote swallowing the rest of a large file, and
// stopping bounds memory by max_row_bytes.
//
// Speed: the input is read in blocks of `block_size`; the bytes that end a
// field are found 64 at a time as a bit mask (SSE2); cells are views into
// the block (unquoted fields and quoted ones without doubled quotes) or into
// one scratch area (the rest); the row vectors are reused, so the steady
// state allocates nothing. A row cut by the block's end is parsed again once
// more bytes have come; each refill reads at least as much as the unfinished
// row holds, so a long row is parsed O(log n) times, not O(n).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/csv_scanner.h"
#include "check/encoding.h"
#include "check/table.h"
#include "core/diagnostic.h"

namespace fangyi::check {

struct CsvOptions {
  std::string encoding = "auto";               // auto, utf-8, big5 / cp950
  char delimiter = ',';                        // ';' or '\t' for other exports; never '"', CR or LF
  std::size_t max_field_bytes = 1 << 20;       // longer fields are cut (issue)
  std::size_t max_columns = 4096;              // a wider header stops reading (error)
  std::size_t max_row_bytes = std::size_t{16} << 20;  // a longer row stops reading (error)
  std::size_t block_size = std::size_t{1} << 20;      // bytes read at a time; tests use tiny blocks
};

class CsvReader : public TableReader {
 public:
  CsvReader(std::unique_ptr<Utf8Source> source, const CsvOptions& options);

  bool header(std::vector<std::string>& names) override;
  bool next(std::vector<std::string_view>& cells, uint64_t& line) override;
  std::string_view row_bytes() const override { return row_bytes_; }
  // Up to min(max_field_bytes, max_row_bytes) of the buffered rows ahead,
  // cut before the first quote, the first row with an invalid byte and the
  // last unfinished row: such text has no quoted field, no recovery and no
  // field or row over the limits, so splitting it is all that is left.
  bool next_plain(PlainText& out) override;
  void release(uint64_t file_end) override { source_->release_before(file_end); }
  // "UTF-8", "UTF-8 (BOM)" or "Big5 (CP950)"; final after the header.
  std::string encoding() const override { return source_->encoding_name(); }
  uint64_t bytes_read() const override { return source_->bytes_read(); }
  uint64_t bytes_total() const override { return source_->bytes_total(); }

 private:
  enum class Step { row, more, again, end };

  bool read_row(std::vector<std::string_view>& cells, uint64_t& line, std::size_t width);
  // next_plain from the file's own bytes, when nothing is buffered.
  bool next_mapped(PlainText& out, std::size_t most);
  // Fills `out` with [p, stop) as the text from line_ on (file_end as in
  // PlainText), and counts its lines.
  void hand_out(PlainText& out, const char* p, const char* stop, uint64_t file_end);
  Step parse_row(std::vector<std::string_view>& cells, std::size_t width);
  bool fill();
  // Room for `want` more bytes after the unread ones, which move to the front.
  void make_room(std::size_t want);
  // Appends from the mapped file the rest of the unfinished row at the end
  // of the buffer, when it is plain (no quote, valid UTF-8) and fits in
  // `most`; false otherwise.
  bool finish_row_from_file(std::size_t most);
  // One quoted field from the quote at p; Step::row when it is complete.
  Step quoted_field(const char*& p, std::string_view& cell, uint64_t& breaks, int column);
  std::string_view cut_long_field(std::string_view cell, int column);  // with its issue
  void report_invalid_bytes(const char* row_begin, const char* row_end);
  void issue(int column, Msg message, std::vector<std::string> args);
  void stop(uint64_t line, Msg message, std::vector<std::string> args);

  std::unique_ptr<Utf8Source> source_;
  CsvOptions options_;

  // buf_[begin_, end_) is read but not yet returned; LF padding follows end_.
  std::unique_ptr<char[]> buf_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  uint64_t buf_offset_ = 0;  // offset of buf_[0] in the UTF-8 stream
  bool eof_ = false;
  std::unique_ptr<char[]> scratch_;  // unescaped fields; as large as buf_, so views stay put
  std::size_t scratch_used_ = 0;

  uint64_t line_ = 1;         // physical line at begin_
  uint64_t row_line_ = 0;     // where the row being parsed starts
  std::string_view row_bytes_;  // of the last row returned, in buf_
  bool skip_lf_ = false;      // the last line ended in CR: an LF right after it is the same line end
  std::size_t row_cells_ = 0; // cells of the last row, stored or not
  std::size_t issue_mark_ = 0;  // issues_ before this are from earlier rows; the rest are redone per attempt
  std::vector<uint64_t> literal_quotes_;  // stream offsets of unterminated quotes, read as characters
  std::vector<uint32_t> field_starts_;    // offsets in the row, kept only while invalid bytes are pending
  std::size_t invalid_pos_ = 0;           // source_->invalid() before this are reported

  bool header_done_ = false;
  std::size_t width_ = 0;  // the header's cell count
  std::vector<std::string_view> header_cells_;
};

// The issue of a data row with `count` cells under a header of `width`.
ReadIssue ragged_row(uint64_t line, std::size_t count, std::size_t width);

// Splits text that CsvReader::next_plain handed out into rows, exactly as
// next() would: empty lines skipped, LF, CRLF and lone CR line ends, cells
// cut or padded to the header's width with a ragged-row issue. Cells view
// the text.
class PlainRows {
 public:
  PlainRows(const PlainText& plain, std::size_t width);
  // The next row, as `width` cells.
  bool next(std::vector<std::string_view>& cells, uint64_t& line, std::vector<ReadIssue>& issues);

  // The next row, cell by cell: cell(column, text) for each of its first
  // `width` cells; `count` is how many the row has (the missing ones are
  // empty). Inline, so that a caller's work on each cell joins the split.
  template <class Cell>
  bool next_row(uint64_t& line, std::size_t& count, std::vector<ReadIssue>& issues, Cell&& cell) {
    const char* p = p_;
    const char* const end = end_;
    for (; p < end && (*p == '\n' || *p == '\r'); ++line_) {  // empty lines
      if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
      ++p;
    }
    if (p == end) {
      p_ = p;
      return false;
    }
    line = line_;
    const std::size_t width = width_;
    const char delimiter = delimiter_;
    std::size_t n = 0;
    for (;;) {
      const char* f = scan_(p);
      if (n < width) cell(n, std::string_view(p, static_cast<std::size_t>(f - p)));
      ++n;
      if (f == end) {
        p = f;
        break;
      }
      p = f + 1;
      if (*f == delimiter) continue;
      if (*f == '\r' && p < end && *p == '\n') ++p;
      break;
    }
    p_ = p;
    ++line_;
    if (n != width) issues.push_back(ragged_row(line, n, width));
    count = std::min(n, width);
    return true;
  }

 private:
  const char* p_;
  const char* end_;
  uint64_t line_;
  char delimiter_;
  std::size_t width_;
  CsvScanner scan_;  // kept from row to row: it remembers 64 bytes ahead
};

// Opens `path` ("-" is stdin). On failure (missing file, unknown encoding)
// returns nullptr and adds the error to `diags`.
std::unique_ptr<TableReader> open_csv(const std::string& path, const CsvOptions& options, Diagnostics& diags);

}  // namespace fangyi::check
