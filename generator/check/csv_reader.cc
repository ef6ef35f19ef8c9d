// CsvReader: an RFC 4180 row parser over one growing block of UTF-8. A parse
// attempt either completes a row or finds the block ends inside it; then the
// row moves to the front, more is read behind it, and the attempt starts
// over from the row's first byte (its issues are dropped and made again), so
// no parser state has to survive between blocks except the line number and
// a pending CR.
#include "check/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "check/csv_scanner.h"
#include "core/utf8_scan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace fangyi::check {
namespace {

constexpr std::size_t kPreviewBytes = 40;  // of text quoted in an issue
constexpr std::size_t kPadding = 64;       // LF bytes after the data, so scans need no bounds check


// Line breaks in [b, e): LF, CRLF and lone CR each count one. Whole
// paragraphs of rows pass through here (next_plain): 16 bytes at a time, an
// LF counts and so does a CR that no LF follows, tallied per byte lane and
// summed every 255 steps, before a lane could overflow.
uint64_t count_breaks(const char* b, const char* e) {
  uint64_t n = 0;
  const char* p = b;
#ifdef __SSE2__
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
  while (e - p > 16) {  // one byte beyond the 16 is read: the one after a CR
    __m128i lanes = zero;
    for (int k = 0; k < 255 && e - p > 16; ++k, p += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
      __m128i lone_cr = _mm_andnot_si128(_mm_cmpeq_epi8(after, lf), _mm_cmpeq_epi8(v, cr));
      lanes = _mm_sub_epi8(lanes, _mm_or_si128(_mm_cmpeq_epi8(v, lf), lone_cr));  // a match is -1
    }
    __m128i sums = _mm_sad_epu8(lanes, zero);
    n += static_cast<uint64_t>(_mm_cvtsi128_si32(sums)) + static_cast<uint64_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; p < e; ++p) {
    n += static_cast<uint64_t>(*p == '\n');
    n += static_cast<uint64_t>(*p == '\r' && (p + 1 == e || p[1] != '\n'));
  }
  return n;
}

// At most `max` bytes of `s`, not cutting a UTF-8 character.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

std::string preview(std::string_view s) {
  std::string_view head = utf8_prefix(s, kPreviewBytes);
  return head.size() < s.size() ? std::string(head) + "…" : std::string(head);
}

// Where plain text starting at p ends, given that none of it may reach
// `limit` (a quote, a bad byte, the limits): just after its last line end
// before `limit`, with the LF of a CRLF when it is there before `end`;
// nullptr when there is no line end. `cr_at_end`: the text ends in a CR
// that `end` follows at once, so an LF may still come.
const char* plain_stop(const char* p, const char* limit, const char* end, bool& cr_at_end) {
  const std::size_t span = static_cast<std::size_t>(limit - p);
  const char* lf = static_cast<const char*>(memrchr(p, '\n', span));
  const char* cr = static_cast<const char*>(memrchr(p, '\r', span));
  const char* last = std::max(lf != nullptr ? lf : p - 1, cr != nullptr ? cr : p - 1);
  cr_at_end = false;
  if (last < p) return nullptr;
  const char* stop = last + 1;
  if (*last == '\r') {
    if (stop == end) cr_at_end = true;
    else if (*stop == '\n') ++stop;
  }
  return stop;
}

}  // namespace

CsvReader::CsvReader(std::unique_ptr<Utf8Source> source, const CsvOptions& options)
    : source_(std::move(source)), options_(options) {
  options_.block_size = std::max<std::size_t>(options_.block_size, 4);  // Utf8Source::read needs 4
}

std::unique_ptr<TableReader> open_csv(const std::string& path, const CsvOptions& options, Diagnostics& diags) {
  std::unique_ptr<Utf8Source> source = Utf8Source::open(path, options.encoding, diags, options.block_size);
  if (!source) return nullptr;
  return std::make_unique<CsvReader>(std::move(source), options);
}

