// Parses `kind: deadline`: by a time, within a window, or within a duration.
#include "core/text.h"
#include "rules/parse.h"

namespace fangyi::rules {

void parse_deadline(MapReader& r, Loaded& out) {
  Deadline d;
  parse_header(r, d.header, out, path_of(RuleKind::deadline, out.rules.deadlines.size()));
  d.applies_to = r.text("applies_to");
  int kinds = 0;
  if (r.has("by")) {
    ++kinds;
    d.kind = DeadlineKind::by;
    if (auto t = r.time("by", true)) d.by = *t;
  } else {
    r.get("by");
  }
  if (r.has("window")) {
    ++kinds;
    d.kind = DeadlineKind::window;
    std::string w = r.text("window", true);
    std::size_t dots = w.find("..");
    auto from = dots == std::string::npos ? std::nullopt : parse_time(trim(w.substr(0, dots)));
    auto to = dots == std::string::npos ? std::nullopt : parse_time(trim(w.substr(dots + 2)));
    if (!from || !to) {
      r.file().error(r.get("window"), Msg::expect_time_range, {"window", w});
    } else if (*to < *from) {
      r.file().error(r.get("window"), Msg::range_reversed, {format_time(*from), format_time(*to)});
    } else {
      d.from = *from;
      d.to = *to;
    }
  } else {
    r.get("window");
  }
  if (r.has("within")) {
    ++kinds;
    d.kind = DeadlineKind::within;
    if (auto t = r.duration("within", true)) d.within = *t;
  } else {
    r.get("within");
  }
  if (kinds != 1) r.file().error(r.node(), Msg::deadline_kind);
  out.rules.deadlines.push_back(std::move(d));
}

}  // namespace fangyi::rules
