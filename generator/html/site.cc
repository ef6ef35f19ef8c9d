// Collects the pages, lays them out, writes the site into a temporary folder
// and swaps it into place.
#include "html/site.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/file_io.h"
#include "core/staging_dir.h"
#include "html/escape.h"
#include "html/layout.h"
#include "html/markdown.h"
#include "html/parallel.h"
#include "html/rule_pages.h"
#include "html/search_index.h"
#include "html/seeds.h"

namespace fangyi::html {
namespace fs = std::filesystem;

namespace {

// "03-case-duties.md" -> "case-duties.html"
std::string output_name(const fs::path& md) {
  std::string stem = md.stem().string();
  std::size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) ++digits;
  if (digits > 0 && digits < stem.size() - 1 && stem[digits] == '-') stem = stem.substr(digits + 1);
  return stem + ".html";
}

// Relative links to Markdown sources ("02-qa.md#q11") point at their pages.
std::string rewrite_md_links(const std::string& html, const std::map<std::string, std::string>& md_to_html) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t at; (at = html.find("href=\"", pos)) != std::string::npos;) {
    at += 6;
    std::size_t end = html.find('"', at);
    if (end == std::string::npos) break;
    out.append(html, pos, at - pos);
    std::string href = html.substr(at, end - at);
    std::string target = href.substr(0, href.find('#'));
    auto it = md_to_html.find(target);
    out += it == md_to_html.end() ? href : it->second + href.substr(target.size());
    pos = end;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

// Relative hrefs of a page that name no file of the site.
std::vector<std::string> broken_links(const std::string& html, const std::set<std::string>& files) {
  std::vector<std::string> broken;
  for (std::size_t pos = 0, at; (at = html.find("href=\"", pos)) != std::string::npos; pos = at) {
    at += 6;
    std::size_t end = html.find('"', at);
    if (end == std::string::npos) break;
    std::string href = html.substr(at, end - at);
    at = end;
    if (href.empty() || href[0] == '#' || href.find(':') != std::string::npos) continue;
    std::string target = href.substr(0, href.find('#'));
    if (!files.count(target)) broken.push_back(href);
  }
  return broken;
}

bool load_markdown_pages(const std::string& dir, std::vector<Page>& pages, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error(SourceLocation{dir, 0, 0, 1}, Msg::site_pages_missing, {dir});
    return false;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    bool ai = output_name(a) == "index.html", bi = output_name(b) == "index.html";
    return ai != bi ? ai : a.filename() < b.filename();
  });
  if (files.empty() || output_name(files.front()) != "index.html") {
    diags.error(SourceLocation{dir, 0, 0, 1}, Msg::site_no_index, {dir});
    return false;
  }
  std::map<std::string, std::string> md_to_html;
  for (const auto& f : files) md_to_html[f.filename().string()] = output_name(f);
  // One page at a time: cmark-gfm sets and clears its extensions' special
  // characters in global tables around each parse, so parses may not overlap.
  bool ok = true;
  for (const auto& f : files) {
    std::string error;
    auto text = read_file(f.string(), &error, kMaxPageBytes);
    if (!text) {
      if (std::error_code ec; fs::file_size(f, ec) > kMaxPageBytes && !ec) {
        diags.error(SourceLocation{f.string(), 0, 0, 1}, Msg::limit_page_too_large,
                    {f.string(), std::to_string(kMaxPageBytes)});
        ok = false;
        continue;
      }
      diags.error(SourceLocation{f.string(), 0, 0, 1}, Msg::io_cannot_read, {f.string(), error});
      ok = false;
      continue;
    }
    RenderedMarkdown md = render_markdown(*text);
    Page p;
    p.file = output_name(f);
    p.title = md.title.empty() ? f.stem().string() : md.title;
    p.group = PageGroup::handbook;
    p.body = rewrite_md_links(md.html, md_to_html);
    p.headings = std::move(md.headings);
    pages.push_back(std::move(p));
  }
  return ok;
}

std::vector<std::string> cited_seeds(const rules::RuleSet& r) {
  std::vector<std::string> seeds;
  auto add = [&](const rules::Header& h) {
    if (!h.source.seed.empty()) seeds.push_back(h.source.seed);
  };
  for (const auto& x : r.schemes) add(x.header);
  for (const auto& x : r.cohorts) add(x.header);
  for (const auto& x : r.disinfections) add(x.header);
  for (const auto& x : r.deadlines) add(x.header);
  for (const auto& x : r.datasets) add(x.header);
  for (const auto& x : r.checks) add(x.header);
  for (const auto& x : r.forms) add(x.header);
  for (const auto& x : r.contact_tracings) add(x.header);
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  return seeds;
}