bool CsvReader::header(std::vector<std::string>& names) {
  names.clear();
  if (header_done_) return false;
  uint64_t line = 0;
  bool ok = read_row(header_cells_, line, options_.max_columns);
  header_done_ = true;
  if (!ok) {
    if (!error_) stop(0, Msg::csv_empty, {});
    return false;
  }
  if (row_cells_ > options_.max_columns) {
    stop(line, Msg::csv_too_many_columns, {std::to_string(options_.max_columns)});
    return false;
  }
  width_ = header_cells_.size();
  names.assign(header_cells_.begin(), header_cells_.end());
  return true;
}

bool CsvReader::next(std::vector<std::string_view>& cells, uint64_t& line) {
  if (!header_done_) {
    std::vector<std::string> ignored;
    header(ignored);
  }
  return width_ > 0 && read_row(cells, line, width_);
}

bool CsvReader::next_plain(PlainText& out) {
  if (!header_done_ || width_ == 0 || error_ || buf_ == nullptr || !literal_quotes_.empty()) return false;
  // One byte short of the limits, for the LF of a CRLF taken after them.
  std::size_t most = std::min(options_.max_field_bytes, options_.max_row_bytes);
  if (most < 2) return false;
  --most;
  const char* const buf = buf_.get();
  const char* p = buf + begin_;
  const char* const end = buf + end_;
  if (p == end) return next_mapped(out, most);
  if (skip_lf_) {  // the LF of a CRLF whose CR ended the row before
    skip_lf_ = false;
    if (*p == '\n' && ++p == end) {
      begin_ = end_;
      return false;
    }
  }
  begin_ = static_cast<std::size_t>(p - buf);
  const char* limit = p + std::min(most, static_cast<std::size_t>(end - p));
  if (const void* quote = std::memchr(p, '"', static_cast<std::size_t>(limit - p)))
    limit = static_cast<const char*>(quote);
  const std::vector<InvalidBytes>& bad = source_->invalid();
  if (invalid_pos_ < bad.size()) {
    uint64_t at = bad[invalid_pos_].offset - buf_offset_;
    if (at < static_cast<uint64_t>(limit - buf)) limit = buf + std::max<uint64_t>(at, begin_);
  }
  bool cr_at_end = false;
  const char* stop = plain_stop(p, limit, end, cr_at_end);
  if (stop == nullptr) {
    // Only the start of a row is left: with the file mapped, its end is
    // copied in and the buffer then runs dry, so what follows is read from
    // the mapping without a copy.
    return limit == end && finish_row_from_file(most) && next_plain(out);
  }
  skip_lf_ = cr_at_end && !eof_;  // as parse_row does for a row ending in CR
  hand_out(out, p, stop, 0);
  begin_ = static_cast<std::size_t>(stop - buf);
  return true;
}

bool CsvReader::next_mapped(PlainText& out, std::size_t most) {
  // Bad bytes still to report belong to rows the buffer will read.
  if (invalid_pos_ < source_->invalid().size()) return false;
  const std::string_view ahead = source_->raw_ahead(std::min(most, options_.block_size));
  if (ahead.empty()) return false;
  const char* const start = ahead.data() + (skip_lf_ && ahead.front() == '\n' ? 1 : 0);
  const char* const end = ahead.data() + ahead.size();
  // The text ends after the last line end before the first quote or bad byte.
  const char* limit = end;
  if (const void* quote = std::memchr(start, '"', static_cast<std::size_t>(limit - start)))
    limit = static_cast<const char*>(quote);
  int step = 1;
  limit = start + utf8_valid_prefix(reinterpret_cast<const unsigned char*>(start),
                                    static_cast<std::size_t>(limit - start), &step);
  bool cr_at_end = false;
  const char* stop = plain_stop(start, limit, end, cr_at_end);
  if (stop == nullptr) return false;
  skip_lf_ = cr_at_end;  // an LF may begin what follows
  const std::size_t taken = static_cast<std::size_t>(stop - ahead.data());
  // The buffer is empty: it restarts after the bytes taken.
  buf_offset_ += end_ + taken;
  begin_ = end_ = 0;
  std::memset(buf_.get(), '\n', kPadding);
  source_->consume_ahead(taken);
  hand_out(out, start, stop, source_->offset());
  return true;
}

