// What the reading thread hands a worker (RowBatch: unsplit text, or rows
// it parsed) and what the worker hands back to be committed in order
// (BatchResult). Both are reused once committed. Used by engine_read.cc and
// engine_worker.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check/engine_plan.h"
#include "check/table.h"

namespace fangyi::check::engine {

constexpr std::size_t kBatchRows = 2048;
constexpr std::size_t kBatchBytes = 1 << 20;

// Rows for a worker: either a run of unsplit text (PlainText) or rows the
// reader parsed, each copied in one piece where the reader has it in one span
// (row_bytes) with its cells as offsets into it.
struct RowBatch {
  uint64_t seq = 0;
  std::string text;               // the plain text, or the parsed rows' bytes back to back
  bool plain = false;
  PlainText plain_from;           // plain: the line and delimiter, and the file's text when mapped
  std::vector<uint32_t> cells;    // parsed: per cell, begin and size in `text`
  std::vector<uint32_t> row_end;  // parsed: end of each row in `cells`, in cells
  std::vector<uint64_t> lines;    // parsed: each row's line
  std::vector<ReadIssue> issues;  // raised while these rows were read

  // Text in the file's own mapped bytes is only viewed; the reader's buffer
  // is copied.
  void set_plain(const PlainText& p) {
    plain = true;
    plain_from = p;
    if (p.file_end == 0) {
      text.assign(p.text);
      plain_from.text = {};
    }
  }
  std::string_view plain_text() const { return plain_from.file_end != 0 ? plain_from.text : std::string_view(text); }
  // Empty again, its memory kept for the next rows.
  void clear() {
    seq = 0;
    text.clear();
    plain = false;
    plain_from = {};
    cells.clear();
    row_end.clear();
    lines.clear();
    issues.clear();
  }
  void add(const std::vector<std::string_view>& row, std::string_view span, uint64_t line) {
    const std::size_t base = text.size();
    text.append(span);
    // As integers: a cell outside the span (an unescaped quoted field) may
    // lie in another buffer.
    const uintptr_t lo = reinterpret_cast<uintptr_t>(span.data()), hi = lo + span.size();
    for (std::string_view c : row) {
      const uintptr_t at = reinterpret_cast<uintptr_t>(c.data());
      if (!c.empty() && at >= lo && at + c.size() <= hi) {
        cells.push_back(static_cast<uint32_t>(base + (at - lo)));
      } else {
        cells.push_back(static_cast<uint32_t>(text.size()));
        text.append(c);
      }
      cells.push_back(static_cast<uint32_t>(c.size()));
    }
    row_end.push_back(static_cast<uint32_t>(cells.size() / 2));
    lines.push_back(line);
  }
  bool empty() const { return !plain && lines.empty() && issues.empty(); }
  bool full() const { return lines.size() >= kBatchRows || text.size() >= kBatchBytes; }

  // Calls fn(cells, line) for each row the reader parsed, in order.
  template <class Fn>
  void each_row(std::vector<std::string_view>& cells, Fn&& fn) const {
    for (std::size_t r = 0, first = 0; r < lines.size(); first = row_end[r++]) {
      cells.clear();
      for (std::size_t c = first; c < row_end[r]; ++c) cells.emplace_back(text.data() + cells_at(c), cells_size(c));
      fn(cells, lines[r]);
    }
  }

 private:
  uint32_t cells_at(std::size_t c) const { return cells[2 * c]; }
  uint32_t cells_size(std::size_t c) const { return cells[2 * c + 1]; }
};

// What a worker made of a batch.
struct BatchResult {
  uint64_t rows = 0;
  uint64_t file_end = 0;  // the batch's mapped text ends there (PlainText::file_end), or 0
  std::vector<Found> found;
  std::vector<std::string> spill;      // records by partition
  std::string organisation_records;

  // Empty again, its memory kept for the next batch.
  void clear() {
    rows = 0;
    file_end = 0;
    found.clear();
    for (std::string& p : spill) p.clear();
    organisation_records.clear();
  }
};

}  // namespace fangyi::check::engine
