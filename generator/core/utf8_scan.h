// Finding how much of a buffer is valid UTF-8, fast: the check engine
// validates every byte of every export it reads. Interface:
// utf8_valid_prefix. Blocks of 16 bytes are checked at once with the
// lookup-table method of Keiser and Lemire ("Validating UTF-8 in less than
// one instruction per byte", 2021) where the CPU has SSSE3, which is
// chosen at run time; the rest, and any block with a problem, byte by byte.
#pragma once

#include <cstddef>

namespace fangyi {

// The length of the longest valid prefix of [p, p+n) that ends on a
// character boundary; *step says what follows it: 1 nothing (all valid), 0 a
// valid but unfinished sequence cut by the end, -k an ill-formed sequence of
// k bytes (its "maximal subpart", one U+FFFD each, as ICU and browsers count).
std::size_t utf8_valid_prefix(const unsigned char* p, std::size_t n, int* step);

// The length of the ASCII prefix of [p, p+n).
std::size_t ascii_prefix_length(const unsigned char* p, std::size_t n);

// The same as utf8_valid_prefix without the blocks: byte by byte, as the reference.
std::size_t utf8_valid_prefix_bytewise(const unsigned char* p, std::size_t n, int* step);

}  // namespace fangyi
