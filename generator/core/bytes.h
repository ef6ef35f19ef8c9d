// Little-endian byte writing and bounds-checked reading, the base of the rule
// binary. A ByteReader never reads past its end: a read that would fails, sets
// the reader's error, and returns zero values, so decoders stay simple and a
// corrupted file can never crash them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v);
  // LEB128 unsigned varint; signed values zig-zag encoded.
  void uvar(uint64_t v);
  void svar(int64_t v);
  void str(std::string_view s);  // uvar length + bytes
  void bytes(const void* p, std::size_t n);

  std::size_t size() const { return out_.size(); }
  std::vector<uint8_t>& data() { return out_; }
  const std::vector<uint8_t>& data() const { return out_; }

 private:
  std::vector<uint8_t> out_;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* data, std::size_t size) : p_(data), size_(size) {}

  uint8_t u8();
  uint16_t u16();
  uint32_t u32();
  uint64_t u64();
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64();
  uint64_t uvar();
  int64_t svar();
  std::string str();
  // A count of elements about to be read, each at least `min_element_size`
  // bytes: fails (and returns 0) if the rest of the input cannot hold them,
  // so a corrupt count can never make a decoder allocate gigabytes.
  std::size_t count(std::size_t min_element_size = 1);
  bool skip(std::size_t n);

  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return ok_ ? size_ - pos_ : 0; }
  bool at_end() const { return pos_ == size_; }

 private:
  bool need(std::size_t n);
  const uint8_t* p_;
  std::size_t size_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace fangyi
