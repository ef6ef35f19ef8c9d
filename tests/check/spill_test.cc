// The partitioned spill: rows of one key stay together and in order, across
// the in-memory tail and chunks written to the temporary file.
#include <gtest/gtest.h>

#include "check/spill.h"

namespace fangyi::check {
namespace {

TEST(CaseSpill, GivesBackEachPartitionInAppendOrder) {
  CaseSpill spill(5);
  std::vector<std::string> expected(5);
  for (int i = 0; i < 200000; ++i) {
    std::string key = "K" + std::to_string(i % 997);
    std::string record = key + ":" + std::to_string(i) + ";";
    std::size_t p = spill.partition_of(key);
    ASSERT_LT(p, 5u);
    ASSERT_TRUE(spill.append(p, record)) << spill.error();
    expected[p] += record;
  }
  ASSERT_TRUE(spill.finish()) << spill.error();
  std::size_t total = 0;
  for (std::size_t p = 0; p < 5; ++p) {
    std::string got, error;
    ASSERT_TRUE(spill.read(p, got, error)) << error;
    EXPECT_EQ(got, expected[p]) << "partition " << p;
    total += got.size();
  }
  EXPECT_GT(total, 64u * 1024 * 5) << "the test must reach the file";
}

TEST(CaseSpill, SamePartitionForTheSameKey) {
  CaseSpill spill(64);
  EXPECT_EQ(spill.partition_of("A123456789"), spill.partition_of(std::string("A123456789")));
  CaseSpill one(0);
  EXPECT_EQ(one.partitions(), 1u);
  EXPECT_EQ(one.partition_of("x"), 0u);
}

TEST(CaseSpill, SmallInputNeverTouchesTheFile) {
  CaseSpill spill(3);
  ASSERT_TRUE(spill.append(1, "abc"));
  ASSERT_TRUE(spill.finish());
  std::string got, error;
  ASSERT_TRUE(spill.read(1, got, error));
  EXPECT_EQ(got, "abc");
  ASSERT_TRUE(spill.read(0, got, error));
  EXPECT_EQ(got, "");
}

}  // namespace
}  // namespace fangyi::check
