#include "html/site.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "support/compile_text.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace fangyi::html {
namespace {

namespace fs = std::filesystem;
using fangyi::testing::read_all;

const char* kRules = R"yaml(kind: scheme
id: iso-3plus4
family: iso
name: 居家隔離（3+4）
effective: {from: 2022-04-26}
source: {seed: 004_0123456789abcdef.txt, section: Q2}
day0: last_contact
phases:
  - {id: isolation, name: 居家隔離, days: 1..3, confined: true, at_school: false}
  - {id: prevention, name: 自主防疫, days: 4..7, confined: false, at_school: false}
tests:
  - {id: rapid, name: 快篩, days: 7..7, results: [陰性, 陽性], missed: 未完成}
)yaml";

class SiteTest : public fangyi::testing::TempDir {
 protected:
  void SetUp() override {
    TempDir::SetUp();
    compiled_ = fangyi::testing::compile_yaml(kRules);
    ASSERT_TRUE(compiled_.rules) << compiled_.rendered();
    fs::create_directories(pages());
    fs::create_directories(seeds());
    std::ofstream(seeds() / "004_0123456789abcdef.txt") << "問答\n1.\tQ1\tA1\n2.\t何謂 3+4？\t3 天隔離+4 天自主防疫\n";
    page("index.md", "# 首頁\n\n見 [問答](02-qa.md#q2)。\n");
    page("02-qa.md", "# 問答\n\n## Q2\n\n九宮格與快篩。\n");
  }
  fs::path pages() const { return fs::path(dir_) / "pages"; }
  fs::path seeds() const { return fs::path(dir_) / "seeds"; }
  fs::path out() const { return fs::path(dir_) / "out" / "site"; }
  void page(const std::string& name, const std::string& text) { std::ofstream(pages() / name) << text; }
  SiteOptions options() const {
    SiteOptions o;
    o.pages_dir = pages().string();
    o.templates_dir = std::string(FANGYI_SOURCE_DIR) + "/templates";
    o.seeds_dir = seeds().string();
    o.output_dir = out().string();
    o.rules = &*compiled_.rules;
    return o;
  }
  bool render(const SiteOptions& o) {
    diags_ = Diagnostics{};
    SiteResult r;
    return render_site(o, diags_, r);
  }
  std::vector<std::string> out_parent_entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out().parent_path())) names.push_back(e.path().filename().string());
    return names;
  }
  fangyi::testing::Compiled compiled_;
  Diagnostics diags_;
};

TEST_F(SiteTest, WritesPagesAssetsIndexAndPrintView) {
  ASSERT_TRUE(render(options())) << render_all(diags_, SourceMap{}, Lang::en);
  for (const char* f : {"index.html", "qa.html", "scheme-iso-3plus4.html", "cohorts.html", "disinfection.html",
                        "deadlines.html", "checks.html", "changes.html", "seed-004_0123456789abcdef.html", "print.html",
                        "assets/nav.js", "assets/search-index.js", "assets/search.js", "assets/toc.js",
                        "assets/style.css"})
    EXPECT_TRUE(fs::exists(out() / f)) << f;
  std::string index = read_all(out() / "index.html");
  EXPECT_NE(index.find("<a href=\"qa.html#q2\">問答</a>"), std::string::npos) << "links to .md sources are rewritten";
  EXPECT_NE(index.find("rel=\"next\" href=\"qa.html\""), std::string::npos);
  EXPECT_EQ(index.find("rel=\"prev\""), std::string::npos) << "the first page has no previous page";
  EXPECT_EQ(index.find("scheme-iso-3plus4.html"), std::string::npos) << "the contents are in nav.js, not in each page";
  std::string scheme = read_all(out() / "scheme-iso-3plus4.html");
  EXPECT_NE(scheme.find("<svg class=\"timeline\""), std::string::npos);
  EXPECT_NE(scheme.find("href=\"seed-004_0123456789abcdef.html#L3\""), std::string::npos) << "the source links to its seed line";
  EXPECT_NE(read_all(out() / "assets" / "nav.js").find("[\"qa.html\",\"問答\",[[2,\"Q2\",\"q2\"]]]"), std::string::npos);
  EXPECT_NE(read_all(out() / "assets" / "search-index.js").find("\"九宮\":["), std::string::npos);
  std::string print = read_all(out() / "print.html");
  EXPECT_NE(print.find("<section class=\"chapter\" id=\"page-qa\">"), std::string::npos);
  EXPECT_NE(print.find("九宮格與快篩"), std::string::npos);
  EXPECT_EQ(out_parent_entries(), std::vector<std::string>{"site"}) << "no temporary folder left behind";
}

