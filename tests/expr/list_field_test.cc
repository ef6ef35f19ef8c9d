// List-typed fields (travel regions): membership with `in`, on a field of
// the row and of a comprehension variable; elements arrive joined by
// kListSeparator.
#include <gtest/gtest.h>

#include "expr/opcodes.h"
#include "expr_test_util.h"

namespace fangyi::expr {
namespace {

using testing::MemRow;
using testing::T;

class ListField : public ::testing::Test {
 protected:
  ListField() {
    person.name = "arrivals";
    person.fields = {{"regions", make_list(T(TypeKind::string))}, {"name", T(TypeKind::string)}};
    env.row = &person;
    env.sources = {{"arrivals", &person}};
  }
  std::optional<Program> compile_text(std::string_view text) {
    return compile(text, env, T(TypeKind::bool_),
                   [](std::size_t o, std::size_t l) { return SourceLocation{"x", 1, int(o), int(l)}; }, diags);
  }
  Value run(std::string_view text, const std::string& regions) {
    auto p = compile_text(text);
    EXPECT_TRUE(p) << text;
    if (!p) return {};
    MemRow row(person, {{"regions", Value::string(regions)}, {"name", Value::string("王大明")}});
    Context c;
    c.row = &row;
    c.sources.resize(1);
    c.sources[0].rows = {&row};
    return evaluate(*p, c);
  }
  RecordType person;
  Environment env;
  Diagnostics diags;
};

const std::string kSep(1, kListSeparator);

TEST_F(ListField, MembershipFindsWholeElementsOnly) {
  std::string regions = "湖北" + kSep + "廣東";
  EXPECT_TRUE(run("\"湖北\" in regions", regions).b);
  EXPECT_TRUE(run("\"廣東\" in regions", regions).b);
  EXPECT_FALSE(run("\"湖\" in regions", regions).b);
  EXPECT_TRUE(run("\"湖北\" not in regions", "廣東").b);
  EXPECT_FALSE(run("\"湖北\" in regions", "").b);
}

TEST_F(ListField, MembershipOnAComprehensionVariable) {
  EXPECT_TRUE(run("exists(a in arrivals, \"湖北\" in a.regions)", "福建" + kSep + "湖北").b);
}

TEST_F(ListField, NullListGivesNull) {
  auto p = compile_text("\"湖北\" in regions");
  ASSERT_TRUE(p);
  MemRow row(person, {});
  Context c;
  c.row = &row;
  EXPECT_EQ(evaluate(*p, c).kind, ValueKind::null_);
}

TEST_F(ListField, ElementTypeMustMatch) {
  EXPECT_FALSE(compile_text("3 in regions"));
  ASSERT_FALSE(diags.empty());
}

TEST_F(ListField, RoundTripsThroughTheBinaryForm) {
  auto p = compile_text("\"湖北\" in regions");
  ASSERT_TRUE(p);
  ByteWriter w;
  encode(*p, w);
  ByteReader r(w.data().data(), w.size());
  Program back;
  std::string why;
  ASSERT_TRUE(decode(r, env, back, &why)) << why;
  EXPECT_EQ(back, *p);
}

}  // namespace
}  // namespace fangyi::expr
