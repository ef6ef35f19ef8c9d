// `fangyi site`: renders the offline handbook. Hand-written Markdown pages
// (SITE_DIR/*.md, index.md first, then by file name; a leading "NN-" is
// dropped from the output name), pages generated from the rule binary, and
// the cited seed documents, laid out with the templates; plus the shared
// assets, the sidebar data (nav.js), the search index (search-index.js) and
// the one-page print view (print.html). Everything is written into a
// staging folder next to the output and renamed into place at the end
// (core/staging_dir.h), so a failed or killed run leaves the previous site
// (or nothing) behind, never half a site.
#pragma once

#include <cstddef>
#include <string>

#include "core/diagnostic.h"
#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::html {

struct SiteOptions {
  std::string pages_dir;      // Markdown pages
  std::string templates_dir;  // page.html, print.html, assets/
  std::string seeds_dir;      // empty: citations are not linked (a warning)
  std::string output_dir;
  const rules::RuleSet* rules = nullptr;
  const rules::RuleSet* previous = nullptr;  // for the "what changed" page
  std::string previous_name;
  Lang lang = Lang::zh_TW;
  std::size_t jobs = 0;  // worker threads, 0: one per core; the output is the same for any number
};

struct SiteResult {
  std::size_t pages = 0;  // HTML pages, print view not counted
  std::size_t files = 0;  // every file written
};

// False when it failed; the diagnostics say why and the output is untouched.
bool render_site(const SiteOptions& options, Diagnostics& diags, SiteResult& result);

}  // namespace fangyi::html
