// Parses `kind: disinfection`: agents, the place × agent table, spill rules
// and the principles. Concentrations are checked against dilutions later.
#include "rules/concentration.h"
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<AgentKind> kAgentKinds = {{"chlorine", AgentKind::chlorine},
                                          {"alcohol", AgentKind::alcohol},
                                          {"heat", AgentKind::heat},
                                          {"other", AgentKind::other}};

std::optional<Concentration> concentration(MapReader& m, std::string_view key, bool required) {
  auto s = m.string(key, required);
  if (!s) return std::nullopt;
  auto c = parse_concentration(*s);
  if (!c) m.file().error(m.get(key), Msg::bad_concentration, {*s});
  return c;
}

int dilution(MapReader& m) {
  auto s = m.string("dilution");
  if (!s) return 0;
  auto d = parse_dilution(*s);
  if (!d) {
    m.file().error(m.get("dilution"), Msg::bad_dilution, {*s});
    return 0;
  }
  return *d;
}

// The agent, concentration and dilution an entry or spill rule prescribes,
// with their places kept for the consistency checks.
void read_dose(MapReader& m, Loaded& out, const std::string& at, const std::string& table, std::string& agent,
               Concentration& conc, int& dil) {
  agent = m.text("agent", true);
  expect_ref(out, m, "agent", RefKind::agent, agent, table);
  remember(out, at + "/concentration", m, "concentration");
  remember(out, at + "/dilution", m, "dilution");
  if (auto c = concentration(m, "concentration", true)) conc = *c;
  dil = dilution(m);
}

}  // namespace

void parse_disinfection(MapReader& r, Loaded& out) {
  Disinfection d;
  const std::string path = path_of(RuleKind::disinfection, out.rules.disinfections.size());
  parse_header(r, d.header, out, path);
  d.applies_to = r.strings("applies_to");
  for (const auto& s : d.applies_to) expect_ref(out, r, "applies_to", RefKind::scheme, s);
  for_each_map(r, "agents", "消毒劑", true, [&](MapReader& m) {
    Agent a;
    a.id = m.text("id", true);
    a.name = m.text("name", true);
    if (auto k = m.enumeration("kind", true, kAgentKinds)) a.kind = *k;
    // -1: written but unreadable (reported), so dilutions are not judged.
    a.stock_percent = m.has("stock_percent") ? m.number("stock_percent", false, 0.01, 100).value_or(-1) : 0;
    if (!m.has("stock_percent")) m.get("stock_percent");
    a.allowed = concentration(m, "allowed", false);
    remember(out, path + "/agents/" + std::to_string(d.agents.size()) + "/id", m, "id");
    d.agents.push_back(std::move(a));
  });
  for_each_map(r, "entries", "消毒項目", true, [&](MapReader& m) {
    DisinfectionEntry e;
    e.origin = origin_of(m.file(), m.node());
    e.place = m.text("place", true);
    read_dose(m, out, path + "/entries/" + std::to_string(d.entries.size()), d.header.id, e.agent, e.concentration,
              e.dilution);
    e.method = m.text("method", true);
    e.contact_time = m.duration("contact_time");
    d.entries.push_back(std::move(e));
  });
  for_each_map(r, "spills", "溢出處理", false, [&](MapReader& m) {
    SpillRule s;
    s.origin = origin_of(m.file(), m.node());
    s.below_ml = m.number("below_ml", false, 0.001, 1e6).value_or(0);
    s.above_ml = m.number("above_ml", false, 0.001, 1e6).value_or(0);
    if ((s.below_ml > 0) == (s.above_ml > 0)) m.file().error(m.node(), Msg::spill_bounds);
    read_dose(m, out, path + "/spills/" + std::to_string(d.spills.size()), d.header.id, s.agent, s.concentration,
              s.dilution);
    d.spills.push_back(std::move(s));
  });
  for_each_map(r, "principles", "原則", false, [&](MapReader& m) {
    d.principles.push_back({m.text("title", true), m.strings("items", true)});
  });
  d.notes = r.strings("notes");
  out.rules.disinfections.push_back(std::move(d));
}

}  // namespace fangyi::rules
