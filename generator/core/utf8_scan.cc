// UTF-8 validation: a byte-by-byte scanner, and 16-byte blocks ahead of it.
#include "core/utf8_scan.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FANGYI_UTF8_BLOCKS 1
#endif

namespace fangyi {
namespace {

// The well-formed UTF-8 sequence at p (Unicode table 3-7): its length n > 0;
// -n for an ill-formed "maximal subpart" of n bytes; 0 when all `avail`
// bytes are a valid but unfinished start.
int utf8_step(const unsigned char* p, std::size_t avail) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  int trail = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    trail = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    trail = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    trail = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  for (int i = 1; i <= trail; ++i) {
    if (static_cast<std::size_t>(i) >= avail) return 0;
    if (p[i] < lo || p[i] > hi) return -i;
    lo = 0x80;
    hi = 0xBF;
  }
  return trail + 1;
}

}  // namespace

std::size_t ascii_prefix_length(const unsigned char* p, std::size_t n) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i + 32 <= n) {
    uint64_t w[4];
    std::memcpy(w, p + i, 32);
    if (((w[0] | w[1] | w[2] | w[3]) & kHigh) != 0) break;
    i += 32;
  }
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & kHigh) != 0) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

namespace {

#ifdef FANGYI_UTF8_BLOCKS

// Error classes of a byte pair (the byte before, the byte), as bits; a pair
// is bad when the three lookups below agree on one of them.
constexpr uint8_t kTooShort = 1 << 0;   // a lead byte or ASCII, then a lead byte or ASCII
constexpr uint8_t kTooLong = 1 << 1;    // ASCII, then a continuation
constexpr uint8_t kOverlong3 = 1 << 2;  // E0, then 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 and 90..BF, or F5..FF
constexpr uint8_t kSurrogate = 1 << 4;  // ED, then A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0 or C1
constexpr uint8_t kTooLarge1000 = 1 << 6;
constexpr uint8_t kOverlong4 = 1 << 6;  // F0, then 80..8F
constexpr uint8_t kTwoConts = 1 << 7;   // a continuation, then a continuation (fine in 3- and 4-byte ones)
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

constexpr char c(uint8_t v) { return static_cast<char>(v); }

__attribute__((target("ssse3"))) inline __m128i high_nibbles(__m128i v) {
  return _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
}

// Bad pairs (prev1, input) and bad multi-byte lengths in one block.
__attribute__((target("ssse3"))) __m128i block_errors(__m128i input, __m128i prev_input) {
  const __m128i byte_1_high = _mm_setr_epi8(
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0___
      kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 10__
      kTooShort | kOverlong2,                                                          // 1100
      kTooShort,                                                                       // 1101
      kTooShort | kOverlong3 | kSurrogate,                                             // 1110
      c(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));          // 1111
  const __m128i byte_1_low = _mm_setr_epi8(
      kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // ____0000
      kCarry | kOverlong2,                            // ____0001
      kCarry, kCarry,                                 // ____001_
      kCarry | kTooLarge,                             // ____0100
      kCarry | kTooLarge | kTooLarge1000,             // ____0101
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // ____1101
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000);
  const __m128i byte_2_high = _mm_setr_epi8(
      kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // ____ 0___
      c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4),  // 1000
      c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),                   // 1001
      c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),                   // 101_
      c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
      kTooShort, kTooShort, kTooShort, kTooShort);  // 11__
  const __m128i prev1 = _mm_alignr_epi8(input, prev_input, 15);
  const __m128i special = _mm_and_si128(
      _mm_and_si128(_mm_shuffle_epi8(byte_1_high, high_nibbles(prev1)),
                    _mm_shuffle_epi8(byte_1_low, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
      _mm_shuffle_epi8(byte_2_high, high_nibbles(input)));
  // The second continuation of a 3-byte sequence and the second and third
  // of a 4-byte one must be continuations (bit 7 of special says so).
  const __m128i prev2 = _mm_alignr_epi8(input, prev_input, 14);
  const __m128i prev3 = _mm_alignr_epi8(input, prev_input, 13);
  const __m128i must23 = _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 0x80))),
                                      _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80))));
  return _mm_xor_si128(_mm_and_si128(must23, _mm_set1_epi8(static_cast<char>(0x80))), special);
}

// Lanes of the block's last three bytes holding a lead byte whose sequence
// does not end in the block.
__attribute__((target("ssse3"))) __m128i unfinished(__m128i input) {
  const __m128i max = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                                    static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  return _mm_subs_epu8(input, max);
}

// A character boundary b <= n with [p, p+b) valid. Blocks are checked
// until one has a problem, or the last whole block; what a block's check
// finds is about its own characters and the one holding the byte before
// it, and everything before that character was checked clean. So b is the
// start of the character holding the last byte before the first unchecked
// (or failed) block, or n when all is checked and nothing left unfinished.
__attribute__((target("ssse3"))) std::size_t valid_blocks(const unsigned char* p, std::size_t n) {
  const __m128i zero = _mm_setzero_si128();
  __m128i prev = zero, pending = zero;  // pending: a sequence left unfinished by the block before
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i input = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i error;
    if (_mm_movemask_epi8(input) == 0) {
      error = pending;  // ASCII after an unfinished sequence
      pending = zero;
    } else {
      error = block_errors(input, prev);
      pending = unfinished(input);
    }
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, zero)) != 0xFFFF) break;
    prev = input;
  }
  if (i == n && _mm_movemask_epi8(_mm_cmpeq_epi8(pending, zero)) == 0xFFFF) return n;
  if (i == 0) return 0;
  std::size_t b = i - 1;
  while (b > 0 && (p[b] & 0xC0) == 0x80) --b;
  return b;
}

bool have_ssse3() {
  static const bool yes = __builtin_cpu_supports("ssse3");
  return yes;
}

#endif

}  // namespace

std::size_t utf8_valid_prefix_bytewise(const unsigned char* p, std::size_t n, int* step) {
  std::size_t i = 0;
  while (i < n) {
    i += ascii_prefix_length(p + i, n - i);
    // Character by character while the text is not ASCII; the common
    // three-byte sequences (all of CJK) are checked inline.
    while (i < n) {
      unsigned char c = p[i];
      if (c < 0x80) {
        if (i + 8 <= n && p[i + 1] < 0x80) break;  // back to the word loop
        ++i;
        continue;
      }
      if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        i += 3;
        continue;
      }
      int s = utf8_step(p + i, n - i);
      if (s <= 0) {
        *step = s;
        return i;
      }
      i += static_cast<std::size_t>(s);
    }
  }
  *step = 1;
  return n;
}

std::size_t utf8_valid_prefix(const unsigned char* p, std::size_t n, int* step) {
  std::size_t done = 0;
#ifdef FANGYI_UTF8_BLOCKS
  if (n >= 64 && have_ssse3()) done = valid_blocks(p, n);
#endif
  return done + utf8_valid_prefix_bytewise(p + done, n - done, step);
}

}  // namespace fangyi
