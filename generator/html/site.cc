// Collects the pages, lays them out, writes the site into a staging folder
// and swaps it into place. Per-page work (parsing, layout, writing, text and
// terms for the index) runs on every core; the results are gathered in page
// order, so the output does not depend on the number of threads.
#include "html/site.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "core/file_io.h"
#include "core/parallel.h"
#include "core/staging_dir.h"
#include "html/layout.h"
#include "html/markdown.h"
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

// Markdown file name -> page file name.
using PageNames = std::map<std::string, std::string, std::less<>>;

// Relative links to Markdown sources ("02-qa.md#q11") point at their pages.
// The page's relative links (to files of the site, as rewritten) are
// added to `relative`, for checking once all pages are known.
std::string rewrite_md_links(std::string_view html, const PageNames& md_to_html, std::vector<std::string>& relative) {
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t pos = 0;
  for (std::size_t at; (at = html.find("href=\"", pos)) != std::string::npos;) {
    at += 6;
    std::size_t end = html.find('"', at);
    if (end == std::string::npos) break;
    out.append(html, pos, at - pos);
    const std::size_t written = out.size();
    const std::string_view href = html.substr(at, end - at);
    const std::string_view target = href.substr(0, href.find('#'));
    auto it = md_to_html.find(target);
    if (it == md_to_html.end()) {
      out += href;
    } else {
      out += it->second;
      out += href.substr(target.size());
    }
    const std::string_view link = std::string_view(out).substr(written);
    if (!link.empty() && link[0] != '#' && link.find(':') == std::string_view::npos) relative.emplace_back(link);
    pos = end;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

// The site's file names, looked up by view.
using FileNames = std::set<std::string, std::less<>>;

// A Markdown page with its file name and output name, worked out once: the
// order compares them a thousand times over.
struct Source {
  fs::path path;
  std::string name, output;
};

// The Markdown pages of `dir`, index.md first, then by file name; nullopt
// (with the reason in `diags`) when there are none to build from.
std::optional<std::vector<Source>> list_pages(const std::string& dir, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error(SourceLocation{dir, 0, 0, 1}, Msg::site_pages_missing, {dir});
    return std::nullopt;
  }
  std::vector<Source> sources;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".md")
      sources.push_back(Source{e.path(), e.path().filename().string(), output_name(e.path())});
  std::sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
    bool ai = a.output == "index.html", bi = b.output == "index.html";
    return ai != bi ? ai : a.name < b.name;
  });
  if (sources.empty() || sources.front().output != "index.html") {
    diags.error(SourceLocation{dir, 0, 0, 1}, Msg::site_no_index, {dir});
    return std::nullopt;
  }
  return sources;
}

// Why a page could not be read: a message and its arguments.
using Failure = std::pair<Msg, std::vector<std::string>>;

// Reads and renders one Markdown page into `page`.
std::optional<Failure> load_page(const Source& source, const PageNames& md_to_html, Page& page,
                                 std::vector<std::string>& links) {
  const fs::path& f = source.path;
  std::string error;
  auto text = read_file(f.string(), &error, kMaxPageBytes);
  if (!text) {
    if (std::error_code size_ec; fs::file_size(f, size_ec) > kMaxPageBytes && !size_ec)
      return Failure{Msg::limit_page_too_large, {f.string(), std::to_string(kMaxPageBytes)}};
    return Failure{Msg::io_cannot_read, {f.string(), error}};
  }
  RenderedMarkdown md = render_markdown(*text);
  page.file = source.output;
  page.title = md.title.empty() ? f.stem().string() : md.title;
  page.group = PageGroup::handbook;
  page.body = rewrite_md_links(md.html, md_to_html, links);
  page.headings = std::move(md.headings);
  return std::nullopt;
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

// The shared assets as the templates folder holds them: name and contents.
bool read_assets(const std::string& templates_dir, std::vector<std::pair<std::string, std::string>>& assets,
                 Diagnostics& diags) {
  std::error_code ec;
  fs::path dir = fs::path(templates_dir) / "assets";
  if (!fs::is_directory(dir, ec)) return true;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::string error;
    auto data = read_file(e.path().string(), &error);
    if (!data) {
      diags.error(SourceLocation{e.path().string(), 0, 0, 1}, Msg::io_cannot_read, {e.path().string(), error});
      return false;
    }
    assets.emplace_back(e.path().filename().string(), std::move(*data));
  }
  std::sort(assets.begin(), assets.end());
  return true;
}

