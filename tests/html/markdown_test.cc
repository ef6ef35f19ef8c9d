#include "html/markdown.h"

#include <cmark-gfm-extension_api.h>
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/parallel.h"
#include "html/escape.h"
#include "html/gfm_extensions.h"

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

// cmark-gfm 0.29 keeps the characters that end a run of text (the
// extensions' ~, : and w among them) in process-wide tables, which each
// parse fills at the start of its inline pass and empties at its end
// through the function html/gfm_extensions.cc puts in its place.
TEST(Markdown, TheLibraryEmptiesNoTablesBehindOtherPages) {
  gfm_extensions();
  EXPECT_EQ(dlsym(RTLD_DEFAULT, "cmark_manage_extensions_special_characters"),
            reinterpret_cast<void*>(&cmark_manage_extensions_special_characters));
}

// Pages parsed on several threads at once must each see the tables whole
// throughout.
TEST(Markdown, PagesParsedOnSeveralThreadsAtOnceRenderAsEachAlone) {
  std::string page;
  for (int i = 0; i < 40; ++i)
    page += "~~出境~~與 **~~取消~~** 見 www.cdc.gov.tw 或 https://example.org/a 寫信給 a@example.org 。\n\n"
            "- ~~舊規定~~ *新規定* 與 _其他_\n\n";
  const std::string alone = render_markdown(page).html;
  ASSERT_NE(alone.find("<del>出境</del>"), std::string::npos) << alone;
  ASSERT_NE(alone.find("<strong><del>取消</del></strong>"), std::string::npos) << alone;
  ASSERT_NE(alone.find("<a href=\"http://www.cdc.gov.tw\">www.cdc.gov.tw</a>"), std::string::npos) << alone;
  ASSERT_NE(alone.find("<a href=\"https://example.org/a\">"), std::string::npos) << alone;
  ASSERT_NE(alone.find("<a href=\"mailto:a@example.org\">"), std::string::npos) << alone;
  std::vector<std::string> together(200);
  parallel_for(together.size(), 4, [&](std::size_t i, std::size_t) { together[i] = render_markdown(page).html; });
  for (const std::string& html : together) ASSERT_EQ(html, alone);
}

// render_markdown puts ids into the page without escaping them.
TEST(HeadingId, NeedsNoEscaping) {
  std::vector<std::string> taken;
  for (const char* text : {"<b>&\"'</b>", "a\x01" "b\x7f" "\xc2\x85" "c", "\xef\xbc\x9c 全形 \xe3\x80\x8a", "x y", "\xff"}) {
    const std::string id = heading_id(text, taken);
    EXPECT_EQ(escape(id), id) << text;
  }
}

TEST(HeadingId, FoldsPunctuationAndCase) {
  std::vector<std::string> taken;
  EXPECT_EQ(heading_id("PCR 檢測（第 12–14 天）", taken), "pcr-檢測-第-12-14-天");
  EXPECT_EQ(heading_id("!!!", taken), "section");
}

}  // namespace
}  // namespace fangyi::html