// Files inside the temporary folder are written plainly: the folder becomes
// visible only by the final rename, which is what makes the site atomic.
bool write_plain(const fs::path& path, const std::string& data, Diagnostics& diags) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) {
    diags.error(SourceLocation{path.string(), 0, 0, 1}, Msg::io_cannot_write, {path.string(), std::strerror(errno)});
    return false;
  }
  return true;
}

bool write_site(const fs::path& tmp, const SiteOptions& options, const std::vector<Page>& pages, const Layout& layout,
                Diagnostics& diags, SiteResult& result) {
  std::error_code ec;
  fs::create_directories(tmp / "assets", ec);
  if (ec) {
    diags.error(SourceLocation{tmp.string(), 0, 0, 1}, Msg::io_cannot_write, {tmp.string(), ec.message()});
    return false;
  }
  // The shared assets, as the templates folder holds them.
  fs::path assets = fs::path(options.templates_dir) / "assets";
  if (fs::is_directory(assets, ec)) {
    for (const auto& e : fs::directory_iterator(assets, ec)) {
      if (!e.is_regular_file()) continue;
      fs::copy_file(e.path(), tmp / "assets" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
      if (ec) {
        diags.error(SourceLocation{e.path().string(), 0, 0, 1}, Msg::io_cannot_write, {e.path().string(), ec.message()});
        return false;
      }
      ++result.files;
    }
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Page* prev = i > 0 ? &pages[i - 1] : nullptr;
    const Page* next = i + 1 < pages.size() ? &pages[i + 1] : nullptr;
    if (!write_plain(tmp / pages[i].file, layout.page(pages[i], prev, next), diags)) return false;
  }
  std::vector<SearchDoc> docs(pages.size());
  parallel_for(pages.size(), [&](std::size_t i) {
    std::string headings;
    for (const auto& h : pages[i].headings)
      if (h.level > 1) headings += h.text + "\n";
    docs[i] = SearchDoc{pages[i].file, pages[i].title, text_of(pages[i].body), std::move(headings),
                        pages[i].group == PageGroup::seeds};
  });
  result.pages = pages.size();
  result.files += pages.size();
  if (!write_plain(tmp / "print.html", layout.print(pages), diags)) return false;
  if (!write_plain(tmp / "assets" / "nav.js", nav_js(pages, options.lang), diags)) return false;
  if (!write_plain(tmp / "assets" / "search-index.js", search_index_js(docs), diags)) return false;
  result.files += 3;
  return true;
}

}  // namespace

bool render_site(const SiteOptions& options, Diagnostics& diags, SiteResult& result) {
  fs::path out = fs::absolute(fs::path(options.output_dir)).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  for (const std::string& input : {options.pages_dir, options.templates_dir, options.seeds_dir}) {
    if (!input.empty() && same_file(input, out.string())) {
      diags.error(SourceLocation{out.string(), 0, 0, 1}, Msg::site_output_is_input, {out.string()});
      return false;
    }
  }
  auto layout = Layout::load(options.templates_dir, options.lang, diags);
  std::vector<Page> pages;
  bool pages_ok = load_markdown_pages(options.pages_dir, pages, diags);
  if (!layout || !pages_ok) return false;

  SeedLibrary seeds = SeedLibrary::load(options.seeds_dir, cited_seeds(*options.rules), diags);
  for (Page& p : rule_pages(RulePagesInput{*options.rules, options.previous, options.previous_name, seeds, options.lang}))
    pages.push_back(std::move(p));
  for (Page& p : seeds.pages(options.lang)) pages.push_back(std::move(p));

  std::set<std::string> files{"print.html"};
  for (const auto& p : pages) {
    if (!files.insert(p.file).second) {
      diags.error(SourceLocation{options.pages_dir, 0, 0, 1}, Msg::site_duplicate_page, {p.title, p.file});
      return false;
    }
  }
  for (const auto& p : pages) {
    if (p.group != PageGroup::handbook) continue;
    for (const auto& href : broken_links(p.body, files))
      diags.error(SourceLocation{(fs::path(options.pages_dir) / p.file).string(), 0, 0, 1}, Msg::site_bad_link,
                  {p.file, href});
  }
  if (diags.has_errors()) return false;

  StagingDir staging(out, diags);
  SiteResult written;
  if (!staging.ok() || !write_site(staging.path(), options, pages, *layout, diags, written) || !staging.commit())
    return false;
  result = written;
  return true;
}

}  // namespace fangyi::html
