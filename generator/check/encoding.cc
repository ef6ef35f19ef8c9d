// Utf8Source: raw blocks from a file descriptor, validated as UTF-8 or
// converted from CP950 with ICU, a few KiB of state carried between blocks
// (a character cut at a block's end waits in the raw buffer or inside the
// ICU converter).
#include "check/encoding.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unicode/ucnv_cb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/utf8_scan.h"


namespace fangyi::check {
namespace {

constexpr std::size_t kSniffBytes = 4096;  // bytes after the first non-ASCII one that decide
constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
constexpr char16_t kReplacementUnit = 0xFFFD;

// Ill-formed sequences in [p, p+n) read as UTF-8; a sequence cut by the end
// does not count.
std::size_t utf8_errors(const unsigned char* p, std::size_t n) {
  std::size_t errors = 0;
  for (std::size_t i = 0; i < n;) {
    int step = 1;
    i += utf8_valid_prefix(p + i, n - i, &step);
    if (step >= 0) break;
    ++errors;
    i += static_cast<std::size_t>(-step);
  }
  return errors;
}

// Bytes in [p, p+n) that cannot be CP950: a lead byte (0x81-0xFE) without a
// trail byte (0x40-0x7E, 0xA1-0xFE) after it, or 0x80 / 0xFF. Only the shape
// is checked; what decides is which reading breaks less.
std::size_t big5_errors(const unsigned char* p, std::size_t n) {
  std::size_t errors = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c < 0x80) continue;
    if (c == 0x80 || c == 0xFF) {
      ++errors;
    } else if (i + 1 < n) {
      unsigned char t = p[i + 1];
      if ((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE)) ++i;
      else ++errors;
    }
  }
  return errors;
}

InvalidBytes invalid_at(uint64_t offset, const unsigned char* bytes, std::size_t size) {
  InvalidBytes bad;
  bad.offset = offset;
  bad.size = static_cast<uint8_t>(std::min(size, bad.bytes.size()));
  std::copy_n(bytes, bad.size, bad.bytes.begin());
  return bad;
}

std::string reason(int err) { return std::error_code(err, std::generic_category()).message(); }

Diagnostic file_error(const std::string& file, Msg message, std::vector<std::string> args) {
  return Diagnostic{Severity::error, SourceLocation{file, 0, 0, 1}, message, std::move(args), std::nullopt, {}};
}