// What a page gives the search index: its text and its terms, made on
// whichever thread has the page.
struct PageShare {
  std::string text;
  DocTerms terms;  // in the numbers of the counter that counted it
  std::size_t counted_by = 0;
};

PageShare share_page(const Page& p, TermCounter& counter, std::size_t worker) {
  SearchDoc doc = search_doc(p);
  DocTerms terms = counter.count(doc);
  // Kept to the end: exactly its size (text_of makes room for the whole
  // body), so the pages' texts take no more memory than they fill.
  doc.text.shrink_to_fit();
  return PageShare{std::move(doc.text), std::move(terms), worker};
}

// The search index, written from its parts (the pages' texts as they are).
std::optional<std::string> write_index(const StagingDir& staging, const std::vector<Page>& pages,
                                       std::vector<PageShare>& shares, const std::vector<TermCounter>& counters) {
  std::vector<IndexDoc> docs(shares.size());
  for (std::size_t i = 0; i < shares.size(); ++i)
    docs[i] = IndexDoc{pages[i].file, pages[i].title, shares[i].text, pages[i].group == PageGroup::seeds,
                       std::move(shares[i].terms), shares[i].counted_by};
  std::string terms;
  std::vector<std::string_view> parts;
  search_index_parts(counters, docs, terms, parts);
  return staging.write("assets/search-index.js", parts);
}

// The print view, written from its parts.
std::optional<std::string> write_print(const StagingDir& staging, const std::vector<Page>& pages,
                                       const Layout& layout) {
  std::deque<std::string> texts;
  std::vector<std::string_view> parts;
  layout.print(pages, texts, parts);
  return staging.write("print.html", parts);
}

