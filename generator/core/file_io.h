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

// Writes `data` to a new, uniquely named temporary file next to `path`,
// fsyncs it and renames it over `path`. On any failure the temporary file is
// removed and `path` is left as it was. Creates no directories. An existing
// target keeps its permission bits; through a symlink, the file it points at
// is replaced. An existing character device or FIFO (/dev/stdout) is written
// directly, as a stream; a directory or other special file is refused.
bool write_file_atomic(const std::string& path, std::string_view data, std::string* error);

// True when both paths exist and name the same file (same device and inode),
// whatever the spelling: used to refuse overwriting an input.
bool same_file(const std::string& a, const std::string& b);

}  // namespace fangyi
