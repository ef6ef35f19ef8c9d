// The ZIP container of an XLSX file, read through libzip within XlsxLimits.
// Interface: ZipArchive (open, look up, read an entry whole),
// ZipEntryStream (an entry as an XmlSource, read in chunks) and xlsx_error
// (the Diagnostic every part of the reader reports with).
//
// Entry names are only looked up (exactly, then ignoring case, then with
// Windows backslashes, which some exporters write); nothing is extracted.
// Every byte inflated counts against the per-entry and whole-file caps and
// the compression-ratio check, whatever sizes the archive declares.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/xlsx_reader.h"
#include "check/xlsx_xml.h"
#include "core/diagnostic.h"

struct zip;
struct zip_file;

namespace fangyi::check {

// A fatal reading error about `path`, with an optional hint.
Diagnostic xlsx_error(const std::string& path, Msg message, std::vector<std::string> args,
                      std::optional<Msg> hint = std::nullopt);

class ZipEntryStream;

class ZipArchive {
 public:
  // Null, with `error` set, when `path` cannot be read or is not a zip
  // archive (with a special message for .xls / encrypted workbooks).
  static std::unique_ptr<ZipArchive> open(const std::string& path, const XlsxLimits& limits,
                                          std::optional<Diagnostic>& error);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::string& path() const { return path_; }
  bool has(const std::string& name) const { return locate(name) >= 0; }
  // The whole entry, at most XlsxLimits::max_part_bytes; nullopt with `error`
  // set when it is missing, too large or unreadable.
  std::optional<std::string> read(const std::string& name, std::optional<Diagnostic>& error);
  // A stream over the entry; null with `error` set when it is missing or its
  // declared sizes break the limits. The archive must outlive the stream.
  std::unique_ptr<ZipEntryStream> stream(const std::string& name, std::optional<Diagnostic>& error);

 private:
  friend class ZipEntryStream;
  ZipArchive(zip* archive, std::string path, const XlsxLimits& limits)
      : archive_(archive), path_(std::move(path)), limits_(limits) {}
  int64_t locate(const std::string& name) const;
  std::unique_ptr<ZipEntryStream> open_stream(const std::string& name, uint64_t cap, std::optional<Diagnostic>& error);

  zip* archive_;
  std::string path_;
  XlsxLimits limits_;
  uint64_t total_read_ = 0;  // uncompressed bytes read from all entries
};

class ZipEntryStream : public XmlSource {
 public:
  ~ZipEntryStream() override;
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  std::size_t read(char* buf, std::size_t n) override;
  // Set when reading stopped at a limit or a zip error.
  const std::optional<Diagnostic>& error() const { return error_; }
  const std::string& name() const { return name_; }
  uint64_t bytes_read() const { return read_; }
  uint64_t declared_size() const { return size_; }

 private:
  friend class ZipArchive;
  ZipEntryStream(ZipArchive& archive, zip_file* file, std::string name, uint64_t size, uint64_t compressed,
                 uint64_t cap)
      : archive_(archive), file_(file), name_(std::move(name)), size_(size), compressed_(compressed), cap_(cap) {}

  ZipArchive& archive_;
  zip_file* file_;
  std::string name_;
  uint64_t size_, compressed_, cap_;
  uint64_t read_ = 0;
  std::optional<Diagnostic> error_;
};

}  // namespace fangyi::check
