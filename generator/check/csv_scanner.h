// Finding the bytes that end a CSV field, 64 at a time: shared by the row
// parser (csv_reader.cc) and the splitting of plain text (PlainRows, inline
// in csv_reader.h). Interface: CsvScanner.
#pragma once

#include <cstddef>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace fangyi::check {

// Finds the first delimiter, quote, CR or LF at or after p; the padding
// guarantees one. It marks the special bytes of 64 at a time in a bit mask
// (SSE2, on every x86-64, compares 16 bytes at once) and answers the next
// calls from that mask while they fall inside those 64 bytes: finding where
// a field ends then does not wait for a load that depends on where the field
// before it ended.
class CsvScanner {
 public:
  // `end`: bytes from here on are not read; the scan stops there (as at an
  // LF). Without it, the text must be followed by 64 readable bytes, one of
  // them special.
  explicit CsvScanner(char delimiter, const char* end = nullptr) : delimiter_(delimiter), end_(end) {}

  const char* operator()(const char* p) {
    // As integers: comparing with a window of another block is no UB.
    uintptr_t offset = reinterpret_cast<uintptr_t>(p) - reinterpret_cast<uintptr_t>(base_);
    if (offset < 64) {
      if (uint64_t rest = mask_ & (~uint64_t{0} << offset)) return base_ + __builtin_ctzll(rest);
    }
    for (base_ = p;; base_ += 64) {
      mask_ = end_ != nullptr && end_ - base_ < 64 ? mark_bounded(base_) : mark(base_);
      if (mask_ != 0) return base_ + __builtin_ctzll(mask_);
    }
  }

 private:
  // Fewer than 64 bytes are left before end_: the rest is marked one by one
  // and end_ itself counts as special.
  uint64_t mark_bounded(const char* p) const {
    const std::size_t n = static_cast<std::size_t>(end_ - p);
    uint64_t mask = 0;
    for (std::size_t i = 0; i < n; ++i) {
      char c = p[i];
      mask |= static_cast<uint64_t>(c == delimiter_ || c == '"' || c == '\r' || c == '\n') << i;
    }
    return mask | uint64_t{1} << n;
  }

  uint64_t mark(const char* p) const {
    uint64_t mask = 0;
#ifdef __SSE2__
    const __m128i delimiter = _mm_set1_epi8(delimiter_), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                  lf = _mm_set1_epi8('\n');
    for (int i = 0; i < 4; ++i) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter), _mm_cmpeq_epi8(v, quote)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
      mask |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(hit))) << (16 * i);
    }
#else
    for (int i = 0; i < 64; ++i) {
      char c = p[i];
      mask |= static_cast<uint64_t>(c == delimiter_ || c == '"' || c == '\r' || c == '\n') << i;
    }
#endif
    return mask;
  }

  char delimiter_;
  const char* end_;
  const char* base_ = nullptr;  // the 64 bytes `mask_` describes
  uint64_t mask_ = 0;
};

}  // namespace fangyi::check
