// Kept rows split by case key into partitions, so case checks can run one
// partition at a time with memory bounded by a partition rather than by the
// input. A partition's bytes stay in memory until they pass a chunk size and
// then go to one anonymous temporary file (gone when the process ends, even
// when it is killed). Every row of one key lands in the same partition, in
// the order it was appended.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi::check {

class CaseSpill {
 public:
  explicit CaseSpill(std::size_t partitions);
  ~CaseSpill();
  CaseSpill(const CaseSpill&) = delete;
  CaseSpill& operator=(const CaseSpill&) = delete;

  std::size_t partitions() const { return buffers_.size(); }
  std::size_t partition_of(std::string_view key) const;

  // False (with `error` set) when the temporary file cannot be written.
  bool append(std::size_t partition, std::string_view bytes);
  // Ends appending: what is buffered in the file reaches it.
  bool finish();
  // All bytes of one partition, in append order. Safe to call from several
  // threads after finish().
  bool read(std::size_t partition, std::string& out, std::string& error) const;
  // Why append() or finish() failed.
  const std::string& error() const { return error_; }

 private:
  struct Chunk {
    uint64_t offset;
    uint32_t size;
  };
  bool flush(std::size_t partition);

  std::vector<std::string> buffers_;
  std::vector<std::vector<Chunk>> chunks_;
  std::FILE* file_ = nullptr;
  uint64_t file_size_ = 0;
  std::string error_;
};

}  // namespace fangyi::check