void CsvReader::hand_out(PlainText& out, const char* p, const char* stop, uint64_t file_end) {
  out.text = std::string_view(p, static_cast<std::size_t>(stop - p));
  out.line = line_;
  out.delimiter = options_.delimiter;
  out.file_end = file_end;
  line_ += count_breaks(p, stop);
}

bool CsvReader::read_row(std::vector<std::string_view>& cells, uint64_t& line, std::size_t width) {
  if (error_) return false;
  issue_mark_ = issues_.size();
  for (;;) {
    issues_.resize(issue_mark_);
    cells.clear();
    Step step = parse_row(cells, width);
    if (step == Step::row) break;
    if (step == Step::end) return false;
    if (step == Step::more && !fill() && error_) return false;
  }
  literal_quotes_.clear();
  line = row_line_;
  return true;
}

bool CsvReader::fill() {
  std::vector<InvalidBytes>& bad = source_->invalid();
  bad.erase(bad.begin(), bad.begin() + static_cast<std::ptrdiff_t>(invalid_pos_));
  invalid_pos_ = 0;
  std::size_t pending = end_ - begin_;
  if (pending > options_.max_row_bytes) {
    stop(line_, Msg::csv_row_too_large, {std::to_string(line_), std::to_string(options_.max_row_bytes)});
    return false;
  }
  // Read at least as much as the unfinished row holds: a long row doubles
  // the buffer, instead of being parsed again for every block.
  make_room(std::max(options_.block_size, pending));
  std::size_t got = source_->read(buf_.get() + end_, capacity_ - end_);
  end_ += got;
  std::memset(buf_.get() + end_, '\n', kPadding);  // every scan for a special byte stops at end_
  if (got == 0) {
    eof_ = true;
    if (source_->error()) error_ = source_->error();
  }
  return got > 0;
}

void CsvReader::make_room(std::size_t want) {
  const std::size_t pending = end_ - begin_;
  if (capacity_ < pending + want) {
    std::size_t capacity = pending + want;
    auto grown = std::make_unique_for_overwrite<char[]>(capacity + kPadding);
    if (pending > 0) std::memcpy(grown.get(), buf_.get() + begin_, pending);
    buf_ = std::move(grown);
    scratch_ = std::make_unique_for_overwrite<char[]>(capacity);
    capacity_ = capacity;
  } else if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, pending);
  }
  buf_offset_ += begin_;
  begin_ = 0;
  end_ = pending;
}

bool CsvReader::finish_row_from_file(std::size_t most) {
  const std::size_t pending = end_ - begin_;
  if (pending >= most) return false;
  const std::string_view ahead = source_->raw_ahead(most - pending);
  if (ahead.empty()) return false;
  const char* const a = ahead.data();
  const char* line_end = nullptr;
  for (char c : {'\n', '\r'})
    if (const void* at = std::memchr(a, c, ahead.size()); at != nullptr)
      line_end = line_end == nullptr ? static_cast<const char*>(at) : std::min(line_end, static_cast<const char*>(at));
  if (line_end == nullptr || std::memchr(a, '"', static_cast<std::size_t>(line_end - a)) != nullptr) return false;
  std::size_t n = static_cast<std::size_t>(line_end - a) + 1;
  int step = 1;
  if (utf8_valid_prefix(reinterpret_cast<const unsigned char*>(a), n, &step) != n) return false;
  if (*line_end == '\r' && n < ahead.size() && a[n] == '\n') ++n;
  make_room(n);
  std::memcpy(buf_.get() + end_, a, n);
  end_ += n;
  std::memset(buf_.get() + end_, '\n', kPadding);
  source_->consume_ahead(n);
  return true;
}