// Appends code point `cp` (at most U+10FFFF) as `size` bytes of UTF-8.
void put_utf8(char* out, char32_t cp, std::size_t size) {
  auto byte = [](char32_t v) { return static_cast<char>(static_cast<unsigned char>(v)); };
  switch (size) {
    case 1: out[0] = byte(cp); break;
    case 2:
      out[0] = byte(0xC0 | (cp >> 6));
      out[1] = byte(0x80 | (cp & 0x3F));
      break;
    case 3:
      out[0] = byte(0xE0 | (cp >> 12));
      out[1] = byte(0x80 | ((cp >> 6) & 0x3F));
      out[2] = byte(0x80 | (cp & 0x3F));
      break;
    default:
      out[0] = byte(0xF0 | (cp >> 18));
      out[1] = byte(0x80 | ((cp >> 12) & 0x3F));
      out[2] = byte(0x80 | ((cp >> 6) & 0x3F));
      out[3] = byte(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::optional<EncodingChoice> parse_encoding(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "auto") return EncodingChoice::detect;
  if (lower == "utf-8" || lower == "utf8") return EncodingChoice::utf8;
  if (lower == "big5" || lower == "cp950") return EncodingChoice::big5;
  return std::nullopt;
}

std::string InvalidBytes::hex() const {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    if (i > 0) out += ' ';
    out += "0x";
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out.empty() ? "?" : out;
}

Utf8Source::Utf8Source(int fd, bool owns_fd, std::string display, uint64_t size, std::size_t block_size)
    : fd_(fd),
      owns_fd_(owns_fd),
      display_(std::move(display)),
      size_(size),
      block_size_(std::max<std::size_t>(block_size, 1)) {}

Utf8Source::~Utf8Source() {
  if (map_ != nullptr) ::munmap(const_cast<char*>(map_), map_size_);
  if (owns_fd_) ::close(fd_);
  if (big5_ != nullptr) ucnv_close(big5_);
}

std::unique_ptr<Utf8Source> Utf8Source::open(const std::string& path, std::string_view encoding,
                                             Diagnostics& diags, std::size_t block_size) {
  std::string display = path == "-" ? "<stdin>" : path;
  std::optional<EncodingChoice> choice = parse_encoding(encoding);
  if (!choice) {
    diags.add(file_error(display, Msg::enc_unknown, {std::string(encoding)}));
    return nullptr;
  }
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diags.add(file_error(display, Msg::io_cannot_read, {display, reason(errno)}));
    return nullptr;
  }
  struct stat st {};
  bool is_stat = ::fstat(fd, &st) == 0;
  uint64_t size = is_stat && S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
  std::unique_ptr<Utf8Source> src(new Utf8Source(fd, path != "-", display, size, block_size));
  if (is_stat && S_ISDIR(st.st_mode)) {
    diags.add(file_error(display, Msg::io_cannot_read, {display, reason(EISDIR)}));
    return nullptr;
  }
  if (path != "-" && size > 0) {
    // Read in order, once: the system may read ahead and need not keep it.
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, size, MADV_SEQUENTIAL);
      src->map_ = static_cast<const char*>(map);
      src->map_size_ = size;
    }
  }
  if (*choice == EncodingChoice::big5 && !src->start_big5()) {
    diags.add(*src->error_);
    return nullptr;
  }
  if (*choice == EncodingChoice::utf8) src->mode_ = Mode::utf8;

  // A byte-order mark can only be UTF-8's; it is never part of the data.
  while (src->raw_end_ < 3 && src->fill(src->block_size_)) {
  }
  if (src->error_) {
    diags.add(*src->error_);
    return nullptr;
  }
  if (src->mode_ != Mode::big5 && src->raw_end_ >= 3 && std::memcmp(src->raw_.data(), "\xEF\xBB\xBF", 3) == 0) {
    src->raw_pos_ = 3;
    src->mode_ = Mode::utf8;
    src->bom_ = true;
  }
  return src;
}

bool Utf8Source::start_big5() {
  UErrorCode err = U_ZERO_ERROR;
  big5_ = ucnv_open("windows-950", &err);
  if (U_SUCCESS(err)) ucnv_setToUCallBack(big5_, on_big5_error, this, nullptr, nullptr, &err);
  if (U_FAILURE(err)) {
    error_ = file_error(display_, Msg::enc_converter_failed, {"windows-950", u_errorName(err)});
    eof_ = true;
    return false;
  }
  pivot_.resize(std::max<std::size_t>(block_size_, 2));
  mode_ = Mode::big5;
  return true;
}

std::string Utf8Source::encoding_name() const {
  if (mode_ == Mode::big5) return "Big5 (CP950)";
  return bom_ ? "UTF-8 (BOM)" : "UTF-8";
}

uint64_t Utf8Source::offset() const { return raw_offset_ - (raw_end_ - raw_pos_); }

std::string_view Utf8Source::raw_ahead(std::size_t max) const {
  // In UTF-8 the raw bytes read but not yet handed out are the file's own,
  // so the mapping serves them as well as what follows.
  const uint64_t at = offset();
  if (map_ == nullptr || mode_ != Mode::utf8 || error_ || at >= map_size_) return {};
  return std::string_view(map_ + at, std::min<uint64_t>(max, map_size_ - at));
}

void Utf8Source::consume_ahead(std::size_t n) {
  const std::size_t buffered = std::min(n, raw_end_ - raw_pos_);
  raw_pos_ += buffered;
  out_offset_ += n;
  if (n == buffered) return;
  // The next read() starts after them.
  if (::lseek(fd_, static_cast<off_t>(n - buffered), SEEK_CUR) < 0) fail(errno);
  raw_offset_ += n - buffered;
}

void Utf8Source::release_before(uint64_t offset) {
  if (map_ == nullptr) return;
  const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  const uint64_t upto = std::min(offset, map_size_) / page * page;
  if (upto <= released_) return;
  ::madvise(const_cast<char*>(map_) + released_, upto - released_, MADV_DONTNEED);
  released_ = upto;
}

