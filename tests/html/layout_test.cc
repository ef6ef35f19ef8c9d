// Page layout: page.html is cut once at the page's values and filled in per
// page; the result must be what mustache renders, escaping included, for
// every case of previous/next page, and templates the cut cannot handle
// are rendered page by page.
#include "html/layout.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "support/temp_dir.h"

namespace fangyi::html {
namespace {

namespace fs = std::filesystem;

class LayoutTest : public fangyi::testing::TempDir {
 protected:
  std::optional<Layout> load(const std::string& page_html) {
    std::ofstream(fs::path(dir_) / "page.html") << page_html;
    std::ofstream(fs::path(dir_) / "print.html") << "{{#chapters}}{{{body}}}{{/chapters}}";
    return Layout::load(dir_, Lang::en, diags_);
  }
  Diagnostics diags_;
};

Page page(std::string file, std::string title, std::string body) {
  Page p;
  p.file = std::move(file);
  p.title = std::move(title);
  p.body = std::move(body);
  return p;
}

std::string page_html(const Layout& layout, const Page& p, const Page* prev, const Page* next) {
  std::string out;
  layout.page(p, prev, next, out);
  return out;
}

constexpr const char* kTemplate =
    "<title>{{title}} · {{site_title}}</title>[{{{title}}}]<body data-page=\"{{page}}\">\n"
    "{{{body}}}|{{body}}|{{&body}}\n"
    "{{#prev}}<a href=\"{{href}}\">{{label_prev}} {{title}}</a>{{/prev}}{{^prev}}(first){{/prev}}\n"
    "{{#next}}<a href=\"{{href}}\">{{title}}</a>{{/next}}{{^next}}(last){{/next}}{{! a comment }}\n";

TEST_F(LayoutTest, PagesAreWhatMustacheRenders) {
  auto layout = load(kTemplate);
  ASSERT_TRUE(layout);
  Page a = page("a.html", "A & <B>", "<p>\"q\" 'a'</p>");
  Page b = page("b&c.html", "乙 \"引\"", "<p>乙</p>");
  Page c = page("c.html", "丙'", "");
  EXPECT_EQ(page_html(*layout, a, nullptr, &b),
            "<title>A &amp; &lt;B&gt; · School epidemic-prevention handbook</title>[A & <B>]<body data-page=\"a.html\">\n"
            "<p>\"q\" 'a'</p>|&lt;p&gt;&quot;q&quot; &apos;a&apos;&lt;/p&gt;|<p>\"q\" 'a'</p>\n"
            "(first)\n"
            "<a href=\"b&amp;c.html\">乙 &quot;引&quot;</a>\n");
  EXPECT_EQ(page_html(*layout, b, &a, &c),
            "<title>乙 &quot;引&quot; · School epidemic-prevention handbook</title>[乙 \"引\"]<body data-page=\"b&amp;c.html\">\n"
            "<p>乙</p>|&lt;p&gt;乙&lt;/p&gt;|<p>乙</p>\n"
            "<a href=\"a.html\">Previous A &amp; &lt;B&gt;</a>\n"
            "<a href=\"c.html\">丙&apos;</a>\n");
  EXPECT_EQ(page_html(*layout, c, &b, nullptr),
            "<title>丙&apos; · School epidemic-prevention handbook</title>[丙']<body data-page=\"c.html\">\n"
            "||\n"
            "<a href=\"b&amp;c.html\">Previous 乙 &quot;引&quot;</a>\n"
            "(last)\n");
  EXPECT_NE(page_html(*layout, a, nullptr, nullptr).find("(first)\n(last)\n"), std::string::npos);
}

// Values holding the character the cut marks with are filled in as they
// are; a template holding it is rendered page by page, the same way.
TEST_F(LayoutTest, TheMarkerCharacterInPagesOrTemplate) {
  Page odd = page("x.html", "\x1F<0>\x1F", "\x1F<2>\x1F&");
  Page next = page("y.html", "\x1F", "");
  auto cut = load("{{title}}|{{{body}}}|{{#next}}{{title}}{{/next}}");
  ASSERT_TRUE(cut);
  EXPECT_EQ(page_html(*cut, odd, nullptr, &next), "\x1F&lt;0&gt;\x1F|\x1F<2>\x1F&|\x1F");
  auto whole = load("\x1F{{title}}|{{{body}}}|{{#next}}{{title}}{{/next}}");
  ASSERT_TRUE(whole);
  EXPECT_EQ(page_html(*whole, odd, nullptr, &next), "\x1F\x1F&lt;0&gt;\x1F|\x1F<2>\x1F&|\x1F");
}

TEST_F(LayoutTest, TheShippedTemplateShowsEveryValue) {
  std::ifstream in(std::string(FANGYI_SOURCE_DIR) + "/templates/page.html");
  auto layout = load(std::string(std::istreambuf_iterator<char>(in), {}));
  ASSERT_TRUE(layout);
  Page a = page("a.html", "甲 & 乙", "<p>本文</p>"), b = page("b.html", "前<頁>", ""), c = page("c.html", "後頁", "");
  std::string html = page_html(*layout, a, &b, &c);
  for (const char* part : {"<title>甲 &amp; 乙 · ", "data-page=\"a.html\"", "<p>本文</p>", "href=\"b.html\"",
                           "前&lt;頁&gt;", "href=\"c.html\"", "後頁", "<html lang=\"en\">"})
    EXPECT_NE(html.find(part), std::string::npos) << part << "\n" << html;
  std::string first = page_html(*layout, a, nullptr, nullptr);
  EXPECT_EQ(first.find("rel=\"prev\""), std::string::npos);
  EXPECT_EQ(first.find("rel=\"next\""), std::string::npos);
}

}  // namespace
}  // namespace fangyi::html
