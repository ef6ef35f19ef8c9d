// Fuzz target: the CSV reader with encoding detection (UTF-8, BOM, Big5),
// read to the end in small blocks so that rows and quotes cross block edges;
// then read again as the check engine reads, taking unsplit text from
// next_plain wherever offered, which must give the very same rows, lines and
// issues.
#include <algorithm>
#include <string>
#include <vector>

#include "check/csv_reader.h"
#include "fuzz_input.h"
#include "fuzz_table.h"

namespace {

using namespace fangyi;

struct Seen {
  std::vector<std::vector<std::string>> rows;
  std::vector<uint64_t> lines;
  std::vector<std::string> issues;
  bool error = false;
};

void add_issues(const std::vector<check::ReadIssue>& issues, Seen& seen) {
  for (const auto& i : issues) {
    std::string s = std::to_string(i.line) + ":" + std::to_string(i.column) + ":" +
                    std::to_string(static_cast<int>(i.message));
    for (const auto& a : i.args) s += "|" + a;
    seen.issues.push_back(s);
  }
}

Seen read(const std::string& path, const check::CsvOptions& options, bool plain) {
  Seen seen;
  Diagnostics diags;
  auto reader = check::open_csv(path, options, diags);
  std::vector<std::string> header;
  if (!reader || !reader->header(header)) return seen;
  std::vector<std::string_view> cells;
  std::vector<check::ReadIssue> split_issues;
  uint64_t line = 0;
  check::PlainText text;
  for (;;) {
    if (plain && reader->next_plain(text)) {
      check::PlainRows rows(text, header.size());
      while (rows.next(cells, line, split_issues)) {
        seen.rows.emplace_back(cells.begin(), cells.end());
        seen.lines.push_back(line);
      }
      continue;
    }
    if (!reader->next(cells, line)) break;
    seen.rows.emplace_back(cells.begin(), cells.end());
    seen.lines.push_back(line);
  }
  add_issues(reader->issues(), seen);
  add_issues(split_issues, seen);
  std::sort(seen.issues.begin(), seen.issues.end());
  seen.error = reader->error().has_value();
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string path = fuzz::input_file(data, size, ".csv");
  check::CsvOptions options;
  options.block_size = 64;
  options.max_columns = 256;
  options.max_field_bytes = 4096;
  options.max_row_bytes = 1 << 16;
  Seen by_rows = read(path, options, false), plain = read(path, options, true);
  if (by_rows.rows != plain.rows || by_rows.lines != plain.lines || by_rows.issues != plain.issues ||
      by_rows.error != plain.error)
    __builtin_trap();
  return 0;
}
