// A table read row by row from an exported file (CSV or XLSX), already
// converted to UTF-8. Readers stream: memory does not grow with file size.
// Problems that do not stop reading (a bad quote, a ragged row) are kept as
// issues with their place; the check engine reports them as findings.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace fangyi::check {

struct ReadIssue {
  uint64_t line = 0;  // CSV: physical line where the row starts; XLSX: sheet row
  int column = 0;     // 1-based column index; 0 for the whole row
  Msg message{};
  std::vector<std::string> args;
};

// Whole rows handed over as unsplit text (CsvReader::next_plain): text in
// which PlainRows (csv_reader.h) finds exactly the rows, lines and issues
// next() would give.
struct PlainText {
  std::string_view text;
  uint64_t line = 0;  // of the first byte
  char delimiter = ',';
  // When the text is the file's own bytes, mapped, rather than the reader's
  // buffer (valid until the next call): the file offset just after it. The
  // text then stays valid until release() passes that offset.
  uint64_t file_end = 0;
};

class TableReader {
 public:
  virtual ~TableReader() = default;

  // The header row (first row). Call once, before next().
  virtual bool header(std::vector<std::string>& names) = 0;
  // The next data row. Cells are views valid until the following call;
  // `line` is where the row starts. Returns false at the end of the table
  // or on an error that stops reading (then error() is set).
  virtual bool next(std::vector<std::string_view>& cells, uint64_t& line) = 0;
  // The bytes the last row was read from, when its cells are views into one
  // span of them (the others view elsewhere); empty when the reader has no
  // such span. Lets a caller copy a row in one piece.
  virtual std::string_view row_bytes() const { return {}; }
  // The rows ahead as unsplit text, when the reader can tell that they need
  // no more than splitting; valid until the following call. False when the
  // next row needs next() (or the reader never does this): call next() for
  // one row and ask again.
  virtual bool next_plain(PlainText&) { return false; }
  // The plain texts that end at or before file offset `file_end` are done
  // with (see PlainText::file_end).
  virtual void release(uint64_t /*file_end*/) {}

  // Issues found so far; the caller may take and clear them.
  std::vector<ReadIssue>& issues() { return issues_; }
  // Set when reading stopped early (I/O error, not a table at all).
  const std::optional<Diagnostic>& error() const { return error_; }
  // How the bytes were decoded, for the report: "UTF-8", "UTF-8 (BOM)",
  // "Big5 (CP950)", "XLSX".
  virtual std::string encoding() const = 0;
  // Bytes consumed so far and in all, for progress bars (0 when unknown).
  virtual uint64_t bytes_read() const { return 0; }
  virtual uint64_t bytes_total() const { return 0; }

 protected:
  std::vector<ReadIssue> issues_;
  std::optional<Diagnostic> error_;
};

}  // namespace fangyi::check
