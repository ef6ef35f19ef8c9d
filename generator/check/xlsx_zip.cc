// Opening the XLSX container with libzip and reading entries within limits.
#include "check/xlsx_zip.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fangyi::check {

namespace {

constexpr std::size_t kChunk = std::size_t{64} << 10;

std::string libzip_reason(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string reason = zip_error_strerror(&error);
  zip_error_fini(&error);
  return reason;
}

// True when `size` bytes inflated from `compressed` look like a zip bomb.
bool too_compressed(uint64_t size, uint64_t compressed, const XlsxLimits& limits) {
  return size > limits.ratio_min_bytes && limits.max_ratio > 0 && size / limits.max_ratio > compressed;
}

}  // namespace

Diagnostic xlsx_error(const std::string& path, Msg message, std::vector<std::string> args, std::optional<Msg> hint) {
  Diagnostic d;
  d.where.file = path;
  d.message = message;
  d.args = std::move(args);
  d.hint = hint;
  return d;
}

std::unique_ptr<ZipArchive> ZipArchive::open(const std::string& path, const XlsxLimits& limits,
                                             std::optional<Diagnostic>& error) {
  // The first bytes tell a zip archive from an .xls or encrypted workbook
  // (both OLE compound files) and from anything else.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = xlsx_error(path, Msg::io_cannot_read, {path, std::strerror(errno)});
    return nullptr;
  }
  unsigned char magic[4] = {};
  std::size_t got = std::fread(magic, 1, sizeof magic, file);
  int read_errno = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (read_errno != 0) {
    error = xlsx_error(path, Msg::io_cannot_read, {path, std::strerror(read_errno)});
    return nullptr;
  }
  if (got == sizeof magic && std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) {
    error = xlsx_error(path, Msg::xlsx_legacy_xls, {path}, Msg::xlsx_save_as_hint);
    return nullptr;
  }
  if (got < 2 || magic[0] != 'P' || magic[1] != 'K') {
    error = xlsx_error(path, Msg::xlsx_not_xlsx, {path}, Msg::xlsx_save_as_hint);
    return nullptr;
  }
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
      error = xlsx_error(path, Msg::io_cannot_read, {path, libzip_reason(code)});
    else
      error = xlsx_error(path, Msg::xlsx_not_xlsx, {path}, Msg::xlsx_save_as_hint);
    return nullptr;
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive, path, limits));
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

int64_t ZipArchive::locate(const std::string& name) const {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    std::string windows = name;
    for (char& c : windows)
      if (c == '/') c = '\\';
    index = zip_name_locate(archive_, windows.c_str(), ZIP_FL_NOCASE);
  }
  return index;
}

std::unique_ptr<ZipEntryStream> ZipArchive::stream(const std::string& name, std::optional<Diagnostic>& error) {
  return open_stream(name, limits_.max_entry_bytes, error);
}

std::unique_ptr<ZipEntryStream> ZipArchive::open_stream(const std::string& name, uint64_t cap,
                                                        std::optional<Diagnostic>& error) {
  int64_t index = locate(name);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (index < 0 || zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    error = xlsx_error(path_, Msg::xlsx_zip_error, {path_, name, zip_strerror(archive_)});
    return nullptr;
  }
  uint64_t size = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
  uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
  cap = std::min(cap, limits_.max_entry_bytes);
  if (size > cap) {
    error = xlsx_error(path_, Msg::xlsx_entry_too_large, {path_, name, std::to_string(cap)});
    return nullptr;
  }
  if (too_compressed(size, compressed, limits_)) {
    error = xlsx_error(path_, Msg::xlsx_zip_bomb, {path_, name, std::to_string(limits_.max_ratio)});
    return nullptr;
  }
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    error = xlsx_error(path_, Msg::xlsx_zip_error, {path_, name, zip_strerror(archive_)});
    return nullptr;
  }
  return std::unique_ptr<ZipEntryStream>(new ZipEntryStream(*this, file, name, size, compressed, cap));
}

std::optional<std::string> ZipArchive::read(const std::string& name, std::optional<Diagnostic>& error) {
  auto in = open_stream(name, limits_.max_part_bytes, error);
  if (!in) return std::nullopt;
  std::string out;
  for (;;) {
    std::size_t old = out.size();
    out.resize(old + kChunk);
    std::size_t n = in->read(out.data() + old, kChunk);
    out.resize(old + n);
    if (n == 0) break;
  }
  if (in->error()) {
    error = in->error();
    return std::nullopt;
  }
  return out;
}

ZipEntryStream::~ZipEntryStream() { zip_fclose(file_); }

std::size_t ZipEntryStream::read(char* buf, std::size_t n) {
  if (error_) return 0;
  zip_int64_t got = zip_fread(file_, buf, n);
  const std::string& path = archive_.path_;
  const XlsxLimits& limits = archive_.limits_;
  if (got < 0) {
    error_ = xlsx_error(path, Msg::xlsx_zip_error, {path, name_, zip_file_strerror(file_)});
    return 0;
  }
  uint64_t count = static_cast<uint64_t>(got);
  read_ += count;
  archive_.total_read_ += count;
  if (read_ > cap_)
    error_ = xlsx_error(path, Msg::xlsx_entry_too_large, {path, name_, std::to_string(cap_)});
  else if (archive_.total_read_ > limits.max_total_bytes)
    error_ = xlsx_error(path, Msg::xlsx_total_too_large, {path, std::to_string(limits.max_total_bytes)});
  else if (too_compressed(read_, compressed_, limits))
    error_ = xlsx_error(path, Msg::xlsx_zip_bomb, {path, name_, std::to_string(limits.max_ratio)});
  return error_ ? 0 : static_cast<std::size_t>(count);
}

}  // namespace fangyi::check