void Utf8Source::fail(int err) {
  error_ = file_error(display_, Msg::io_cannot_read, {display_, reason(err)});
  eof_ = true;
}

bool Utf8Source::fill(std::size_t want) {
  if (eof_) return false;
  if (raw_pos_ > 0) {
    std::memmove(raw_.data(), raw_.data() + raw_pos_, raw_end_ - raw_pos_);
    raw_end_ -= raw_pos_;
    raw_pos_ = 0;
  }
  if (raw_.size() < raw_end_ + want) raw_.resize(raw_end_ + want);
  for (;;) {
    ssize_t n = ::read(fd_, raw_.data() + raw_end_, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      fail(errno);
      return false;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    raw_end_ += static_cast<std::size_t>(n);
    raw_offset_ += static_cast<uint64_t>(n);
    return true;
  }
}

void Utf8Source::sniff() {
  while (raw_end_ - raw_pos_ < kSniffBytes && fill(kSniffBytes)) {
  }
  if (error_) return;
  int step = 1;
  std::size_t window = std::min(raw_end_ - raw_pos_, kSniffBytes);
  std::size_t valid = utf8_valid_prefix(reinterpret_cast<const unsigned char*>(raw_.data() + raw_pos_), window, &step);
  // A sequence cut by the window is fine; one cut by the end of the file is
  // only forgiven after valid UTF-8 (a truncated UTF-8 export stays UTF-8).
  bool utf8 = step > 0 || (step == 0 && (window < raw_end_ - raw_pos_ || !eof_ || valid > 0));
  // Not valid UTF-8 throughout: a UTF-8 export with a stray bad byte, or a
  // file mixing the two, is still read as UTF-8 when that reading breaks
  // less than Big5 would (the bad bytes are then reported by line).
  if (!utf8 && step < 0) {
    const auto* p = reinterpret_cast<const unsigned char*>(raw_.data() + raw_pos_);
    utf8 = utf8_errors(p, window) < big5_errors(p, window);
  }
  if (utf8) {
    mode_ = Mode::utf8;
  } else {
    start_big5();
  }
}

std::size_t Utf8Source::read(char* buf, std::size_t n) {
  if (error_ || n < 4) return 0;
  std::size_t got = 0;
  while (mode_ == Mode::sniffing && got < n) {
    if (raw_pos_ == raw_end_ && !fill(block_size_)) break;
    const char* p = raw_.data() + raw_pos_;
    std::size_t avail = std::min(raw_end_ - raw_pos_, n - got);
    std::size_t ascii = ascii_prefix_length(reinterpret_cast<const unsigned char*>(p), avail);
    std::memcpy(buf + got, p, ascii);
    got += ascii;
    raw_pos_ += ascii;
    out_offset_ += ascii;
    if (ascii < avail) sniff();
  }
  if (error_) return 0;
  if (mode_ == Mode::utf8) got += read_utf8(buf + got, n - got);
  if (mode_ == Mode::big5) got += read_big5(buf + got, n - got);
  return error_ ? 0 : got;
}

std::size_t Utf8Source::read_utf8(char* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    if (raw_pos_ == raw_end_ && !fill(block_size_)) break;
    const auto* p = reinterpret_cast<const unsigned char*>(raw_.data() + raw_pos_);
    std::size_t avail = raw_end_ - raw_pos_;
    std::size_t limit = std::min(avail, n - got);
    int step = 1;
    std::size_t valid = utf8_valid_prefix(p, limit, &step);
    std::memcpy(out + got, p, valid);
    got += valid;
    raw_pos_ += valid;
    if (step > 0) continue;
    if (step == 0 && limit < avail) break;  // the next character does not fit
    if (step == 0 && fill(block_size_)) continue;  // cut by the block: read on
    if (error_) break;
    // Ill-formed, or cut by the end of the input (fill() may have moved it).
    std::size_t bad = step < 0 ? static_cast<std::size_t>(-step) : raw_end_ - raw_pos_;
    if (n - got < 3) break;
    invalid_.push_back(invalid_at(out_offset_ + got, reinterpret_cast<const unsigned char*>(raw_.data() + raw_pos_), bad));
    std::memcpy(out + got, kReplacement, 3);
    got += 3;
    raw_pos_ += bad;
  }
  out_offset_ += got;
  return got;
}

