#include "html/markdown.h"

#include <gtest/gtest.h>

namespace fangyi::html {
namespace {

TEST(Markdown, RendersGfmTables) {
  auto md = render_markdown("| 場所 | 濃度 |\n|---|---|\n| 馬桶 | 5000ppm |\n");
  EXPECT_NE(md.html.find("<table>"), std::string::npos) << md.html;
  EXPECT_NE(md.html.find("<td>馬桶</td>"), std::string::npos) << md.html;
}

TEST(Markdown, RendersStrikethroughTaskListsAndAutolinks) {
  auto md = render_markdown("~~出境~~\n\n- [ ] 下午 2 時前確認\n- [x] 已結案\n\nhttps://example.org/a\n");
  EXPECT_NE(md.html.find("<del>出境</del>"), std::string::npos) << md.html;
  EXPECT_NE(md.html.find("type=\"checkbox\""), std::string::npos) << md.html;
  EXPECT_NE(md.html.find("checked"), std::string::npos) << md.html;
  EXPECT_NE(md.html.find("<a href=\"https://example.org/a\">"), std::string::npos) << md.html;
}

TEST(Markdown, FiltersRawHtml) {
  auto md = render_markdown("<script>alert(1)</script>\n\n段落 <img src=x onerror=alert(1)> 文字\n\n<div>區塊</div>\n");
  EXPECT_EQ(md.html.find("<script"), std::string::npos) << md.html;
  EXPECT_EQ(md.html.find("<img"), std::string::npos) << md.html;
  EXPECT_EQ(md.html.find("<div"), std::string::npos) << md.html;
  EXPECT_NE(md.html.find("文字"), std::string::npos) << md.html;
}

TEST(Markdown, UnsafeLinkSchemesAreDropped) {
  auto md = render_markdown("[x](javascript:alert(1))\n");
  EXPECT_EQ(md.html.find("javascript:"), std::string::npos) << md.html;
}

TEST(Markdown, HeadingsGetUniqueIdsAndSelfLinks) {
  auto md = render_markdown("# 校園防疫手冊\n\n## 怎麼用\n\n## 怎麼用\n\n### Q11　防疫長要做什麼？\n");
  EXPECT_EQ(md.title, "校園防疫手冊");
  ASSERT_EQ(md.headings.size(), 4u);
  EXPECT_EQ(md.headings[1].id, "怎麼用");
  EXPECT_EQ(md.headings[2].id, "怎麼用-2");
  EXPECT_EQ(md.headings[3].id, "q11-防疫長要做什麼");
  EXPECT_EQ(md.headings[3].level, 3);
  EXPECT_NE(md.html.find("<h2 id=\"怎麼用-2\">怎麼用<a class=\"anchor\" href=\"#怎麼用-2\""), std::string::npos)
      << md.html;
}

TEST(Markdown, HeadingTextIncludesCodeAndEmphasis) {
  auto md = render_markdown("## 手機 `0900000000` 與 *移動中*\n");
  ASSERT_EQ(md.headings.size(), 1u);
  EXPECT_EQ(md.headings[0].text, "手機 0900000000 與 移動中");
  EXPECT_EQ(md.title, "");
}

TEST(HeadingId, FoldsPunctuationAndCase) {
  std::vector<std::string> taken;
  EXPECT_EQ(heading_id("PCR 檢測（第 12–14 天）", taken), "pcr-檢測-第-12-14-天");
  EXPECT_EQ(heading_id("!!!", taken), "section");
}

}  // namespace
}  // namespace fangyi::html
