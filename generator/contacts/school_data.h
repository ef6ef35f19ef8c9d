// What a school hands over when a case is confirmed (seed 004 Q11, Q18): its
// people, group memberships (household, office, club, bus, dorm, canteen,
// 跑班 courses), timetable and seating charts — named in a small YAML
// manifest and read with the same readers and dataset matching as `check`.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/inputs.h"
#include "contacts/seating.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "pdf/roster.h"
#include "rules/model.h"

namespace fangyi::contacts {

struct Person {
  std::size_t row = 0;  // in SchoolData::people
  std::string id, name, class_, role;
  std::optional<Date> birth;
  std::string companion;  // the companion already named, if the people list has the column
};

struct Membership {
  std::string type, group;
  std::size_t person = 0;
};

struct Lesson {
  std::optional<Date> date;
  int weekday = -1;  // 0 = Monday … 6 = Sunday, when given by weekday
  std::string period, class_, teacher, subject;
  SourceLocation where;
};

// A seating chart of a group, and the days it was used (all days when
// neither dates nor weekdays are given).
struct GroupChart {
  std::string type, group;
  SeatingChart chart;
  std::vector<Date> dates;
  std::vector<int> weekdays;
  bool used_on(Date d) const;
};

// How the manifest names the case; the command line may override it.
struct CaseSpec {
  std::string who;               // person number, name, or a seat such as R3C4
  std::optional<Date> onset;     // symptom onset
  std::optional<Date> positive;  // positive test, for an asymptomatic case
  std::optional<Date> isolated;  // the day the case stopped attending
};

struct SchoolData {
  std::string school;
  std::optional<pdf::Roster> people;  // none when only a seating chart is given
  std::vector<Person> persons;        // one per people row
  std::vector<Membership> memberships;
  std::vector<Lesson> lessons;
  std::vector<GroupChart> charts;
  std::vector<Date> holidays;
  CaseSpec case_spec;

  // The person with this number, or else the only one with this name.
  std::optional<std::size_t> find(const std::string& who) const;

  std::unordered_map<std::string, std::size_t> by_id;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;
};

// Reads the manifest and every file it names (paths relative to it).
std::optional<SchoolData> read_school(const rules::RuleSet& rules, const rules::ContactTracing& tracing,
                                      const std::string& manifest, const check::InputOptions& options,
                                      Diagnostics& diags);

// A school known only by seating charts of one group type (`fangyi contacts
// --seating FILE --group-type 交通車`): occupants are people by their text.
std::optional<SchoolData> school_from_charts(const rules::ContactTracing& tracing, const std::vector<std::string>& files,
                                             const std::string& group_type, const check::InputOptions& options,
                                             Diagnostics& diags);

}  // namespace fangyi::contacts