std::size_t Utf8Source::read_big5(char* out, std::size_t n) {
  std::size_t got = 0;
  for (;;) {
    got += pivot_to_utf8(out + got, n - got);
    if (got + 4 > n || flushed_ || error_) break;
    // What is left in the pivot is at most a lead surrogate waiting for its
    // trail; keep it in front of the next conversion.
    std::size_t keep = pivot_end_ - pivot_pos_;
    std::copy(pivot_.begin() + static_cast<std::ptrdiff_t>(pivot_pos_),
              pivot_.begin() + static_cast<std::ptrdiff_t>(pivot_end_), pivot_.begin());
    pivot_pos_ = 0;
    pivot_end_ = keep;
    if (raw_pos_ == raw_end_) fill(block_size_);
    if (error_) break;
    bool flush = eof_;
    const char* src = raw_.data() + raw_pos_;
    UChar* target = reinterpret_cast<UChar*>(pivot_.data() + pivot_end_);
    UChar* target_begin = target;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_toUnicode(big5_, &target, reinterpret_cast<UChar*>(pivot_.data() + pivot_.size()), &src,
                   raw_.data() + raw_end_, nullptr, flush, &err);
    raw_pos_ = static_cast<std::size_t>(src - raw_.data());
    pivot_end_ += static_cast<std::size_t>(target - target_begin);
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      error_ = file_error(display_, Msg::enc_converter_failed, {"windows-950", u_errorName(err)});
      break;
    }
    if (flush) flushed_ = true;
  }
  out_offset_ += got;
  return got;
}

std::size_t Utf8Source::pivot_to_utf8(char* out, std::size_t n) {
  // Locals, not members, in the loop: stores through `out` (a char*) could
  // alias any member and would make the compiler reload them every character.
  const char16_t* const units = pivot_.data();
  const std::size_t end = pivot_end_;
  std::size_t i = pivot_pos_, got = 0;
  while (i < end) {
    char32_t cp = units[i];
    if (cp < 0x80) {
      if (got == n) break;
      out[got++] = static_cast<char>(cp);
      ++i;
      continue;
    }
    std::size_t used = 1;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 1 == end && !flushed_) break;  // its trail comes with the next conversion
      char16_t trail = i + 1 < end ? units[i + 1] : 0;
      if (trail >= 0xDC00 && trail <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (trail - 0xDC00);
        used = 2;
      } else {
        cp = kReplacementUnit;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = kReplacementUnit;
    }
    std::size_t size = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n - got < size) break;
    if (cp == kReplacementUnit) note_big5_replacement(out_offset_ + got);
    put_utf8(out + got, cp, size);
    got += size;
    i += used;
  }
  pivot_pos_ = i;
  return got;
}

void Utf8Source::note_big5_replacement(uint64_t offset) {
  // Only the error callback writes U+FFFD: CP950 has no such character.
  InvalidBytes bad;
  if (big5_bad_pos_ < big5_bad_.size()) bad = big5_bad_[big5_bad_pos_++];
  bad.offset = offset;
  invalid_.push_back(bad);
  if (big5_bad_pos_ == big5_bad_.size()) {
    big5_bad_.clear();
    big5_bad_pos_ = 0;
  }
}

void Utf8Source::on_big5_error(const void* context, UConverterToUnicodeArgs* args, const char* bytes,
                               int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to replace
  auto* self = static_cast<Utf8Source*>(const_cast<void*>(context));
  self->big5_bad_.push_back(
      invalid_at(0, reinterpret_cast<const unsigned char*>(bytes), static_cast<std::size_t>(std::max(length, 0))));
  *err = U_ZERO_ERROR;
  // ICU's own substitute would be U+001A for a single bad byte; always use
  // U+FFFD so every replacement is visible and counted.
  const UChar replacement = kReplacementUnit;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

}  // namespace fangyi::check
