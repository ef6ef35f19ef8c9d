// The arena cmark-gfm allocates a page in: calloc and realloc contracts,
// alignment, growth in place, requests larger than a block, reuse.
#include "html/arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace fangyi::html {
namespace {

bool aligned(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t) == 0; }

TEST(Arena, AllocatesAlignedAndZeroedWhenAsked) {
  Arena arena;
  for (std::size_t size : {1u, 3u, 16u, 100u, 4096u}) {
    auto* p = static_cast<unsigned char*>(arena.allocate(size, true));
    ASSERT_TRUE(aligned(p)) << size;
    for (std::size_t i = 0; i < size; ++i) ASSERT_EQ(p[i], 0) << size;
    std::memset(p, 0xAB, size);
  }
  arena.reset();
  auto* again = static_cast<unsigned char*>(arena.allocate(4096, true));
  for (std::size_t i = 0; i < 4096; ++i) ASSERT_EQ(again[i], 0) << "reused memory is zeroed too";
}

TEST(Arena, ReallocateKeepsTheContents) {
  Arena arena;
  auto* first = static_cast<char*>(arena.reallocate(nullptr, 5));
  std::memcpy(first, "hello", 5);
  // The newest allocation grows where it is.
  auto* grown = static_cast<char*>(arena.reallocate(first, 5000));
  EXPECT_EQ(grown, first);
  EXPECT_EQ(std::string(grown, 5), "hello");
  // An older one moves, with its bytes.
  auto* other = static_cast<char*>(arena.allocate(10, false));
  std::memcpy(other, "0123456789", 10);
  auto* moved = static_cast<char*>(arena.reallocate(grown, 9000));
  EXPECT_NE(moved, grown);
  EXPECT_EQ(std::string(moved, 5), "hello");
  EXPECT_EQ(std::string(other, 10), "0123456789") << "moving does not overwrite its neighbours";
  EXPECT_EQ(arena.reallocate(moved, 10), moved) << "shrinking keeps the place";
}

TEST(Arena, ServesRequestsLargerThanABlockAndBlocksThatRunOut) {
  Arena arena;
  std::string expected;
  std::vector<std::pair<char*, std::size_t>> all;
  for (std::size_t i = 0; i < 200; ++i) {
    std::size_t size = i % 50 == 0 ? (std::size_t{1} << 20) : 3000 + i;
    auto* p = static_cast<char*>(arena.allocate(size, false));
    ASSERT_TRUE(aligned(p));
    std::memset(p, static_cast<int>('a' + i % 26), size);
    all.emplace_back(p, size);
  }
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t k : {std::size_t{0}, all[i].second - 1}) ASSERT_EQ(all[i].first[k], 'a' + static_cast<int>(i % 26));
}

}  // namespace
}  // namespace fangyi::html