TEST_F(SiteTest, AFailedRunLeavesThePreviousSiteUntouched) {
  ASSERT_TRUE(render(options()));
  page("03-broken.md", "# 壞連結\n\n[不存在](nowhere.html)\n");
  EXPECT_FALSE(render(options()));
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].message, Msg::site_bad_link);
  EXPECT_TRUE(fs::exists(out() / "index.html"));
  EXPECT_FALSE(fs::exists(out() / "broken.html"));
  EXPECT_EQ(out_parent_entries(), std::vector<std::string>{"site"});
}

TEST_F(SiteTest, ARerunReplacesTheWholeSite) {
  ASSERT_TRUE(render(options()));
  fs::remove(pages() / "02-qa.md");
  page("index.md", "# 首頁\n");
  ASSERT_TRUE(render(options())) << render_all(diags_, SourceMap{}, Lang::en);
  EXPECT_FALSE(fs::exists(out() / "qa.html")) << "pages that no longer exist are gone";
  EXPECT_EQ(out_parent_entries(), std::vector<std::string>{"site"});
}

// The print view puts chapter bodies in after rendering the template (they
// are megabytes): escaped where the template escapes them, as mustache would.
TEST_F(SiteTest, PrintBodiesAreEscapedWhereTheTemplateEscapesThem) {
  fs::path templates = fs::path(dir_) / "templates";
  fs::create_directories(templates);
  fs::copy_file(fs::path(FANGYI_SOURCE_DIR) / "templates" / "page.html", templates / "page.html");
  std::ofstream(templates / "print.html") << "{{#chapters}}[{{body}}]({{{body}}}){{/chapters}}<\x1F<0>\x1F>";
  page("02-qa.md", "# 問答\n\n## Q2\n\n九宮格 & 快篩 <b>\n");
  SiteOptions o = options();
  o.templates_dir = templates.string();
  ASSERT_TRUE(render(o)) << render_all(diags_, SourceMap{}, Lang::en);
  std::string print = read_all(out() / "print.html");
  EXPECT_NE(print.find("[&lt;h1 id=&quot;page-qa--問答&quot;&gt;問答"), std::string::npos) << print.substr(0, 400);
  EXPECT_NE(print.find("(<h1 id=\"page-qa--問答\">問答"), std::string::npos);
  EXPECT_NE(print.find("九宮格 &amp;amp; 快篩"), std::string::npos) << "escaped twice in {{body}}, as mustache does";
  EXPECT_NE(print.find("<\x1F<0>\x1F>"), std::string::npos) << "a template holding the marker character is rendered plainly";
  // A page holding the marker character: the bodies go through mustache.
  page("02-qa.md", "# 問答\n\n九宮格 \x1F<0>\x1F\n");
  ASSERT_TRUE(render(o));
  EXPECT_NE(read_all(out() / "print.html").find("(<h1 id=\"page-qa--問答\">問答"), std::string::npos);
  EXPECT_NE(read_all(out() / "print.html").find("九宮格 \x1F&lt;0&gt;\x1F"), std::string::npos);
}

// A tree of files and their contents, relative to `root`.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = read_all(e.path());
  return files;
}

TEST_F(SiteTest, TheOutputIsTheSameForAnyNumberOfThreads) {
  for (int i = 0; i < 40; ++i)
    page("p" + std::to_string(100 + i) + ".md", "# 第 " + std::to_string(i) + " 頁\n\n## 快篩\n\n九宮格 " +
                                                    std::to_string(i) + " 漂白水 [下一頁](p" + std::to_string(100 + (i + 1) % 40) +
                                                    ".md)\n\n| a | b |\n|---|---|\n| ~~刪~~ | www.example.org |\n");
  SiteOptions o = options();
  o.jobs = 1;
  ASSERT_TRUE(render(o)) << render_all(diags_, SourceMap{}, Lang::en);
  auto one = tree(out());
  for (std::size_t jobs : {2u, 5u}) {
    o.jobs = jobs;
    ASSERT_TRUE(render(o));
    EXPECT_EQ(tree(out()), one) << jobs << " threads";
  }
}

