// `fangyi site` and the handbook stage of `fangyi build`, run as a user
// would, with the whole rendered handbook link-checked: every internal link
// and anchor resolves, every asset is a local file, nothing refers to the
// network.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "support/run_binary.h"

namespace fangyi::testing {
namespace {

namespace fs = std::filesystem;

std::string seeds_arg() {
  fs::path seeds = fs::path(FANGYI_SOURCE_DIR) / ".." / "shared" / "seeds";
  return fs::is_directory(seeds) ? " --seeds '" + seeds.string() + "'" : "";
}

// The handbook of the default rules, rendered once for the tests below.
const fs::path& default_site() {
  static const fs::path site = [] {
    fs::path out = scratch_dir("site") / "site";
    RunResult r = run_fangyi("site --rules '" + compiled_default_rules().string() + "' -o '" + out.string() + "'" +
                             seeds_arg());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }();
  return site;
}

std::string decode(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

std::set<std::string> ids_of(const std::string& html) {
  static const std::regex id(R"re(\sid="([^"]*)")re");
  std::set<std::string> ids;
  for (std::sregex_iterator it(html.begin(), html.end(), id), end; it != end; ++it) ids.insert(decode((*it)[1]));
  return ids;
}

TEST(SiteCommand, RendersTheDefaultHandbook) {
  const fs::path& site = default_site();
  for (const char* f : {"index.html", "confirmed-case.html", "qa-3plus4.html", "reporting.html",
                        "scheme-home-isolation-3plus4.html", "cohorts.html", "disinfection.html", "deadlines.html",
                        "contacts.html", "checks.html", "changes.html", "print.html", "assets/search-index.js", "assets/nav.js"})
    EXPECT_TRUE(fs::exists(site / f)) << f;
}

TEST(SiteCommand, NoBrokenInternalLinkNoExternalAsset) {
  const fs::path& site = default_site();
  std::map<std::string, std::string> pages;  // file -> content
  for (const auto& e : fs::directory_iterator(site))
    if (e.path().extension() == ".html") pages[e.path().filename().string()] = read_all(e.path());
  ASSERT_GE(pages.size(), 20u);
  std::map<std::string, std::set<std::string>> ids;
  for (const auto& [file, html] : pages) ids[file] = ids_of(html);

  static const std::regex ref(R"re(<(\w+)[^>]*?\s(href|src)="([^"]*)")re");
  int internal = 0;
  for (const auto& [file, html] : pages) {
    for (std::sregex_iterator it(html.begin(), html.end(), ref), end; it != end; ++it) {
      std::string tag = (*it)[1], attr = (*it)[2], url = decode((*it)[3]);
      bool external = url.find("://") != std::string::npos || url.rfind("//", 0) == 0 ||
                      url.rfind("data:", 0) == 0 || url.rfind("javascript:", 0) == 0;
      if (external) {
        // An ordinary link a reader may choose to follow is allowed; nothing
        // the page loads by itself may be remote.
        EXPECT_TRUE(tag == "a" && attr == "href") << file << ": external " << tag << " " << attr << "=" << url;
        continue;
      }
      ++internal;
      std::string target = url.substr(0, url.find('#'));
      std::string fragment = url.find('#') == std::string::npos ? "" : url.substr(url.find('#') + 1);
      std::string target_file = target.empty() ? file : target;
      if (!target.empty()) {
        EXPECT_TRUE(fs::exists(site / target)) << file << ": broken link " << url;
        EXPECT_TRUE(target.find("..") == std::string::npos && target[0] != '/') << file << ": not relative: " << url;
      }
      if (!fragment.empty() && pages.count(target_file)) {
        EXPECT_TRUE(ids[target_file].count(fragment)) << file << ": no anchor #" << fragment << " in " << target_file;
      }
    }
  }
  EXPECT_GT(internal, 500);
}

TEST(SiteCommand, AssetsNeverReachForTheNetwork) {
  const fs::path& site = default_site();
  for (const auto& e : fs::directory_iterator(site / "assets")) {
    // The search index is data: the seed texts it holds quote web addresses.
    if (e.path().filename() == "search-index.js") continue;
    std::string text = read_all(e.path());
    for (const char* bad : {"http://", "https://", "fetch(", "XMLHttpRequest", "@import", "url("})
      EXPECT_EQ(text.find(bad), std::string::npos) << e.path().filename() << " contains " << bad;
  }
}

TEST(SiteCommand, EveryGeneratedRuleStatementLinksToItsSeed) {
  const fs::path& site = default_site();
  if (seeds_arg().empty()) GTEST_SKIP() << "no ../shared/seeds";
  for (const char* f : {"scheme-home-isolation-3plus4.html", "deadlines.html", "checks.html", "disinfection.html",
                        "cohorts.html"}) {
    std::string html = read_all(site / f);
    EXPECT_EQ(html.find("<span class=\"source\">"), std::string::npos) << f << " has an unlinked source";
    EXPECT_NE(html.find("<a class=\"source\" href=\"seed-"), std::string::npos) << f;
  }
  std::string scheme = read_all(site / "scheme-home-isolation-3plus4.html");
  EXPECT_NE(scheme.find("href=\"seed-004_2af245062d31c947.html#L8\""), std::string::npos)
      << "Q1 of seed 004 is on line 8";
}

TEST(SiteCommand, PreviousRulesGiveWhatChanged) {
  fs::path dir = scratch_dir("site-previous");
  fs::path old_rules = dir / "rules";
  fs::copy(fs::path(FANGYI_SOURCE_DIR) / "rules", old_rules, fs::copy_options::recursive);
  fs::remove(old_rules / "schemes" / "home-isolation-3plus4.yaml");
  std::string ten = read_all(old_rules / "schemes" / "home-isolation-10.yaml");
  ten.replace(ten.find("effective: {to: 2022-04-25}"), 27, "");
  std::ofstream(old_rules / "schemes" / "home-isolation-10.yaml", std::ios::binary) << ten;
  ASSERT_EQ(run_fangyi("compile '" + old_rules.string() + "' forms -o '" + (dir / "old.fyb").string() + "'").exit_code, 0);
  RunResult r = run_fangyi("site --rules '" + compiled_default_rules().string() + "' --previous '" +
                           (dir / "old.fyb").string() + "' -o '" + (dir / "site").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string changes = read_all(dir / "site" / "changes.html");
  EXPECT_NE(changes.find("居家隔離：10 天 → 3+4 天（2022-04-26 起）"), std::string::npos) << changes;
  EXPECT_NE(changes.find("<span class=\"add\">+ 新增：方案 home-isolation-3plus4"), std::string::npos);
}

TEST(SiteCommand, UsageAndInputErrorsExitTwoAndWriteNothing) {
  fs::path dir = scratch_dir("site-errors");
  EXPECT_EQ(run_fangyi("site --help").exit_code, 0);
  EXPECT_EQ(run_fangyi("site -o '" + (dir / "a").string() + "'").exit_code, 2) << "--rules is required";
  std::ofstream(dir / "bad.fyb") << "not a rule binary";
  RunResult r = run_fangyi("site --rules '" + (dir / "bad.fyb").string() + "' -o '" + (dir / "b").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "b"));
  r = run_fangyi("site --rules '" + compiled_default_rules().string() + "' --pages '" + (dir / "none").string() +
                 "' -o '" + (dir / "c").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("找不到手冊頁面資料夾"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "c"));
}

TEST(BuildCommand, RendersTheHandbookIntoOutSite) {
  fs::path project = scratch_dir("site-build");
  for (const char* d : {"rules", "forms", "site", "templates"})
    fs::copy(fs::path(FANGYI_SOURCE_DIR) / d, project / d, fs::copy_options::recursive);
  RunResult r = run_fangyi("build '" + project.string() + "'" + seeds_arg() + " --today 2022-05-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(project / "out" / "site" / "index.html"));
  EXPECT_TRUE(fs::exists(project / "out" / "site" / "scheme-home-isolation-3plus4.html"));
  EXPECT_NE(r.err.find((project / "out" / "site").string()), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fangyi::testing
