// Stage 2 of `fangyi contacts`: who the close contacts of a confirmed case
// are, and why. Every relation of the contact-tracing rule is applied to the
// school's data over the window from `days_before_onset` days before onset
// (or the positive test) to the day the case was isolated; each contact
// keeps every reason, the last day of contact (their day 0) and whether a
// companion must be named. Then the suspension standard of the scheme in
// force is applied to the classes with close contacts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contacts/school_data.h"
#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::contacts {

struct Reason {
  const rules::ContactRelation* relation = nullptr;
  std::string text;  // 同班（六年一班）, 交通車「1號車」R2C3，鄰確診者 R2C2（九宮格）…
  Date last;         // the last day this reason put them with the case
};

struct Contact {
  std::size_t person = 0;  // in SchoolData::persons
  std::vector<Reason> reasons;
  Date last_contact;       // day 0 of their isolation
  std::optional<int> age;  // full years on day 0, when the birth date is known
  bool needs_companion = false;
  std::string contact_type;  // of the first relation (in rule order) that found them
};

struct SuspensionDecision {
  const rules::Scheme* scheme = nullptr;  // the isolation scheme in force; null when none is
  int classes = 0;                        // classes of students at the school
  std::vector<std::string> contact_classes;
  bool whole_school = false;
  int days = 0;
  Date from, to;  // the suspension, when there is one
};

struct Trace {
  std::size_t case_person = 0;
  Date onset;             // onset, or the positive test of an asymptomatic case
  bool asymptomatic = false;
  Date window_from, window_to;
  std::vector<Contact> contacts;  // by class, then person number
  SuspensionDecision suspension;
};

// Fails (with diagnostics) when the case is not found or the dates are
// missing or reversed.
std::optional<Trace> trace(const rules::RuleSet& rules, const rules::ContactTracing& tracing, const SchoolData& school,
                           const CaseSpec& case_spec, Diagnostics& diags);

// Full years from `birth` to `on`.
int age_on(Date birth, Date on);

}  // namespace fangyi::contacts
