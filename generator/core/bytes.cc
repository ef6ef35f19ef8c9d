// Byte-level encoding helpers for the rule binary.
#include "core/bytes.h"

#include <cstring>

namespace fangyi {

void ByteWriter::u16(uint16_t v) {
  for (int i = 0; i < 2; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void ByteWriter::u32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void ByteWriter::u64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void ByteWriter::f64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  u64(bits);
}
void ByteWriter::uvar(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<uint8_t>(v));
}
void ByteWriter::svar(int64_t v) {
  uvar((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void ByteWriter::str(std::string_view s) {
  uvar(s.size());
  bytes(s.data(), s.size());
}
void ByteWriter::bytes(const void* p, std::size_t n) {
  const auto* b = static_cast<const uint8_t*>(p);
  out_.insert(out_.end(), b, b + n);
}

bool ByteReader::need(std::size_t n) {
  if (!ok_ || size_ - pos_ < n) {
    ok_ = false;
    return false;
  }
  return true;
}

uint8_t ByteReader::u8() { return need(1) ? p_[pos_++] : 0; }

uint16_t ByteReader::u16() {
  if (!need(2)) return 0;
  uint16_t v = static_cast<uint16_t>(p_[pos_] | (p_[pos_ + 1] << 8));
  pos_ += 2;
  return v;
}

uint32_t ByteReader::u32() {
  if (!need(4)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(p_[pos_ + i]) << (8 * i);
  pos_ += 4;
  return v;
}

uint64_t ByteReader::u64() {
  if (!need(8)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p_[pos_ + i]) << (8 * i);
  pos_ += 8;
  return v;
}

double ByteReader::f64() {
  uint64_t bits = u64();
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

uint64_t ByteReader::uvar() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (!need(1)) return 0;
    uint8_t b = p_[pos_++];
    // The tenth byte holds bit 63 only; higher bits would be silently lost.
    if (shift == 63 && (b & 0x7E) != 0) break;
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ok_ = false;
  return 0;
}

int64_t ByteReader::svar() {
  uint64_t u = uvar();
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::string ByteReader::str() {
  uint64_t n = uvar();
  if (!need(n)) return {};
  std::string s(reinterpret_cast<const char*>(p_ + pos_), n);
  pos_ += n;
  return s;
}

std::size_t ByteReader::count(std::size_t min_element_size) {
  uint64_t n = uvar();
  if (!ok_) return 0;
  if (min_element_size == 0) min_element_size = 1;
  if (n > (size_ - pos_) / min_element_size) {
    ok_ = false;
    return 0;
  }
  return static_cast<std::size_t>(n);
}

bool ByteReader::skip(std::size_t n) {
  if (!need(n)) return false;
  pos_ += n;
  return true;
}

}  // namespace fangyi
