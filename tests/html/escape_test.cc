#include "html/escape.h"

#include <gtest/gtest.h>

namespace fangyi::html {
namespace {

TEST(Escape, EscapesMarkupCharacters) {
  EXPECT_EQ(escape("<a href=\"x\">A & B's</a>"), "&lt;a href=&quot;x&quot;&gt;A &amp; B&#39;s&lt;/a&gt;");
  EXPECT_EQ(escape("漂白水 1:100"), "漂白水 1:100");
}

TEST(TextOf, DropsTagsAndDecodesEntities) {
  EXPECT_EQ(text_of("<h2 id=\"x\">快篩<a class=\"anchor\" href=\"#x\">#</a></h2><p>A &amp; <strong>B</strong></p>"),
            "快篩 A & B");
}

TEST(TextOf, InlineElementsDoNotSplitWords) {
  EXPECT_EQ(text_of("<p>九<em>宮</em>格</p>"), "九宮格");
  EXPECT_EQ(text_of("<td>a</td><td>b</td>"), "a b");
}

TEST(TextOf, SkipsScriptsStylesAndDrawings) {
  EXPECT_EQ(text_of("<p>before</p><script>var x = '<p>';</script><style>p{}</style>"
                    "<svg><text>天數</text></svg><p>after</p>"),
            "before after");
}

}  // namespace
}  // namespace fangyi::html