// A rebuild keeps the files that did not change (linked from the previous
// site, so removing that one frees nothing) and writes the others; the site
// is the same as one built from nothing.
TEST_F(SiteTest, ARebuildKeepsUnchangedFilesAndIsTheSameAsAFreshBuild) {
  page("03-more.md", "# 更多\n\n快篩。\n");
  ASSERT_TRUE(render(options())) << render_all(diags_, SourceMap{}, Lang::en);
  auto inode = [](const fs::path& f) {
    struct stat st {};
    EXPECT_EQ(::stat(f.c_str(), &st), 0) << f;
    return st.st_ino;
  };
  auto index = inode(out() / "index.html"), qa = inode(out() / "qa.html"), more = inode(out() / "more.html");
  auto style = inode(out() / "assets" / "style.css"), search = inode(out() / "assets" / "search-index.js");
  page("03-more.md", "# 更多\n\n漂白水。\n");
  ASSERT_TRUE(render(options())) << render_all(diags_, SourceMap{}, Lang::en);
  EXPECT_EQ(inode(out() / "index.html"), index);
  EXPECT_EQ(inode(out() / "qa.html"), qa) << "its next page's title did not change";
  EXPECT_EQ(inode(out() / "assets" / "style.css"), style);
  EXPECT_NE(inode(out() / "more.html"), more);
  EXPECT_NE(inode(out() / "assets" / "search-index.js"), search);
  EXPECT_NE(read_all(out() / "more.html").find("漂白水"), std::string::npos);
  EXPECT_EQ(out_parent_entries(), std::vector<std::string>{"site"});
  auto rebuilt = tree(out());
  fs::remove_all(out());
  ASSERT_TRUE(render(options()));
  EXPECT_EQ(tree(out()), rebuilt);
}

TEST_F(SiteTest, NeedsAnIndexPage) {
  fs::remove(pages() / "index.md");
  EXPECT_FALSE(render(options()));
  ASSERT_FALSE(diags_.items().empty());
  EXPECT_EQ(diags_.items()[0].message, Msg::site_no_index);
  EXPECT_FALSE(fs::exists(out()));
}

TEST_F(SiteTest, ABrokenTemplateIsReportedWithItsFile) {
  fs::path templates = fs::path(dir_) / "templates";
  fs::create_directories(templates);
  std::ofstream(templates / "page.html") << "<html>{{#prev}}never closed</html>";
  std::ofstream(templates / "print.html") << "<html>{{{body}}}</html>";
  SiteOptions o = options();
  o.templates_dir = templates.string();
  EXPECT_FALSE(render(o));
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].message, Msg::site_template_invalid);
  EXPECT_EQ(diags_.items()[0].where.file, (templates / "page.html").string());
  EXPECT_FALSE(fs::exists(out()));
}

TEST_F(SiteTest, RefusesToWriteOverAnInput) {
  SiteOptions o = options();
  o.output_dir = pages().string();
  EXPECT_FALSE(render(o));
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].message, Msg::site_output_is_input);
  EXPECT_TRUE(fs::exists(pages() / "index.md"));
}

TEST_F(SiteTest, WithoutSeedsCitationsAreTextAndTheSiteStillBuilds) {
  SiteOptions o = options();
  o.seeds_dir.clear();
  ASSERT_TRUE(render(o));
  std::string scheme = read_all(out() / "scheme-iso-3plus4.html");
  EXPECT_NE(scheme.find("<span class=\"source\">"), std::string::npos);
  EXPECT_FALSE(fs::exists(out() / "seed-004_0123456789abcdef.html"));
}

TEST_F(SiteTest, RawHtmlInPagesIsFiltered) {
  page("index.md", "# 首頁\n\n<script>alert(1)</script>\n\n<iframe src=\"https://example.org\"></iframe>\n");
  ASSERT_TRUE(render(options()));
  std::string index = read_all(out() / "index.html");
  EXPECT_EQ(index.find("alert(1)"), std::string::npos);
  EXPECT_EQ(index.find("<iframe"), std::string::npos);
}

}  // namespace
}  // namespace fangyi::html
