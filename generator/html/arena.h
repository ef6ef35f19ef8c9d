// A bump allocator for memory that is all given back at once: cmark-gfm
// allocates each node, buffer and string of a page on its own, and all of
// them end with the page (html/markdown.cc). Blocks are kept by reset() for
// the next page, so a thread rendering many pages stops calling malloc.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace fangyi::html {

class Arena {
 public:
  // `size` bytes aligned for any type; zeroed when `zero`. Aborts when the
  // system has no memory, as cmark-gfm's own allocator does.
  void* allocate(std::size_t size, bool zero);
  // realloc's contract: `p` (from this arena, or null) with at least `size`
  // bytes, its contents kept; grows in place when it was the last one.
  void* reallocate(void* p, std::size_t size);
  // Gives everything back; the blocks stay for what comes next.
  void reset();

 private:
  static constexpr std::size_t kAlign = alignof(std::max_align_t);
  static constexpr std::size_t kBlock = std::size_t{256} << 10;
  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t block_ = 0;  // the block being filled
  std::size_t used_ = 0;   // bytes of it handed out
  std::byte* last_ = nullptr;  // the most recent allocation
};

}  // namespace fangyi::html
