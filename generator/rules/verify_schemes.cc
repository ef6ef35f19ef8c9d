// Schemes: phases cover days 1..N without gaps, tests fall inside the scheme,
// versions of a family do not overlap, transitions join versions of a family.
#include <algorithm>
#include <limits>
#include <map>

#include "core/text.h"
#include "rules/verify.h"

namespace fangyi::rules {
namespace {

void verify_effective(const Loaded& in, RuleKind kind, std::size_t i, const Header& h, Diagnostics& diags) {
  if (h.effective_from && h.effective_to && *h.effective_to < *h.effective_from)
    diags.error(in.place(path_of(kind, i) + "/effective", h.origin), Msg::effective_reversed,
                {format_date(*h.effective_from), format_date(*h.effective_to)});
}

void verify_days(const Loaded& in, std::size_t index, const Scheme& s, Diagnostics& diags) {
  const std::string path = path_of(RuleKind::scheme, index);
  // Phases whose days could not be read were reported while parsing; their
  // neighbours' days cannot be judged against them.
  for (const auto& ph : s.phases)
    if (ph.first_day < 0) return;
  if (s.phases.empty()) return;
  int expected = 1;
  for (std::size_t p = 0; p < s.phases.size(); ++p) {
    const Phase& ph = s.phases[p];
    if (ph.first_day != expected) {
      diags.error(in.place(path + "/phases/" + std::to_string(p) + "/days", s.header.origin), Msg::phase_gap,
                  {ph.name, std::to_string(expected), std::to_string(ph.first_day)});
    }
    expected = ph.last_day + 1;
  }
  int last = s.last_day();
  for (std::size_t t = 0; t < s.tests.size(); ++t) {
    const TestWindow& w = s.tests[t];
    const std::string tp = path + "/tests/" + std::to_string(t);
    if (w.first_day < 1 || w.last_day > last)
      diags.error(in.place(tp + "/days", s.header.origin), Msg::test_outside_scheme,
                  {w.name, std::to_string(w.first_day), std::to_string(w.last_day), std::to_string(last)});
    if (w.not_same_day_as.empty()) continue;
    if (w.not_same_day_as == w.id) {
      diags.error(in.place(tp + "/not_same_day_as", s.header.origin), Msg::test_same_day_self, {w.id});
      continue;
    }
    std::vector<std::string> others;
    for (const auto& o : s.tests) others.push_back(o.id);
    if (std::find(others.begin(), others.end(), w.not_same_day_as) == others.end())
      suggest(diags.error(in.place(tp + "/not_same_day_as", s.header.origin), Msg::unknown_ref,
                          {"test", w.not_same_day_as}),
              nearest(w.not_same_day_as, others));
  }
}

void verify_versions(const Loaded& in, Diagnostics& diags) {
  const auto& schemes = in.rules.schemes;
  std::map<std::string, std::vector<std::size_t>> families;
  for (std::size_t i = 0; i < schemes.size(); ++i) families[schemes[i].family].push_back(i);
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min(), kMax = std::numeric_limits<int32_t>::max();
  auto lo = [&](const Header& h) { return h.effective_from ? h.effective_from->days() : kMin; };
  auto hi = [&](const Header& h) { return h.effective_to ? h.effective_to->days() : kMax; };
  for (auto& [family, members] : families) {
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t a, std::size_t b) { return lo(schemes[a].header) < lo(schemes[b].header); });
    for (std::size_t a = 0; a < members.size(); ++a) {
      for (std::size_t b = a + 1; b < members.size(); ++b) {
        const Header& x = schemes[members[a]].header;
        const Header& y = schemes[members[b]].header;
        if (lo(y) > hi(x) || lo(x) > hi(y)) continue;
        int32_t from = std::max(lo(x), lo(y));
        SourceLocation where = in.place(path_of(RuleKind::scheme, members[b]) + "/effective", y.origin);
        if (from == kMin && std::min(hi(x), hi(y)) == kMax)
          diags.error(where, Msg::effective_overlap_always, {y.id, x.id});
        else if (from == kMin)
          diags.error(where, Msg::effective_overlap_until, {y.id, x.id, format_date(Date::from_days(std::min(hi(x), hi(y))))});
        else
          diags.error(where, Msg::effective_overlap, {y.id, x.id, format_date(Date::from_days(from))});
      }
    }
  }
}

void verify_transition(const Loaded& in, std::size_t index, const Scheme& s, Diagnostics& diags) {
  if (!s.transition) return;
  const std::string path = path_of(RuleKind::scheme, index);
  const Scheme* from = nullptr;
  for (const auto& o : in.rules.schemes)
    if (o.header.id == s.transition->from_scheme) from = &o;
  if (from != nullptr && from->family != s.family)
    diags.error(in.place(path + "/transition/from", s.header.origin), Msg::transition_family,
                {from->header.id, s.family});
  if (!s.header.in_force_on(s.transition->release_on))
    diags.error(in.place(path + "/transition/release_on", s.header.origin), Msg::transition_date,
                {format_date(s.transition->release_on), s.header.id});
}

}  // namespace

void verify_schemes(const Loaded& in, Diagnostics& diags) {
  for_each_header(in.rules, [&](RuleKind kind, std::size_t i, const Header& h) { verify_effective(in, kind, i, h, diags); });
  for (std::size_t i = 0; i < in.rules.schemes.size(); ++i) {
    verify_days(in, i, in.rules.schemes[i], diags);
    verify_transition(in, i, in.rules.schemes[i], diags);
  }
  verify_versions(in, diags);
}

}  // namespace fangyi::rules