CsvReader::Step CsvReader::parse_row(std::vector<std::string_view>& cells, std::size_t width) {
  if (buf_ == nullptr) return eof_ ? Step::end : Step::more;
  // Members the loop reads are copied to locals: stores into `cells` and the
  // scratch area could alias them and force a reload per field.
  const char* const buf = buf_.get();
  const char* const end = buf + end_;
  const bool eof = eof_;
  const char delim = options_.delimiter;
  const std::size_t max_field = options_.max_field_bytes;
  CsvScanner scan(delim);
  const char* p = buf + begin_;

  // Empty lines, and the LF of a CRLF whose CR ended the previous row.
  for (;; ++p) {
    if (p == end) {
      begin_ = end_;
      return eof ? Step::end : Step::more;
    }
    if (skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') continue;
    }
    if (*p == '\n') {
      ++line_;
    } else if (*p == '\r') {
      ++line_;
      skip_lf_ = true;
    } else {
      break;
    }
  }
  const char* const row = p;
  begin_ = static_cast<std::size_t>(row - buf);
  row_line_ = line_;
  scratch_used_ = 0;
  uint64_t breaks = 0;  // inside quoted fields
  std::size_t count = 0;
  const bool track = invalid_pos_ < source_->invalid().size();
  if (track) field_starts_.clear();

  for (;;) {
    if (track) field_starts_.push_back(static_cast<uint32_t>(p - row));
    const int column = static_cast<int>(count + 1);
    const bool literal = *p == '"' && !literal_quotes_.empty() &&
                         std::find(literal_quotes_.begin(), literal_quotes_.end(),
                                   buf_offset_ + static_cast<uint64_t>(p - buf)) != literal_quotes_.end();
    std::string_view cell;
    if (*p == '"' && !literal) {
      Step step = quoted_field(p, cell, breaks, column);
      if (step != Step::row) return step;
    } else {
      const char* const start = p;
      bool reported = false;
      if (literal) {
        issue(column, Msg::csv_unterminated_quote, {std::to_string(column)});
        reported = true;
        ++p;
      }
      for (;;) {
        p = scan(p);
        if (*p != '"') break;  // the padding holds no quote, so p < end here
        if (!reported) issue(column, Msg::csv_quote_in_field, {std::to_string(column)});
        reported = true;
        ++p;
      }
      if (p == end && !eof) return Step::more;
      cell = std::string_view(start, static_cast<std::size_t>(p - start));
    }
    ++count;
    if (cells.size() < width) cells.push_back(cell.size() > max_field ? cut_long_field(cell, column) : cell);
    if (p == end) break;  // the input ends without a line break
    char c = *p++;
    if (c == delim) continue;
    if (c == '\r') skip_lf_ = true;
    break;
  }

  if (static_cast<std::size_t>(p - row) > options_.max_row_bytes) {
    stop(row_line_, Msg::csv_row_too_large, {std::to_string(row_line_), std::to_string(options_.max_row_bytes)});
    return Step::end;
  }
  begin_ = static_cast<std::size_t>(p - buf);
  row_bytes_ = std::string_view(row, static_cast<std::size_t>(p - row));
  line_ = row_line_ + breaks + 1;
  row_cells_ = count;
  if (track) report_invalid_bytes(row, p);
  if (header_done_ && count != width) {
    issues_.push_back(ragged_row(row_line_, count, width));
    cells.resize(width);
  }
  return Step::row;
}

