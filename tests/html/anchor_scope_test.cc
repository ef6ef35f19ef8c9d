#include "html/anchor_scope.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace fangyi::html {
namespace {

// The body as the print view's parts put it together.
std::string scope_anchors(std::string_view body, const std::string& prefix) {
  const std::string scope = prefix + "--";
  std::vector<std::string_view> parts;
  html::scope_anchors(body, scope, parts);
  return concat(parts);
}

TEST(ScopeAnchors, PrefixesIdsAndTheLinksToThem) {
  EXPECT_EQ(scope_anchors("<h2 id=\"規定\">規定</h2><a href=\"#規定\">↑</a>", "page-qa"),
            "<h2 id=\"page-qa--規定\">規定</h2><a href=\"#page-qa--規定\">↑</a>");
}

TEST(ScopeAnchors, SvgReferencesFollowTheirIds) {
  EXPECT_EQ(scope_anchors("<linearGradient id=\"g\"/><rect fill=\"url(#g)\"/>", "page-cohorts"),
            "<linearGradient id=\"page-cohorts--g\"/><rect fill=\"url(#page-cohorts--g)\"/>");
}

TEST(ScopeAnchors, LeavesOtherFilesAndLookalikesAlone) {
  const char* body =
      "<a href=\"seed-004.html#L16\">Q9</a><td data-id=\"x\">id=\"y\"</td><p>&quot;#規定&quot;</p>";
  EXPECT_EQ(scope_anchors(body, "page-qa"), body);
}

// Every occurrence, in order, whatever stands around it: the same as
// looking for each of the three in turn.
TEST(ScopeAnchors, EveryOccurrenceAmongLookalikes) {
  const std::string body =
      "<p id=\"a\">(#1) a=b c==d (( url(#g)url(#h)</p><a href=\"#a\">x</a><a href=\"b.html#c\">y</a>"
      "<td data-id=\"z\" id=\"\">=(</td><svg><use href=\"#g\"/></svg> id= id=\"q\"(url(#";
  std::string expected;
  for (std::size_t i = 0; i < body.size(); ++i) {
    expected += body[i];
    for (std::string_view before : {" id=\"", "href=\"#", "url(#"})
      if (i + 1 >= before.size() && std::string_view(body).substr(i + 1 - before.size(), before.size()) == before)
        expected += "p--";
  }
  EXPECT_EQ(scope_anchors(body, "p"), expected);
}

TEST(ScopeAnchors, TwoPagesWithTheSameHeadingNoLongerShareAnId) {
  std::string a = scope_anchors("<h2 id=\"時程圖\">", "page-scheme-a");
  std::string b = scope_anchors("<h2 id=\"時程圖\">", "page-scheme-b");
  EXPECT_NE(a, b);
  EXPECT_EQ(scope_anchors("", "page-x"), "");
}

}  // namespace
}  // namespace fangyi::html
