// UTF-8 checked 32 bytes at a time where AVX2 is; elsewhere by core's
// decoder, which says the same of any text (tests/html/utf8_check_test.cc).
#include "html/utf8_check.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <cstdint>
#include <cstring>

#include "core/text.h"

namespace fangyi::html {
#if defined(__x86_64__)
namespace {

// The errors a pair of bytes can show, one bit each, looked up by the
// first byte's high and low half and the second byte's high half; a pair
// is wrong where all three look-ups share a bit.
constexpr uint8_t kTooShort = 1 << 0;   // a lead byte, then ASCII or another lead
constexpr uint8_t kTooLong = 1 << 1;    // ASCII, then a continuation byte
constexpr uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5.. 80..BF
constexpr uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0, C1
constexpr uint8_t kTooLarge1000 = 1 << 6;
constexpr uint8_t kOverlong4 = 1 << 6;  // F0 80..8F
constexpr uint8_t kTwoContinuations = 1 << 7;
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoContinuations;

__attribute__((target("avx2"))) inline __m256i lookup(__m256i halves, const uint8_t (&table)[16]) {
  const __m128i row = _mm_loadu_si128(reinterpret_cast<const __m128i*>(table));
  return _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(row), halves);
}

__attribute__((target("avx2"))) inline __m256i high_halves(__m256i bytes) {
  return _mm256_and_si256(_mm256_srli_epi16(bytes, 4), _mm256_set1_epi8(0x0F));
}

// The block's bytes moved up by N, the previous block's last N in front.
template <int N>
__attribute__((target("avx2"))) inline __m256i previous(__m256i block, __m256i before) {
  return _mm256_alignr_epi8(block, _mm256_permute2x128_si256(before, block, 0x21), 16 - N);
}

// The errors of `block` given the block before it.
__attribute__((target("avx2"))) __m256i block_errors(__m256i block, __m256i before) {
  static constexpr uint8_t kFirstHigh[16] = {
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // ASCII
      kTwoContinuations, kTwoContinuations, kTwoContinuations, kTwoContinuations,      // continuation
      kTooShort | kOverlong2,                                                          // 1100
      kTooShort,                                                                       // 1101
      kTooShort | kOverlong3 | kSurrogate,                                             // 1110
      kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};                             // 1111
  static constexpr uint8_t kFirstLow[16] = {
      kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // 0000
      kCarry | kOverlong2,                            // 0001
      kCarry,
      kCarry,
      kCarry | kTooLarge,                   // 0100
      kCarry | kTooLarge | kTooLarge1000,   // 0101
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,   // 1000
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // 1101
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000};
  static constexpr uint8_t kSecondHigh[16] = {
      kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // ASCII
      kTooLong | kOverlong2 | kTwoContinuations | kOverlong3 | kTooLarge1000 | kOverlong4,     // 1000
      kTooLong | kOverlong2 | kTwoContinuations | kOverlong3 | kTooLarge,                      // 1001
      kTooLong | kOverlong2 | kTwoContinuations | kSurrogate | kTooLarge,                      // 101_
      kTooLong | kOverlong2 | kTwoContinuations | kSurrogate | kTooLarge,
      kTooShort, kTooShort, kTooShort, kTooShort};  // 11__
  const __m256i first = previous<1>(block, before);
  const __m256i special = _mm256_and_si256(
      _mm256_and_si256(lookup(high_halves(first), kFirstHigh),
                       lookup(_mm256_and_si256(first, _mm256_set1_epi8(0x0F)), kFirstLow)),
      lookup(high_halves(block), kSecondHigh));
  // Where the byte two back leads three bytes or three back leads four,
  // this one must be a continuation: the pair look-up flags it (two
  // continuations), and that flag is then expected, not an error.
  const __m256i third = _mm256_subs_epu8(previous<2>(block, before), _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(previous<3>(block, before), _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i expected = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(expected, special);
}

// Whether the block ends inside a sequence: a lead byte in one of its last
// three places that needs more bytes than are left.
__attribute__((target("avx2"))) __m256i ends_inside(__m256i block) {
  const __m256i last = _mm256_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  return _mm256_subs_epu8(block, last);
}

// The errors found so far, and what the next block needs of the last.
struct Blocks {
  __m256i errors, before, incomplete;
};

__attribute__((target("avx2"))) void check_block(__m256i block, Blocks& b) {
  if (_mm256_movemask_epi8(block) == 0) {
    // ASCII: fine unless the block before ended inside a sequence.
    b.errors = _mm256_or_si256(b.errors, b.incomplete);
  } else {
    b.errors = _mm256_or_si256(b.errors, block_errors(block, b.before));
    b.incomplete = ends_inside(block);
  }
  b.before = block;
}

__attribute__((target("avx2"))) bool is_utf8_avx2(std::string_view s) {
  Blocks b{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  std::size_t i = 0;
  for (; i + 32 <= s.size(); i += 32) check_block(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + i)), b);
  if (i < s.size()) {
    // The rest, followed by ASCII.
    char tail[32] = {};
    std::memcpy(tail, s.data() + i, s.size() - i);
    check_block(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(tail)), b);
  }
  const __m256i errors = _mm256_or_si256(b.errors, b.incomplete);
  return _mm256_testz_si256(errors, errors) != 0;
}

}  // namespace

bool is_utf8(std::string_view s) {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2 ? is_utf8_avx2(s) : is_valid_utf8(s);
}
#else
bool is_utf8(std::string_view s) { return is_valid_utf8(s); }
#endif

}  // namespace fangyi::html
