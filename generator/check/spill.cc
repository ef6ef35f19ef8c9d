// Partitioned spill of kept rows.
#include "check/spill.h"

#include <cerrno>
#include <cstring>
#include <functional>
#include <unistd.h>

namespace fangyi::check {
namespace {
// Big enough that writes are few, small enough that all buffers together
// stay a few megabytes.
constexpr std::size_t kChunk = 64 * 1024;
}  // namespace

CaseSpill::CaseSpill(std::size_t partitions) : buffers_(partitions == 0 ? 1 : partitions), chunks_(buffers_.size()) {}

CaseSpill::~CaseSpill() {
  if (file_ != nullptr) std::fclose(file_);
}

std::size_t CaseSpill::partition_of(std::string_view key) const {
  return std::hash<std::string_view>{}(key) % buffers_.size();
}

bool CaseSpill::append(std::size_t partition, std::string_view bytes) {
  std::string& b = buffers_[partition];
  b.append(bytes);
  return b.size() < kChunk || flush(partition);
}

bool CaseSpill::flush(std::size_t partition) {
  std::string& b = buffers_[partition];
  if (file_ == nullptr && (file_ = std::tmpfile()) == nullptr) {
    error_ = std::strerror(errno);
    return false;
  }
  if (std::fwrite(b.data(), 1, b.size(), file_) != b.size()) {
    error_ = std::strerror(errno);
    return false;
  }
  chunks_[partition].push_back({file_size_, static_cast<uint32_t>(b.size())});
  file_size_ += b.size();
  b.clear();
  return true;
}

bool CaseSpill::finish() {
  if (file_ != nullptr && std::fflush(file_) != 0) {
    error_ = std::strerror(errno);
    return false;
  }
  return true;
}

bool CaseSpill::read(std::size_t partition, std::string& out, std::string& error) const {
  out.clear();
  const auto& chunks = chunks_[partition];
  std::size_t total = buffers_[partition].size();
  for (const Chunk& c : chunks) total += c.size;
  out.resize(total);
  std::size_t at = 0;
  for (const Chunk& c : chunks) {
    for (std::size_t done = 0; done < c.size;) {
      ssize_t n = ::pread(fileno(file_), out.data() + at + done, c.size - done, static_cast<off_t>(c.offset + done));
      if (n <= 0) {
        error = n == 0 ? "unexpected end of the temporary file" : std::strerror(errno);
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    at += c.size;
  }
  std::memcpy(out.data() + at, buffers_[partition].data(), buffers_[partition].size());
  return true;
}

}  // namespace fangyi::check
