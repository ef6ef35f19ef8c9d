// The reused zlib stream: output zlib reads back, and the same bytes however
// many streams the Deflater compressed before.
#include "pdf/deflate.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace fangyi::pdf {
namespace {

std::string inflate_all(const std::string& in, std::size_t size) {
  std::string out(size, '\0');
  uLongf length = uLongf(size);
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(in.data()),
                       uLong(in.size())),
            Z_OK);
  out.resize(length);
  return out;
}

TEST(DeflateTest, RoundTrips) {
  std::string page;
  for (int i = 0; i < 500; ++i) page += "50 " + std::to_string(700 - i) + " Td (\x73\x8B) Tj\n";
  Deflater d(1);
  std::string out = "keep";
  ASSERT_TRUE(d.compress(page, out));
  EXPECT_EQ(out.substr(0, 4), "keep") << "appends";
  EXPECT_LT(out.size(), page.size() / 4);
  EXPECT_EQ(inflate_all(out.substr(4), page.size()), page);
}

TEST(DeflateTest, OutputDoesNotDependOnEarlierStreams) {
  std::string a(3000, 'a'), b = "BT /F1 12 Tf (x) Tj ET\n";
  Deflater fresh(1), used(1);
  std::string first, second, scratch;
  ASSERT_TRUE(used.compress(a, scratch));
  ASSERT_TRUE(used.compress(b, second));
  ASSERT_TRUE(fresh.compress(b, first));
  EXPECT_EQ(first, second);
}

TEST(DeflateTest, EmptyInputIsAValidStream) {
  Deflater d(1);
  std::string out;
  ASSERT_TRUE(d.compress("", out));
  EXPECT_EQ(inflate_all(out, 16), "");
}

}  // namespace
}  // namespace fangyi::pdf
