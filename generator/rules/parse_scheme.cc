// Parses `kind: scheme`: phases, readings, tests, facilities, transition.
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<Day0Basis> kDay0 = {{"left_mainland", Day0Basis::left_mainland},
                                    {"entry", Day0Basis::entry},
                                    {"last_contact", Day0Basis::last_contact},
                                    {"onset", Day0Basis::onset},
                                    {"notice", Day0Basis::notice},
                                    {"release", Day0Basis::release}};
const EnumNames<Requirement> kLevels = {{"required", Requirement::required}, {"preferred", Requirement::preferred}};

// "1/3" -> {1, 3}
bool parse_fraction(const std::string& s, int& num, int& den) {
  std::size_t slash = s.find('/');
  if (slash == std::string::npos) return false;
  try {
    std::size_t a = 0, b = 0;
    num = std::stoi(s.substr(0, slash), &a);
    den = std::stoi(s.substr(slash + 1), &b);
    return a == slash && b == s.size() - slash - 1 && num > 0 && den > 0 && num < den;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void parse_scheme(MapReader& r, Loaded& out) {
  Scheme s;
  const std::string path = path_of(RuleKind::scheme, out.rules.schemes.size());
  parse_header(r, s.header, out, path);
  s.family = r.text("family");
  if (s.family.empty()) s.family = s.header.id;
  s.applies_to = r.text("applies_to");
  if (auto d = r.enumeration("day0", true, kDay0)) s.day0 = *d;
  for_each_map(r, "phases", "階段", true, [&](MapReader& m) {
    Phase p;
    p.first_day = p.last_day = -1;  // -1: days missing or unreadable, already reported
    p.id = m.text("id", true);
    p.name = m.text("name", true);
    remember(out, path + "/phases/" + std::to_string(s.phases.size()) + "/days", m, "days");
    if (auto d = m.day_range("days", true)) std::tie(p.first_day, p.last_day) = *d;
    p.confined = m.boolean("confined").value_or(true);
    p.at_school = m.boolean("at_school").value_or(false);
    p.rules = m.strings("rules");
    s.phases.push_back(std::move(p));
  });
  for_each_map(r, "readings", "量測", false, [&](MapReader& m) {
    s.readings.push_back({m.text("id", true), m.text("name", true)});
  });
  s.fever_threshold = r.number("fever_threshold", false, 35, 42).value_or(38.0);
  s.symptoms = r.strings("symptoms");
  for_each_map(r, "tests", "檢測", false, [&](MapReader& m) {
    TestWindow t;
    t.id = m.text("id", true);
    t.name = m.text("name", true);
    remember(out, path + "/tests/" + std::to_string(s.tests.size()) + "/days", m, "days");
    if (auto d = m.day_range("days", true)) std::tie(t.first_day, t.last_day) = *d;
    t.results = m.strings("results");
    t.missed = m.text("missed");
    t.not_same_day_as = m.text("not_same_day_as");
    remember(out, path + "/tests/" + std::to_string(s.tests.size()) + "/not_same_day_as", m, "not_same_day_as");
    t.on_negative = m.text("on_negative");
    t.on_positive = m.text("on_positive");
    s.tests.push_back(std::move(t));
  });
  s.return_condition = r.text("return_condition");
  s.measures = r.strings("measures");
  s.outing_approval = r.strings("outing_approval");
  s.avoid_places = r.strings("avoid_places");
  for_each_map(r, "facilities", "設施", false, [&](MapReader& m) {
    Facility f;
    f.id = m.text("id", true);
    f.text = m.text("text", true);
    if (auto l = m.enumeration("level", false, kLevels)) f.level = *l;
    f.fallback = m.text("fallback");
    s.facilities.push_back(std::move(f));
  });
  s.forms = r.strings("forms");
  for (const auto& f : s.forms) expect_ref(out, r, "forms", RefKind::form, f);
  YAML::Node phases = r.get("phases");
  if (phases.IsSequence() && phases.size() == 0) r.file().error(phases, Msg::no_phases);
  YAML::Node tr = r.get("transition");
  if (tr.IsDefined() && !tr.IsNull()) {
    MapReader m(tr, r.file(), "transition");
    Transition t;
    t.from_scheme = m.text("from", true);
    expect_ref(out, m, "from", RefKind::scheme_version, t.from_scheme);
    remember(out, path + "/transition/from", m, "from");
    remember(out, path + "/transition/release_on", m, "release_on");
    auto on = m.date("release_on", true);
    auto more = m.integer("confined_more_than", true, 0, 3650);
    m.finish();
    if (m.ok() && on && more) {
      t.release_on = *on;
      t.confined_more_than = static_cast<int>(*more);
      s.transition = t;
    }
  }
  YAML::Node su = r.get("suspension");
  if (su.IsDefined() && !su.IsNull()) {
    MapReader m(su, r.file(), "suspension");
    Suspension sp;
    auto days = m.integer("days", true, 1, 365);
    auto over = m.string("classes_over", true);
    m.finish();
    if (over && !parse_fraction(*over, sp.classes_numerator, sp.classes_denominator))
      r.file().error(m.get("classes_over"), Msg::expect_number, {"classes_over", *over});
    else if (days && over) {
      sp.days = static_cast<int>(*days);
      s.suspension = sp;
    }
  }
  out.rules.schemes.push_back(std::move(s));
}

}  // namespace fangyi::rules
