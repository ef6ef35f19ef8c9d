// One page of the handbook before layout: its file name, title, the group it
// is listed under in the sidebar, its body HTML and headings. Hand-written
// (Markdown), generated (from the rule binary) and seed pages all end up as
// Pages; the site writer lays them out the same way.
#pragma once

#include <string>
#include <vector>

#include "html/markdown.h"

namespace fangyi::html {

enum class PageGroup { handbook, schemes, rules, seeds };

struct Page {
  std::string file;   // e.g. "scheme-home-isolation-3plus4.html"; flat, no folders
  std::string title;
  PageGroup group = PageGroup::handbook;
  std::string body;   // HTML, starting with the page's <h1>
  std::vector<Heading> headings;  // for the sidebar and the print view
};

}  // namespace fangyi::html
