// Fuzz target: a hand-written handbook page, through what the site does with
// it. Directly: Markdown (cmark-gfm) with titles and heading ids, the page
// and print layouts, the sidebar data, the page's readable text and its
// search-index terms. Then the whole `fangyi site` run with the input as
// index.md (an empty rule set, no seeds): links to other pages rewritten and
// checked, everything written into a temporary folder and swapped in place.
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_io.h"
#include "core/text.h"
#include "fuzz_input.h"
#include "html/layout.h"
#include "html/markdown.h"
#include "html/search_index.h"
#include "html/site.h"
#include "rules/model.h"

namespace {

using namespace fangyi;
namespace fs = std::filesystem;

const std::string kTemplates = std::string(FANGYI_SOURCE_DIR) + "/templates";

const html::Layout& layout() {
  static const html::Layout l = [] {
    Diagnostics diags;
    auto loaded = html::Layout::load(kTemplates, Lang::zh_TW, diags);
    if (!loaded) __builtin_trap();
    return std::move(*loaded);
  }();
  return l;
}

void render_directly(std::string_view markdown) {
  html::RenderedMarkdown md = html::render_markdown(markdown);
  html::Page page;
  page.file = "index.html";
  page.title = md.title.empty() ? "index" : md.title;
  page.body = std::move(md.html);
  page.headings = std::move(md.headings);
  std::vector<html::Page> pages{page};
  std::vector<html::SearchDoc> docs{html::search_doc(page)};
  std::string laid_out;
  layout().page(page, nullptr, nullptr, laid_out);
  std::deque<std::string> texts;
  std::vector<std::string_view> print;
  layout().print(pages, texts, print);
  std::size_t bytes = laid_out.size() + concat(print).size() + html::nav_js(pages, Lang::zh_TW).size() +
                      html::search_index_js(docs).size();
  if (bytes == 0) __builtin_trap();  // a laid-out page is never empty
}

void render_as_site(const std::string& markdown) {
  fs::path dir = fs::path(fuzz::input_file(nullptr, 0, ".site"));
  fs::remove(dir);  // the name, per process, is all that is needed of it
  fs::create_directories(dir / "pages");
  std::string error;
  if (!write_file_atomic((dir / "pages" / "index.md").string(), markdown, &error)) __builtin_trap();
  static const rules::RuleSet empty;
  html::SiteOptions options;
  options.pages_dir = (dir / "pages").string();
  options.templates_dir = kTemplates;
  options.output_dir = (dir / "out").string();
  options.rules = &empty;
  Diagnostics diags;
  html::SiteResult result;
  bool ok = html::render_site(options, diags, result);
  // Either a whole site or none: a failed run leaves no output folder.
  if (ok != fs::exists(dir / "out")) __builtin_trap();
  fs::remove_all(dir);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string markdown(reinterpret_cast<const char*>(data), size);
  render_directly(markdown);
  render_as_site(markdown);
  return 0;
}