CsvReader::Step CsvReader::quoted_field(const char*& p, std::string_view& cell, uint64_t& breaks, int column) {
  const char* const buf = buf_.get();
  const char* const end = buf + end_;
  const char* const quote = p;
  const char* q = p + 1;
  char* copy = nullptr;  // into scratch_, once a doubled quote forces a copy
  std::size_t copied = 0;
  for (;;) {
    const char* close = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
    if (close == nullptr) {
      if (!eof_) return Step::more;
      literal_quotes_.push_back(buf_offset_ + static_cast<uint64_t>(quote - buf));
      return Step::again;
    }
    if (close + 1 == end && !eof_) return Step::more;  // a doubled quote or the closing one?
    const bool doubled = close + 1 < end && close[1] == '"';
    const std::size_t piece = static_cast<std::size_t>(close - q) + (doubled ? 1 : 0);
    if (doubled && copy == nullptr) copy = scratch_.get() + scratch_used_;
    if (copy != nullptr) {
      std::memcpy(copy + copied, q, piece);
      copied += piece;
    }
    if (doubled) {
      q = close + 2;
      continue;
    }
    if (copy != nullptr) {
      cell = std::string_view(copy, copied);
      scratch_used_ += copied;
    } else {
      cell = std::string_view(quote + 1, piece);
    }
    breaks += count_breaks(quote + 1, close);
    p = close + 1;
    break;
  }
  const char delim = options_.delimiter;
  if (*p == delim || *p == '\n' || *p == '\r') return Step::row;

  // Text after the closing quote, up to the delimiter or line end; quotes in
  // it are characters.
  CsvScanner scan(delim);
  const char* text = p;
  for (p = scan(p); *p == '"'; p = scan(p + 1)) {
  }
  if (p == end && !eof_) return Step::more;
  std::string_view extra(text, static_cast<std::size_t>(p - text));
  issue(column, Msg::csv_text_after_quote, {std::to_string(column), preview(extra)});
  char* joined = copy != nullptr ? copy : scratch_.get() + scratch_used_;
  if (copy == nullptr && !cell.empty()) std::memcpy(joined, cell.data(), cell.size());
  std::memcpy(joined + cell.size(), extra.data(), extra.size());
  cell = std::string_view(joined, cell.size() + extra.size());
  scratch_used_ = static_cast<std::size_t>(joined - scratch_.get()) + cell.size();
  return Step::row;
}

std::string_view CsvReader::cut_long_field(std::string_view cell, int column) {
  issue(column, Msg::csv_field_too_long,
        {std::to_string(column), std::to_string(cell.size()), std::to_string(options_.max_field_bytes)});
  return utf8_prefix(cell, options_.max_field_bytes);
}

void CsvReader::report_invalid_bytes(const char* row_begin, const char* row_end) {
  const std::vector<InvalidBytes>& bad = source_->invalid();
  const uint64_t row_offset = buf_offset_ + static_cast<uint64_t>(row_begin - buf_.get());
  const uint64_t row_end_offset = buf_offset_ + static_cast<uint64_t>(row_end - buf_.get());
  std::size_t first = invalid_pos_, last = invalid_pos_;
  while (last < bad.size() && bad[last].offset < row_end_offset) ++last;
  if (last == first) return;
  invalid_pos_ = last;
  uint64_t at = bad[first].offset > row_offset ? bad[first].offset - row_offset : 0;
  auto column = std::upper_bound(field_starts_.begin(), field_starts_.end(), at) - field_starts_.begin();
  issue(static_cast<int>(column), source_->is_big5() ? Msg::enc_invalid_big5 : Msg::enc_invalid_utf8,
        {std::to_string(column), bad[first].hex(), std::to_string(last - first)});
}

PlainRows::PlainRows(const PlainText& plain, std::size_t width)
    : p_(plain.text.data()),
      end_(plain.text.data() + plain.text.size()),
      line_(plain.line),
      delimiter_(plain.delimiter),
      width_(width),
      scan_(plain.delimiter, end_) {}

bool PlainRows::next(std::vector<std::string_view>& cells, uint64_t& line, std::vector<ReadIssue>& issues) {
  // Cells are written in place, not appended: no capacity check per cell.
  cells.resize(width_);
  std::string_view* const out = cells.data();
  std::size_t count = 0;
  if (!next_row(line, count, issues, [out](std::size_t column, std::string_view cell) { out[column] = cell; }))
    return false;
  for (std::size_t k = count; k < width_; ++k) out[k] = {};
  return true;
}

ReadIssue ragged_row(uint64_t line, std::size_t count, std::size_t width) {
  return ReadIssue{line, 0, count < width ? Msg::csv_row_too_short : Msg::csv_row_too_long,
                   {std::to_string(count), std::to_string(width)}};
}

void CsvReader::issue(int column, Msg message, std::vector<std::string> args) {
  issues_.push_back(ReadIssue{row_line_, column, message, std::move(args)});
}

void CsvReader::stop(uint64_t line, Msg message, std::vector<std::string> args) {
  error_ = Diagnostic{Severity::error, SourceLocation{source_->display_name(), static_cast<int>(line), 0, 1},
                      message, std::move(args), std::nullopt, {}};
}

}  // namespace fangyi::check
