// One person's timeline under a scheme: for each day its date, phase,
// readings and tests due, and the key dates (release, end, return to school).
// Honours effective dates (the version in force on day 0 applies) and
// transitions between versions (e.g. the 2022-04-27 retroactive release).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::rules {

struct ScheduleDay {
  int day = 0;
  Date date;
  std::string phase;        // phase name; empty on day 0 and after the end
  bool confined = false;
  bool at_school = true;
  bool extended = false;    // confined only because of a transition
  std::vector<std::string> readings;  // reading names due
  std::vector<std::string> tests;     // test names whose window includes the day
};

struct Schedule {
  std::string scheme_id, scheme_name;
  Date day0;
  std::vector<ScheduleDay> days;  // day 0 .. last day
  std::optional<Date> release;    // first day no longer confined
  Date end;                       // the day after the last day
  std::optional<Date> return_to_school;
  std::string return_condition;
  // Set when a later version's transition applied.
  std::string transition_to;
  std::optional<Date> transition_release;
};

// `scheme`: a scheme id or a family. Fails (with a diagnostic) when it is
// unknown or no version is in force on day 0.
std::optional<Schedule> make_schedule(const RuleSet& rules, const std::string& scheme, Date day0, Diagnostics& diags);

}  // namespace fangyi::rules
