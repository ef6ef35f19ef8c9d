// A bump allocator for memory that is all given back at once: cmark-gfm
// allocates each node, buffer and string of a page on its own, and all of
// them end with the page (html/markdown.cc). Blocks are kept by reset() for
// the next page, so a thread rendering many pages stops calling malloc.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace fangyi::html {

class Arena {
 public:
  // `size` bytes aligned for any type; zeroed when `zero`. Aborts when the
  // system has no memory, as cmark-gfm's own allocator does. Inline: a page
  // makes about a thousand allocations, nearly all served here from the
  // block being filled.
  void* allocate(std::size_t size, bool zero) {
    const std::size_t need = kAlign + round_up(size == 0 ? 1 : size, kAlign);
    if (need < size) std::abort();  // overflow
    std::byte* header = need <= static_cast<std::size_t>(end_ - next_) ? next_ : next_block(need);
    next_ = header + need;
    std::memcpy(header, &size, sizeof size);
    last_ = header + kAlign;
    if (zero) std::memset(last_, 0, size);
    return last_;
  }
  // realloc's contract: `p` (from this arena, or null) with at least `size`
  // bytes, its contents kept; grows in place when it was the last one.
  void* reallocate(void* p, std::size_t size);
  // Gives everything back; the blocks stay for what comes next.
  void reset();

 private:
  static constexpr std::size_t kAlign = alignof(std::max_align_t);
  static constexpr std::size_t kBlock = std::size_t{256} << 10;
  static constexpr std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }
  // Moves on to the next block with room for `need` bytes (a new one when
  // none is left) and returns where they start.
  std::byte* next_block(std::size_t need);

  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t block_ = 0;       // the block being filled, when there is one
  std::byte* next_ = nullptr;   // its first free byte
  std::byte* end_ = nullptr;    // its end
  std::byte* last_ = nullptr;   // the most recent allocation
};

}  // namespace fangyi::html
