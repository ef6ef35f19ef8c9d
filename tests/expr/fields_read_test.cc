// fields_read: the bare-row slots and source fields a program reads, and
// which row slots it only tests with has().
#include <algorithm>

#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

class FieldsReadTest : public ExprTest {
 protected:
  std::vector<std::size_t> sorted(std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }
  std::size_t slot(const std::string& name) { return *cases.find(name); }
};

TEST_F(FieldsReadTest, RowSourcesAndTestedOnly) {
  auto p = compile_ok("has(note) and has(entry_date) and entry_date < today() and "
                      "exists(f in followup, f.fever) and count(s in screening, s.type == \"PCR\") > visits");
  ASSERT_TRUE(p);
  FieldsRead r = fields_read(*p);
  EXPECT_EQ(sorted(r.row), sorted({slot("note"), slot("entry_date"), slot("visits")}));
  EXPECT_EQ(r.row_tested, std::vector<std::size_t>{slot("note")}) << "entry_date is also compared; visits is a value";
  EXPECT_EQ(r.sources.size(), 2u);
  EXPECT_EQ(fields_read(*compile_ok("not has(status) or has(note)")).row_tested.size(), 2u);
  EXPECT_TRUE(fields_read(*compile_ok("status == \"無症狀\"")).row_tested.empty());
  EXPECT_TRUE(fields_read(*compile_ok("has(note) and note != \"x\"")).row_tested.empty());
}

}  // namespace
}  // namespace fangyi::expr::testing
