// Shared by the fuzz targets: the input as a file, for the readers that take
// a path (they are fuzzed through the same path a user's file takes).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace fangyi::fuzz {

// Writes the input to a per-process file with `suffix` and returns its path.
inline std::string input_file(const uint8_t* data, std::size_t size, const char* suffix) {
  namespace fs = std::filesystem;
  fs::path dir = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  std::string path = (dir / ("fangyi-fuzz-" + std::to_string(::getpid()) + suffix)).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) __builtin_trap();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) __builtin_trap();
  std::fclose(f);
  return path;
}

}  // namespace fangyi::fuzz
