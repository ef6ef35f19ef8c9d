// The policy source documents (seeds) inside the handbook. The site cannot
// count on ../shared/seeds existing next to it, so each cited seed is copied
// in as a page (seed-<file>.html) with one anchor per line (#L12), and every
// citation links to the line where its section starts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/lang.h"
#include "html/page.h"
#include "rules/model.h"

namespace fangyi::html {

class SeedLibrary {
 public:
  // Reads each of `files` from `dir`; a missing file is a warning and its
  // citations stay unlinked text. An empty `dir` loads nothing.
  static SeedLibrary load(const std::string& dir, const std::vector<std::string>& files, Diagnostics& diags);

  // "seed-004_….html#L17" for a citation; "" when its seed is not loaded.
  std::string href(const rules::Citation& c) const;
  // The cited statement's source as a link (or text), in the page language.
  std::string link(const rules::Citation& c, Lang lang) const;
  std::vector<Page> pages(Lang lang) const;

  // The 1-based line where `section` starts in a seed's `lines`, 0 when not found:
  // its parts (split at 、 and spaces) are looked for in order, each at or
  // after the line of the one before, as 壹、 二、 (三) 4. Q11 headings or
  // as words; a part of the same level as the one before it is a sibling
  // ("Q1、Q2") and ends the search at the first.
  static int locate(const std::vector<std::string>& lines, const std::string& section);

 private:
  std::map<std::string, std::vector<std::string>> lines_;  // file -> its lines
};

// The short name of a seed file: "004" for "004_2af245062d31c947.txt".
std::string seed_number(const std::string& file);

}  // namespace fangyi::html
