// Text as JSON strings, for the scripts the handbook ships (the search
// index, the sidebar's contents): the same as core/json's json_escape, with
// the runs that need no escaping found eight bytes at a time and copied
// whole, or not copied at all. The index quotes megabytes of page text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fangyi::html {

// Appends `s` to `out` as a JSON string, quotes included.
void append_json(std::string& out, std::string_view s);

// The same appended to `parts`: views of the runs of `s` that need no
// escaping (`s` must outlive the parts), with the quotes and escapes.
void append_json_parts(std::vector<std::string_view>& parts, std::string_view s);

}  // namespace fangyi::html
