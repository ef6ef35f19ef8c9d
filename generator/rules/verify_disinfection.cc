// Disinfection tables: units suit their agent, concentrations lie in the
// agent's allowed range, and a bleach concentration agrees with its dilution
// of the stock (5 % = 50,000 ppm: 1:100 -> 500 ppm, 1:10 -> 5,000 ppm).
#include <cmath>

#include "core/text.h"
#include "rules/verify.h"

namespace fangyi::rules {
namespace {

const char* unit_name(ConcentrationUnit u) {
  switch (u) {
    case ConcentrationUnit::ppm: return "ppm";
    case ConcentrationUnit::percent: return "%";
    case ConcentrationUnit::celsius: return "°C";
  }
  return "";
}

bool unit_suits(AgentKind k, ConcentrationUnit u) {
  switch (k) {
    case AgentKind::chlorine: return u == ConcentrationUnit::ppm;
    case AgentKind::alcohol: return u == ConcentrationUnit::percent;
    case AgentKind::heat: return u == ConcentrationUnit::celsius;
    case AgentKind::other: return true;
  }
  return true;
}

void verify_use(const Loaded& in, const std::string& path, const Disinfection& table, const std::string& agent_id,
                const Concentration& c, int dilution, const Origin& origin, Diagnostics& diags) {
  const Agent* agent = nullptr;
  for (const auto& a : table.agents)
    if (a.id == agent_id) agent = &a;
  if (agent == nullptr) return;  // reported as an unknown reference
  if (c.low <= 0 && c.high <= 0 && !c.at_least) return;  // unparsable: reported by the parser
  SourceLocation conc_at = in.place(path + "/concentration", origin);
  if (!unit_suits(agent->kind, c.unit)) {
    diags.error(conc_at, Msg::concentration_unit, {agent->name, unit_name(c.unit)});
    return;
  }
  if (agent->allowed && agent->allowed->unit == c.unit &&
      (c.low < agent->allowed->low || (!agent->allowed->at_least && c.high > agent->allowed->high)))
    diags.error(conc_at, Msg::concentration_not_allowed, {to_string(c), agent->name, to_string(*agent->allowed)});
  if (dilution == 0 || agent->kind != AgentKind::chlorine) return;
  SourceLocation dil_at = in.place(path + "/dilution", origin);
  if (agent->stock_percent < 0) return;
  if (agent->stock_percent == 0) {
    diags.error(dil_at, Msg::dilution_needs_stock, {agent->name});
    return;
  }
  double stock_ppm = agent->stock_percent * 10000.0;
  double diluted = stock_ppm / dilution;
  if (std::fabs(diluted - c.low) <= 0.01 * c.low) return;
  Diagnostic& d = diags.error(dil_at, Msg::dilution_mismatch,
                              {to_string(c), std::to_string(dilution), format_number(agent->stock_percent), format_number(diluted)});
  double want = stock_ppm / c.low;
  if (c.low > 0 && std::fabs(want - std::round(want)) < 1e-6) {
    d.hint = Msg::dilution_should_be;
    d.hint_args = {to_string(c), format_number(want)};
  }
}

}  // namespace

void verify_disinfection(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.disinfections.size(); ++i) {
    const Disinfection& t = in.rules.disinfections[i];
    const std::string path = path_of(RuleKind::disinfection, i);
    for (std::size_t e = 0; e < t.entries.size(); ++e) {
      const auto& entry = t.entries[e];
      verify_use(in, path + "/entries/" + std::to_string(e), t, entry.agent, entry.concentration, entry.dilution,
                 entry.origin, diags);
    }
    for (std::size_t s = 0; s < t.spills.size(); ++s) {
      const auto& spill = t.spills[s];
      verify_use(in, path + "/spills/" + std::to_string(s), t, spill.agent, spill.concentration, spill.dilution,
                 spill.origin, diags);
    }
  }
}

}  // namespace fangyi::rules
