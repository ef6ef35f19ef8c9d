// Utf8Source: detection, BOM, Big5 through ICU, characters cut at every
// block boundary, invalid bytes replaced and placed, tiny output buffers.
#include <unicode/ucnv.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "check/encoding.h"
#include "support/temp_dir.h"

namespace fangyi::check {
namespace {

using fangyi::testing::TempDir;

std::string big5_of(const std::string& utf8) {
  std::string out(utf8.size() * 2 + 8, '\0');
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("windows-950", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct Decoded {
  std::string text;
  std::string encoding;
  std::vector<InvalidBytes> invalid;
  bool ok = false;
};

class Encoding : public TempDir {
 protected:
  // Decodes `bytes` reading `block` raw bytes and asking for `chunk` output
  // bytes at a time.
  Decoded decode(const std::string& bytes, const std::string& encoding = "auto", std::size_t block = 1 << 20,
                 std::size_t chunk = 1 << 16) {
    std::string path = dir_ + "/in.csv";
    std::ofstream(path, std::ios::binary) << bytes;
    Diagnostics diags;
    auto src = Utf8Source::open(path, encoding, diags, block);
    Decoded d;
    if (!src) return d;
    std::vector<char> buf(chunk);
    while (std::size_t n = src->read(buf.data(), buf.size())) {
      d.text.append(buf.data(), n);
      EXPECT_TRUE(is_complete_utf8(std::string_view(buf.data(), n)));
    }
    d.encoding = src->encoding_name();
    d.invalid = src->invalid();
    d.ok = !src->error();
    return d;
  }
  // No chunk ends inside a character.
  static bool is_complete_utf8(std::string_view s) {
    std::size_t i = s.size();
    std::size_t back = 0;
    while (i > 0 && back < 4 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i, ++back;
    if (i == 0) return back == 0;
    unsigned char lead = static_cast<unsigned char>(s[i - 1]);
    std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return back + 1 == len;
  }
};

TEST(EncodingNames, ParseEncoding) {
  EXPECT_EQ(parse_encoding("auto"), EncodingChoice::detect);
  EXPECT_EQ(parse_encoding("UTF-8"), EncodingChoice::utf8);
  EXPECT_EQ(parse_encoding("utf8"), EncodingChoice::utf8);
  EXPECT_EQ(parse_encoding("Big5"), EncodingChoice::big5);
  EXPECT_EQ(parse_encoding("CP950"), EncodingChoice::big5);
  EXPECT_EQ(parse_encoding("latin1"), std::nullopt);
  EXPECT_EQ(parse_encoding(""), std::nullopt);
}

TEST_F(Encoding, Utf8AtEveryBlockAndChunkSize) {
  const std::string text = "學校,姓名\n臺北市立第一高中,王大明 😷\n";
  for (std::size_t block = 1; block <= 9; ++block) {
    for (std::size_t chunk : {std::size_t{4}, std::size_t{5}, std::size_t{6}, std::size_t{1000}}) {
      SCOPED_TRACE(std::to_string(block) + "/" + std::to_string(chunk));
      Decoded d = decode(text, "auto", block, chunk);
      EXPECT_EQ(d.text, text);
      EXPECT_EQ(d.encoding, "UTF-8");
      EXPECT_TRUE(d.invalid.empty());
    }
  }
}

TEST_F(Encoding, Big5AtEveryBlockAndChunkSize) {
  const std::string text = "學校,姓名\r\n臺北市立第一高中,王大明\r\n碁銹裏\r\n";
  const std::string bytes = big5_of(text);
  for (std::size_t block = 1; block <= 9; ++block) {
    for (std::size_t chunk : {std::size_t{4}, std::size_t{5}, std::size_t{1000}}) {
      SCOPED_TRACE(std::to_string(block) + "/" + std::to_string(chunk));
      Decoded d = decode(bytes, "auto", block, chunk);
      EXPECT_EQ(d.text, text);
      EXPECT_EQ(d.encoding, "Big5 (CP950)");
      EXPECT_TRUE(d.invalid.empty());
    }
  }
}

TEST_F(Encoding, ByteOrderMarkIsStripped) {
  Decoded d = decode("\xEF\xBB\xBF" "a,b\n", "auto", 1);
  EXPECT_EQ(d.text, "a,b\n");
  EXPECT_EQ(d.encoding, "UTF-8 (BOM)");
  EXPECT_EQ(decode("\xEF\xBB\xBF" "x", "utf-8").text, "x");
  EXPECT_EQ(decode("\xEF\xBB\xBF").text, "");
}

TEST_F(Encoding, AsciiIsUtf8) {
  Decoded d = decode("a,b\n1,2\n");
  EXPECT_EQ(d.text, "a,b\n1,2\n");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST_F(Encoding, DetectionWaitsForTheFirstNonAsciiByte) {
  // A long ASCII start (more than a block) does not decide anything.
  std::string ascii(10000, 'x');
  Decoded big5 = decode(ascii + big5_of("學校"), "auto", 1000);
  EXPECT_EQ(big5.encoding, "Big5 (CP950)");
  EXPECT_EQ(big5.text, ascii + "學校");
  Decoded utf8 = decode(ascii + "學校", "auto", 1000);
  EXPECT_EQ(utf8.encoding, "UTF-8");
}

TEST_F(Encoding, CharacterCutByTheDetectionWindowIsStillUtf8) {
  // The window is 4096 bytes from the first non-ASCII byte: é (2) and 1364
  // 學 (3 each) fill 4094 of them, so the window cuts the next 學.
  std::string text = "a\u00E9";
  for (int i = 0; i < 1366; ++i) text += "學";
  text += "b";
  Decoded d = decode(text);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, text);
}

TEST_F(Encoding, InvalidUtf8AfterDetectionBecomesReplacementCharacters) {
  std::string start = "學" + std::string(5000, 'x');
  Decoded d = decode(start + "\xFF" "y", "auto", 7, 4);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, start + "\uFFFD" "y");
  ASSERT_EQ(d.invalid.size(), 1u);
  EXPECT_EQ(d.invalid[0].offset, start.size());
  EXPECT_EQ(d.invalid[0].hex(), "0xFF");
}

TEST_F(Encoding, MaximalSubpartsAreReplacedOneEach) {
  struct Case {
    std::string in, out;
    std::vector<std::string> hex;
  };
  const std::vector<Case> cases = {
      {"a\xE5\xAD" "b", "a\uFFFD" "b", {"0xE5 0xAD"}},           // cut 3-byte sequence
      {"\xF0\x80\x80", "\uFFFD\uFFFD\uFFFD", {"0xF0", "0x80", "0x80"}},  // overlong lead
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", {"0xED", "0xA0", "0x80"}},  // surrogate
      {"\xC0\xAF", "\uFFFD\uFFFD", {"0xC0", "0xAF"}},
      {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD", {"0xF4", "0x90", "0x80", "0x80"}},
      {"ok\xE5\xAD", "ok\uFFFD", {"0xE5 0xAD"}},  // cut by the end of the file
      {"\xF0\x9F\x98", "\uFFFD", {"0xF0 0x9F 0x98"}},
  };
  for (const Case& c : cases) {
    for (std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{64}}) {
      SCOPED_TRACE(c.out + " block " + std::to_string(block));
      Decoded d = decode(c.in, "utf-8", block, 4);
      EXPECT_EQ(d.text, c.out);
      std::vector<std::string> hex;
      for (const auto& bad : d.invalid) hex.push_back(bad.hex());
      EXPECT_EQ(hex, c.hex);
    }
  }
}

TEST_F(Encoding, ReplacementOffsetsAreInTheOutput) {
  Decoded d = decode("ab\xFF" "學\xFE", "utf-8", 1, 4);
  EXPECT_EQ(d.text, "ab\uFFFD學\uFFFD");
  ASSERT_EQ(d.invalid.size(), 2u);
  EXPECT_EQ(d.invalid[0].offset, 2u);
  EXPECT_EQ(d.invalid[1].offset, 8u);
}

TEST_F(Encoding, ForcedBig5) {
  Decoded d = decode(big5_of("姓名"), "big5");
  EXPECT_EQ(d.text, "姓名");
  EXPECT_EQ(d.encoding, "Big5 (CP950)");
  // Forced Big5 reads a UTF-8 file as Big5 — mojibake, and no BOM stripping.
  EXPECT_NE(decode("\xEF\xBB\xBF" "a", "cp950").text, "a");
}

TEST_F(Encoding, Big5UserDefinedAreaIsPrivateUse) {
  // 0xFA40 is the first 造字 code point of CP950's user-defined area.
  Decoded d = decode(big5_of("王") + "\xFA\x40", "big5");
  EXPECT_EQ(d.text, "王\uE000");
  EXPECT_TRUE(d.invalid.empty());
}

TEST_F(Encoding, InvalidBig5IsReplaced) {
  for (std::size_t block : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
    SCOPED_TRACE(block);
    std::string start = big5_of("學校");
    // A lead byte before a line break, and one cut by the end of the file.
    Decoded d = decode(start + "\xA4\nx\xA4", "big5", block, 4);
    EXPECT_EQ(d.text, "學校\uFFFD\nx\uFFFD");
    ASSERT_EQ(d.invalid.size(), 2u);
    EXPECT_EQ(d.invalid[0].offset, 6u);
    EXPECT_EQ(d.invalid[0].hex(), "0xA4");
    EXPECT_EQ(d.invalid[1].offset, 11u);
  }
}

TEST_F(Encoding, MissingFileAndUnknownEncoding) {
  Diagnostics diags;
  EXPECT_TRUE(Utf8Source::open(dir_ + "/none", "auto", diags) == nullptr);
  EXPECT_TRUE(Utf8Source::open(dir_, "auto", diags) == nullptr);
  EXPECT_TRUE(Utf8Source::open(dir_ + "/none", "ebcdic", diags) == nullptr);
  ASSERT_EQ(diags.items().size(), 3u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_read);
  EXPECT_EQ(diags.items()[1].message, Msg::io_cannot_read);
  EXPECT_EQ(diags.items()[2].message, Msg::enc_unknown);
}

}  // namespace
}  // namespace fangyi::check
