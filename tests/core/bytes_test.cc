// Tests for ByteWriter/ByteReader: every method round-trips, the encodings are
// little-endian and LEB128, and truncated or corrupt input fails without crashing.
#include "core/bytes.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace fangyi {
namespace {

using Bytes = std::vector<uint8_t>;

ByteReader reader_of(const Bytes& b) { return ByteReader(b.data(), b.size()); }

TEST(Bytes, FixedWidthRoundTrip) {
  ByteWriter w;
  w.u8(0);
  w.u8(0xFF);
  w.u16(0);
  w.u16(0xBEEF);
  w.u32(0);
  w.u32(0xDEADBEEF);
  w.u64(0);
  w.u64(0x0123456789ABCDEFull);
  w.u64(std::numeric_limits<uint64_t>::max());
  w.i64(-1);
  w.i64(std::numeric_limits<int64_t>::min());
  w.i64(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(w.size(), 2u + 4 + 8 + 24 + 24);

  ByteReader r = reader_of(w.data());
  EXPECT_EQ(r.u8(), 0);
  EXPECT_EQ(r.u8(), 0xFF);
  EXPECT_EQ(r.u16(), 0);
  EXPECT_EQ(r.u16(), 0xBEEF);
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_EQ(r.u32(), 0xDEADBEEFu);
  EXPECT_EQ(r.u64(), 0u);
  EXPECT_EQ(r.u64(), 0x0123456789ABCDEFull);
  EXPECT_EQ(r.u64(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(r.i64(), -1);
  EXPECT_EQ(r.i64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(r.i64(), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

TEST(Bytes, FixedWidthIsLittleEndian) {
  ByteWriter w;
  w.u16(0x1234);
  w.u32(0x01020304);
  w.u64(0x0102030405060708ull);
  EXPECT_EQ(w.data(), (Bytes{0x34, 0x12, 0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}));
}

TEST(Bytes, DoublesKeepTheirBits) {
  const double values[] = {0.0, -0.0, 1.5, -2.25, 1e300, std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  ByteWriter w;
  for (double v : values) w.f64(v);
  ByteReader r = reader_of(w.data());
  for (double v : values) {
    double got = r.f64();
    uint64_t a, b;
    std::memcpy(&a, &v, sizeof a);
    std::memcpy(&b, &got, sizeof b);
    EXPECT_EQ(a, b) << v;
  }
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
  ByteWriter one;
  one.f64(1.0);
  EXPECT_EQ(one.data(), (Bytes{0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
}

TEST(Bytes, UnsignedVarints) {
  const uint64_t values[] = {0, 1, 127, 128, 300, 16383, 16384, 0xFFFFFFFFull, 1ull << 63,
                             std::numeric_limits<uint64_t>::max()};
  ByteWriter w;
  for (uint64_t v : values) w.uvar(v);
  ByteReader r = reader_of(w.data());
  for (uint64_t v : values) EXPECT_EQ(r.uvar(), v);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

TEST(Bytes, UnsignedVarintEncoding) {
  auto encode = [](uint64_t v) {
    ByteWriter w;
    w.uvar(v);
    return w.data();
  };
  EXPECT_EQ(encode(0), Bytes{0});
  EXPECT_EQ(encode(127), Bytes{0x7F});
  EXPECT_EQ(encode(128), (Bytes{0x80, 0x01}));
  EXPECT_EQ(encode(300), (Bytes{0xAC, 0x02}));
  EXPECT_EQ(encode(std::numeric_limits<uint64_t>::max()),
            (Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(Bytes, SignedVarintsZigZag) {
  const int64_t values[] = {0, -1, 1, -64, 63, -65, 64, 1000000, -1000000, std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max()};
  ByteWriter w;
  for (int64_t v : values) w.svar(v);
  ByteReader r = reader_of(w.data());
  for (int64_t v : values) EXPECT_EQ(r.svar(), v);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());

  auto encode = [](int64_t v) {
    ByteWriter e;
    e.svar(v);
    return e.data();
  };
  EXPECT_EQ(encode(0), Bytes{0});
  EXPECT_EQ(encode(-1), Bytes{1});
  EXPECT_EQ(encode(1), Bytes{2});
  EXPECT_EQ(encode(-64), Bytes{0x7F});
  EXPECT_EQ(encode(64), (Bytes{0x80, 0x01}));
}

TEST(Bytes, StringsAndRawBytes) {
  std::string long_text(300, 'x');
  std::string with_nul("a\0b", 3);
  ByteWriter w;
  w.str("");
  w.str("民國110年");
  w.str(with_nul);
  w.str(long_text);
  const uint8_t raw[] = {1, 2, 3};
  w.bytes(raw, sizeof raw);
  w.bytes(nullptr, 0);

  ByteReader r = reader_of(w.data());
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.str(), "民國110年");
  EXPECT_EQ(r.str(), with_nul);
  EXPECT_EQ(r.str(), long_text);
  EXPECT_EQ(r.u8(), 1);
  EXPECT_EQ(r.u8(), 2);
  EXPECT_EQ(r.u8(), 3);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());

  ByteWriter one;
  one.str("ab");
  EXPECT_EQ(one.data(), (Bytes{2, 'a', 'b'}));
}

TEST(Bytes, PositionSkipAndRemaining) {
  Bytes b = {1, 2, 3, 4, 5};
  ByteReader r = reader_of(b);
  EXPECT_EQ(r.pos(), 0u);
  EXPECT_EQ(r.remaining(), 5u);
  EXPECT_TRUE(r.skip(2));
  EXPECT_EQ(r.pos(), 2u);
  EXPECT_EQ(r.u8(), 3);
  EXPECT_EQ(r.remaining(), 2u);
  EXPECT_TRUE(r.skip(0));
  EXPECT_TRUE(r.skip(2));
  EXPECT_TRUE(r.at_end());
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.skip(1));
  EXPECT_FALSE(r.ok());
}

TEST(Bytes, WriterDataIsMutable) {
  ByteWriter w;
  w.u32(0);
  w.data()[0] = 7;  // back-patching, as a writer of offsets does
  EXPECT_EQ(reader_of(w.data()).u32(), 7u);
}

// Each read of a value wider than what is left fails, returns zero, and leaves
// the reader failed; it never reads past the end (ASan would tell).
TEST(Bytes, ReadingPastTheEndFails) {
  struct Read {
    const char* name;
    std::size_t width;
    bool (*read)(ByteReader&);  // true when the read returned a zero value
  } reads[] = {
      {"u8", 1, [](ByteReader& r) { return r.u8() == 0; }},
      {"u16", 2, [](ByteReader& r) { return r.u16() == 0; }},
      {"u32", 4, [](ByteReader& r) { return r.u32() == 0; }},
      {"u64", 8, [](ByteReader& r) { return r.u64() == 0; }},
      {"i64", 8, [](ByteReader& r) { return r.i64() == 0; }},
      {"f64", 8, [](ByteReader& r) { return r.f64() == 0.0; }},
  };
  for (const auto& read : reads) {
    for (std::size_t have = 0; have < read.width; ++have) {
      Bytes b(have, 0xAB);
      ByteReader r = reader_of(b);
      EXPECT_TRUE(read.read(r)) << read.name << " with " << have << " bytes";
      EXPECT_FALSE(r.ok()) << read.name << " with " << have << " bytes";
      EXPECT_EQ(r.remaining(), 0u);
    }
  }
}

TEST(Bytes, EmptyAndNullInputFail) {
  ByteReader r(nullptr, 0);
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(r.u8(), 0);
  EXPECT_EQ(r.uvar(), 0u);
  EXPECT_EQ(r.svar(), 0);
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.count(), 0u);
  EXPECT_FALSE(r.ok());
}

TEST(Bytes, AFailedReaderStaysFailed) {
  Bytes b = {1, 2, 3};
  ByteReader r = reader_of(b);
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.u8(), 0);  // the bytes are there, but the input is already known bad
  EXPECT_EQ(r.pos(), 0u);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(Bytes, ExplicitFail) {
  Bytes b = {1};
  ByteReader r = reader_of(b);
  r.fail();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.u8(), 0);
}

TEST(Bytes, TruncatedVarintsAndStringsFail) {
  for (const Bytes& b : {Bytes{0x80}, Bytes{0xFF, 0xFF}, Bytes{0x80, 0x80, 0x80}}) {
    ByteReader r = reader_of(b);
    EXPECT_EQ(r.uvar(), 0u);
    EXPECT_FALSE(r.ok());
  }
  Bytes short_string = {5, 'a', 'b'};
  ByteReader r = reader_of(short_string);
  EXPECT_EQ(r.str(), "");
  EXPECT_FALSE(r.ok());

  Bytes huge_length = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 'a'};
  ByteReader h = reader_of(huge_length);
  EXPECT_EQ(h.str(), "");
  EXPECT_FALSE(h.ok());
}

TEST(Bytes, OverlongVarintsFail) {
  // Eleven bytes: more than any 64-bit value needs.
  Bytes eleven(10, 0x80);
  eleven.push_back(0x00);
  ByteReader r = reader_of(eleven);
  EXPECT_EQ(r.uvar(), 0u);
  EXPECT_FALSE(r.ok());

  // Ten bytes whose last carries bits above bit 63.
  Bytes too_big(9, 0xFF);
  too_big.push_back(0x02);
  ByteReader t = reader_of(too_big);
  EXPECT_EQ(t.uvar(), 0u);
  EXPECT_FALSE(t.ok());

  // Padding with zero continuation bytes is still a value when it fits.
  Bytes padded = {0x81, 0x80, 0x00};
  ByteReader p = reader_of(padded);
  EXPECT_EQ(p.uvar(), 1u);
  EXPECT_TRUE(p.ok());
}

TEST(Bytes, CountWithinTheRemainingBytes) {
  ByteWriter w;
  w.uvar(3);
  w.u8(1);
  w.u8(2);
  w.u8(3);
  ByteReader r = reader_of(w.data());
  EXPECT_EQ(r.count(), 3u);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.pos(), 1u);

  ByteWriter pairs;
  pairs.uvar(2);
  pairs.u16(1);
  pairs.u16(2);
  ByteReader p = reader_of(pairs.data());
  EXPECT_EQ(p.count(2), 2u);
  EXPECT_TRUE(p.ok());

  ByteWriter none;
  none.uvar(0);
  ByteReader n = reader_of(none.data());
  EXPECT_EQ(n.count(8), 0u);
  EXPECT_TRUE(n.ok());
}

TEST(Bytes, CountLargerThanTheRemainingBytesFails) {
  ByteWriter w;
  w.uvar(4);
  w.u8(1);
  w.u8(2);
  w.u8(3);
  ByteReader r = reader_of(w.data());
  EXPECT_EQ(r.count(), 0u);
  EXPECT_FALSE(r.ok());

  ByteWriter pairs;
  pairs.uvar(2);
  pairs.u16(1);
  pairs.u8(2);  // three bytes cannot hold two 2-byte elements
  ByteReader p = reader_of(pairs.data());
  EXPECT_EQ(p.count(2), 0u);
  EXPECT_FALSE(p.ok());

  ByteWriter huge;
  huge.uvar(std::numeric_limits<uint64_t>::max());
  ByteReader h = reader_of(huge.data());
  EXPECT_EQ(h.count(), 0u);
  EXPECT_FALSE(h.ok());
}

TEST(Bytes, CountOfZeroSizedElementsIsBoundedToo) {
  ByteWriter w;
  w.uvar(1000);
  w.u8(0);
  ByteReader r = reader_of(w.data());
  EXPECT_EQ(r.count(0), 0u);  // treated as one byte each
  EXPECT_FALSE(r.ok());
}

TEST(Bytes, EveryTruncationOfAMixedRecordFailsCleanly) {
  ByteWriter w;
  w.u8(7);
  w.str("停課");
  w.svar(-12345);
  w.f64(3.5);
  w.uvar(1u << 20);
  w.u32(42);
  const Bytes& full = w.data();
  for (std::size_t len = 0; len < full.size(); ++len) {
    Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
    ByteReader r = reader_of(cut);
    r.u8();
    r.str();
    r.svar();
    r.f64();
    r.uvar();
    r.u32();
    EXPECT_FALSE(r.ok()) << len;
  }
  ByteReader r = reader_of(full);
  EXPECT_EQ(r.u8(), 7);
  EXPECT_EQ(r.str(), "停課");
  EXPECT_EQ(r.svar(), -12345);
  EXPECT_EQ(r.f64(), 3.5);
  EXPECT_EQ(r.uvar(), 1u << 20);
  EXPECT_EQ(r.u32(), 42u);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

}  // namespace
}  // namespace fangyi
