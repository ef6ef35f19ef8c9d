// Allocation from blocks of 256 KiB (or one as large as a single request),
// each allocation after a header that holds its size, for reallocate.
#include "html/arena.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace fangyi::html {
namespace {

constexpr std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

}  // namespace

void* Arena::allocate(std::size_t size, bool zero) {
  const std::size_t need = kAlign + round_up(size == 0 ? 1 : size, kAlign);
  if (need < size) std::abort();  // overflow
  while (block_ < blocks_.size() && used_ + need > blocks_[block_].size) {
    ++block_;
    used_ = 0;
  }
  if (block_ == blocks_.size()) {
    const std::size_t bytes = need > kBlock ? need : kBlock;
    std::byte* data = new (std::nothrow) std::byte[bytes];
    if (data == nullptr) std::abort();
    blocks_.push_back(Block{std::unique_ptr<std::byte[]>(data), bytes});
    used_ = 0;
  }
  std::byte* header = blocks_[block_].data.get() + used_;
  used_ += need;
  std::memcpy(header, &size, sizeof size);
  last_ = header + kAlign;
  if (zero) std::memset(last_, 0, size);
  return last_;
}

void* Arena::reallocate(void* p, std::size_t size) {
  if (p == nullptr) return allocate(size, false);
  auto* at = static_cast<std::byte*>(p);
  std::size_t old = 0;
  std::memcpy(&old, at - kAlign, sizeof old);
  if (size <= old) return p;
  if (at == last_) {
    // The newest allocation grows where it is when its block has room.
    const std::size_t start = static_cast<std::size_t>(at - blocks_[block_].data.get());
    const std::size_t end = start + round_up(size, kAlign);
    if (end >= start && end <= blocks_[block_].size) {
      used_ = end;
      std::memcpy(at - kAlign, &size, sizeof size);
      return p;
    }
  }
  void* moved = allocate(size, false);
  std::memcpy(moved, p, old);
  return moved;
}

void Arena::reset() {
  block_ = 0;
  used_ = 0;
  last_ = nullptr;
}

}  // namespace fangyi::html
