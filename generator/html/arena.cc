// Blocks of 256 KiB (or one as large as a single request), each allocation
// after a header that holds its size, for reallocate.
#include "html/arena.h"

#include <new>

namespace fangyi::html {

std::byte* Arena::next_block(std::size_t need) {
  // The blocks after the current one (kept from before a reset) are tried
  // in turn, then a new one is added.
  std::size_t next = next_ == nullptr ? 0 : block_ + 1;
  while (next < blocks_.size() && blocks_[next].size < need) ++next;
  if (next == blocks_.size()) {
    const std::size_t bytes = need > kBlock ? need : kBlock;
    std::byte* data = new (std::nothrow) std::byte[bytes];
    if (data == nullptr) std::abort();
    blocks_.push_back(Block{std::unique_ptr<std::byte[]>(data), bytes});
  }
  block_ = next;
  end_ = blocks_[block_].data.get() + blocks_[block_].size;
  return blocks_[block_].data.get();
}

void* Arena::reallocate(void* p, std::size_t size) {
  if (p == nullptr) return allocate(size, false);
  auto* at = static_cast<std::byte*>(p);
  std::size_t old = 0;
  std::memcpy(&old, at - kAlign, sizeof old);
  if (size <= old) return p;
  // The newest allocation grows where it is when its block has room.
  const std::size_t rounded = round_up(size, kAlign);
  if (at == last_ && rounded >= size && rounded <= static_cast<std::size_t>(end_ - at)) {
    next_ = at + rounded;
    std::memcpy(at - kAlign, &size, sizeof size);
    return p;
  }
  void* moved = allocate(size, false);
  std::memcpy(moved, p, old);
  return moved;
}

void Arena::reset() {
  block_ = 0;
  next_ = nullptr;
  end_ = nullptr;
  last_ = nullptr;
}

}  // namespace fangyi::html
