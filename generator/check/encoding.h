// Turns an exported file into a stream of UTF-8, whatever it was written in:
// UTF-8 (with or without a byte-order mark) or Big5 as Taiwanese government
// systems export it. The one interface is Utf8Source: open a path ("-" is
// stdin), read() UTF-8 in chunks. Memory is bounded by the block size, so a
// 2 GB export converts in a few MiB.
//
// Detection (`auto`): ASCII is the same in both encodings, so bytes pass
// through until the first non-ASCII byte; then the next 4 KiB decide — valid
// UTF-8 (a sequence cut at the window's end does not count against it) means
// UTF-8; otherwise the reading with fewer broken sequences wins, so a UTF-8
// export with a stray bad byte, or one with a few Big5 lines pasted in, stays
// UTF-8 and its bad bytes are reported by line; a tie is Big5. A file that is
// ASCII throughout is UTF-8.
//
// Big5 means ICU's "windows-950" (Microsoft CP950), not "Big5-HKSCS":
// Windows-made exports use CP950, whose extensions (碁銹裏墻恒粧嫺, box
// drawing) both cover, but CP950 maps the user-defined areas where Taiwanese
// offices keep their 造字 for rare name characters (e.g. 0xC6A1) to the
// Private Use Area, while HKSCS turns them into unrelated Hong Kong
// characters or symbols — a wrong name is worse than a visibly unknown one.
//
// Bytes that are not valid in the chosen encoding become U+FFFD and are
// listed by invalid() with their place in the output, so the CSV reader can
// report them by line.
#pragma once

#include <unicode/ucnv.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace fangyi::check {

// What --encoding asks for.
enum class EncodingChoice { detect, utf8, big5 };

// "auto", "utf-8"/"utf8", "big5"/"cp950" (any case); nullopt otherwise.
std::optional<EncodingChoice> parse_encoding(std::string_view name);

// One invalid sequence, replaced by U+FFFD (3 bytes) at `offset` of the
// UTF-8 output.
struct InvalidBytes {
  uint64_t offset = 0;
  std::array<unsigned char, 4> bytes{};
  uint8_t size = 0;  // 0 when the converter did not say which bytes

  std::string hex() const;  // "0xB3 0x5A"
};

class Utf8Source {
 public:
  static constexpr std::size_t kDefaultBlock = std::size_t{1} << 20;

  // Opens `path` ("-" is stdin) with `encoding` as parse_encoding() reads
  // it. On failure returns nullptr and adds the error to `diags`.
  // `block_size` is how much raw input one read takes (tests use tiny ones).
  static std::unique_ptr<Utf8Source> open(const std::string& path, std::string_view encoding,
                                          Diagnostics& diags, std::size_t block_size = kDefaultBlock);
  ~Utf8Source();
  Utf8Source(const Utf8Source&) = delete;
  Utf8Source& operator=(const Utf8Source&) = delete;

  // Up to `n` bytes of UTF-8 into `buf`, never splitting a character; `n`
  // must be at least 4. Fills `buf` unless the input ends. Returns 0 at the
  // end of the input or after an I/O error (then error() is set).
  std::size_t read(char* buf, std::size_t n);

  // "UTF-8", "UTF-8 (BOM)" or "Big5 (CP950)"; final once the first
  // non-ASCII byte has been read (or the input has ended).
  std::string encoding_name() const;
  bool is_big5() const { return mode_ == Mode::big5; }
  // Replacements made so far, in output order; the caller may clear them.
  std::vector<InvalidBytes>& invalid() { return invalid_; }
  const std::optional<Diagnostic>& error() const { return error_; }
  // The name diagnostics use for the input ("<stdin>" for "-").
  const std::string& display_name() const { return display_; }

  uint64_t bytes_read() const { return raw_offset_; }
  uint64_t bytes_total() const { return size_; }

  // Zero-copy reading of a regular file read as UTF-8: up to `max` bytes of
  // the input ahead as they are in the file (mapped into memory), since in
  // UTF-8 they are handed out unchanged; empty for other inputs. They are
  // not validated: the caller checks them and takes a valid prefix with
  // consume_ahead(n), which counts them as read. Their memory stays until
  // release_before() passes them.
  std::string_view raw_ahead(std::size_t max) const;
  void consume_ahead(std::size_t n);
  // The file offset of the next byte to hand out.
  uint64_t offset() const;
  // The mapped bytes before file offset `offset` are no longer needed: their
  // pages leave this process (the file's pages stay cached by the system),
  // so memory stays bounded by what is in flight, not by the file.
  void release_before(uint64_t offset);

 private:
  enum class Mode { sniffing, utf8, big5 };

  Utf8Source(int fd, bool owns_fd, std::string display, uint64_t size, std::size_t block_size);
  bool start_big5();
  // Reads more raw bytes after the unread ones; false at the end or on error.
  bool fill(std::size_t want);
  void sniff();
  std::size_t read_utf8(char* out, std::size_t n);
  std::size_t read_big5(char* out, std::size_t n);
  std::size_t pivot_to_utf8(char* out, std::size_t n);
  void note_big5_replacement(uint64_t offset);
  void fail(int err);
  static void on_big5_error(const void* context, UConverterToUnicodeArgs* args, const char* bytes,
                            int32_t length, UConverterCallbackReason reason, UErrorCode* err);

  int fd_;
  bool owns_fd_;  // not stdin
  const char* map_ = nullptr;  // the whole file, when it is regular and could be mapped
  uint64_t map_size_ = 0;
  uint64_t released_ = 0;      // pages of the mapping before this are given back
  std::string display_;
  uint64_t size_;
  std::size_t block_size_;
  Mode mode_ = Mode::sniffing;
  bool bom_ = false;
  bool eof_ = false;

  std::vector<char> raw_;  // [raw_pos_, raw_end_) is read but not yet converted
  std::size_t raw_pos_ = 0;
  std::size_t raw_end_ = 0;
  uint64_t raw_offset_ = 0;  // raw bytes read from the file
  uint64_t out_offset_ = 0;  // UTF-8 bytes handed out

  UConverter* big5_ = nullptr;
  std::vector<char16_t> pivot_;  // UTF-16 from ICU, [pivot_pos_, pivot_end_) pending
  std::size_t pivot_pos_ = 0;
  std::size_t pivot_end_ = 0;
  bool flushed_ = false;
  std::vector<InvalidBytes> big5_bad_;  // bytes behind each U+FFFD still in pivot_
  std::size_t big5_bad_pos_ = 0;

  std::vector<InvalidBytes> invalid_;
  std::optional<Diagnostic> error_;
};

}  // namespace fangyi::check
