// Reading whole files and writing them atomically: every output fangyi makes
// goes through write_file_atomic, so an interrupted or failed run never
// leaves a half-written file behind (SPEC §1). Errors come back as the
// system's reason text for the caller to put into a catalogue message.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace fangyi {

// The whole content of `path`; nullopt with the reason in *error when it
// cannot be read, is a directory, or is larger than `max_size` bytes.
std::optional<std::string> read_file(const std::string& path, std::string* error,
                                     std::size_t max_size = std::numeric_limits<std::size_t>::max());

// Writes `data` to a new file with no name in the folder of `path`
// (O_TMPFILE), fsyncs it and links it in as `path` (replacing an existing
// one by way of a hidden name and rename), so neither a failure nor a killed
// process leaves a temporary file behind. File systems without O_TMPFILE
// get a uniquely named hidden file that is renamed over `path` and removed on
// failure. Either way `path` is whole or left as it was. Creates no directories. An existing
// target keeps its permission bits; through a symlink, the file it points at
// is replaced. An existing character device or FIFO (/dev/stdout) is written
// directly, as a stream; a directory or other special file is refused.
bool write_file_atomic(const std::string& path, std::string_view data, std::string* error);

// Writes `data` to standard output, after anything std::cout or stdio still
// holds, and reports a failure (a full disk) with the system's reason.
bool write_standard_output(std::string_view data, std::string* error);

// A temporary file for a library that writes by file name (libxlsxwriter):
// unnamed where the file system allows (named to the library as
// /proc/self/fd/N), so it vanishes however the process ends; else a hidden
// file beside `beside`, removed on destruction. Check ok() before use.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& beside);
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile();

  bool ok() const { return fd_ >= 0; }
  int error() const { return error_; }  // errno when !ok()
  const std::string& name() const { return name_; }

 private:
  int fd_ = -1;
  int error_ = 0;
  std::string name_;
  bool unlink_ = false;
};

// True when both paths exist and name the same file (same device and inode),
// whatever the spelling: used to refuse overwriting an input.
bool same_file(const std::string& a, const std::string& b);

}  // namespace fangyi