// Writes everything on every core: the search index, the print view and
// nav.js first, each on one thread, while the other threads lay out and
// write the pages, each thread with a buffer of its own. The first write
// error (in file order) is reported.
bool write_site(const StagingDir& staging, const SiteOptions& options, const std::vector<Page>& pages,
                std::vector<PageShare>& shares, const std::vector<TermCounter>& counters,
                const std::vector<std::pair<std::string, std::string>>& assets, const Layout& layout,
                std::size_t workers, Diagnostics& diags, SiteResult& result) {
  constexpr std::size_t kWholeFiles = 3;  // print view, nav.js, index
  std::vector<std::optional<std::string>> errors(pages.size() + assets.size() + kWholeFiles);
  const std::size_t last = pages.size() + assets.size();
  std::error_code ec;  // a folder that cannot be made shows as its files' write errors
  const fs::path& folder = staging.path();
  fs::create_directory(folder / "assets", ec);
  for (std::size_t i = 0; i < assets.size(); ++i)
    errors[pages.size() + i] = staging.write("assets/" + assets[i].first, assets[i].second);
  const std::size_t threads = std::min(workers, pages.size() + kWholeFiles);
  std::vector<std::string> buffers(threads);
  parallel_for(pages.size() + kWholeFiles, threads, [&](std::size_t item, std::size_t worker) {
    switch (item) {
      case 0: errors[last + 2] = write_index(staging, pages, shares, counters); return;
      case 1: errors[last] = write_print(staging, pages, layout); return;
      case 2: errors[last + 1] = staging.write("assets/nav.js", nav_js(pages, options.lang)); return;
      default: break;
    }
    const std::size_t i = item - kWholeFiles;
    const Page* prev = i > 0 ? &pages[i - 1] : nullptr;
    const Page* next = i + 1 < pages.size() ? &pages[i + 1] : nullptr;
    std::string& page = buffers[worker];
    page.clear();
    layout.page(pages[i], prev, next, page);
    errors[i] = staging.write(pages[i].file, page);
  });
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    std::string file = i < pages.size()          ? pages[i].file
                       : i < last                ? "assets/" + assets[i - pages.size()].first
                       : i == last               ? "print.html"
                       : i == last + 1           ? "assets/nav.js"
                                                 : "assets/search-index.js";
    std::string path = (folder / file).string();
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::io_cannot_write, {path, *errors[i]});
    return false;
  }
  result.pages = pages.size();
  result.files = errors.size();
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
  const std::size_t workers = worker_count(options.jobs);
  auto layout = Layout::load(options.templates_dir, options.lang, diags);
  auto sources = list_pages(options.pages_dir, diags);
  PageNames md_to_html;
  if (sources)
    for (const Source& f : *sources) md_to_html[f.name] = f.output;
  // The hand-written pages are read and rendered on every core, each
  // counted for the index where it was rendered. The generated pages
  // (rules, seeds) do not depend on them: they are made, and counted, as
  // the first item, their diagnostics kept apart and reported after the
  // hand-written pages', as if made one after the other.
  const std::size_t count = sources ? sources->size() : 0;
  std::vector<Page> pages(count), generated;
  std::vector<PageShare> shares(count), generated_shares;
  std::vector<std::optional<Failure>> failed(count);
  std::vector<std::vector<std::string>> links(count);  // each page's relative links
  Diagnostics generated_diags;
  std::vector<TermCounter> counters(workers);
  parallel_for(sources ? count + 1 : 0, workers, [&](std::size_t item, std::size_t worker) {
    if (item == 0) {
      SeedLibrary seeds = SeedLibrary::load(options.seeds_dir, cited_seeds(*options.rules), generated_diags);
      generated = rule_pages(RulePagesInput{*options.rules, options.previous, options.previous_name, seeds, options.lang});
      for (Page& p : seeds.pages(options.lang)) generated.push_back(std::move(p));
      for (const Page& p : generated) generated_shares.push_back(share_page(p, counters[worker], worker));
      return;
    }
    const std::size_t i = item - 1;
    failed[i] = load_page((*sources)[i], md_to_html, pages[i], links[i]);
    if (!failed[i]) shares[i] = share_page(pages[i], counters[worker], worker);
  });
  bool pages_ok = sources.has_value();
  for (std::size_t i = 0; i < count; ++i) {
    if (!failed[i]) continue;
    diags.error(SourceLocation{(*sources)[i].path.string(), 0, 0, 1}, failed[i]->first, failed[i]->second);
    pages_ok = false;
  }
  std::vector<std::pair<std::string, std::string>> assets;
  bool assets_ok = read_assets(options.templates_dir, assets, diags);
  if (!layout || !pages_ok || !assets_ok) return false;
  diags.append(generated_diags);
  for (Page& p : generated) pages.push_back(std::move(p));
  for (PageShare& s : generated_shares) shares.push_back(std::move(s));

  FileNames files{"print.html"};
  for (const auto& p : pages) {
    if (!files.insert(p.file).second) {
      diags.error(SourceLocation{options.pages_dir, 0, 0, 1}, Msg::site_duplicate_page, {p.title, p.file});
      return false;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& href : links[i])
      if (!files.count(std::string_view(href).substr(0, href.find('#'))))
        diags.error(SourceLocation{(fs::path(options.pages_dir) / pages[i].file).string(), 0, 0, 1}, Msg::site_bad_link,
                    {pages[i].file, href});
  }
  if (diags.has_errors()) return false;

  StagingDir staging(out, diags);
  SiteResult written;
  if (!staging.ok() || !write_site(staging, options, pages, shares, counters, assets, *layout, workers, diags, written) ||
      !staging.commit())
    return false;
  result = written;
  return true;
}

}  // namespace fangyi::html
