// Laying out one form rule as a Document: the register, daily log, two-part
// notice, disinfection principles, facility checklist and contact list of
// SPEC §5. Rows of day-based tables come from each person's schedule, so a
// scheme's length changes the forms with no edit to a layout.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "pdf/page.h"
#include "pdf/roster.h"
#include "pdf/typesetter.h"
#include "rules/model.h"
#include "rules/schedule.h"

namespace fangyi::pdf {

// One person on a form, or (row == nullptr) a blank copy.
struct Person {
  const RosterRow* row = nullptr;
  rules::Schedule schedule;
};

struct FormInput {
  const rules::RuleSet* rules = nullptr;
  const rules::Form* form = nullptr;
  const Roster* roster = nullptr;  // null for blank forms
  // Pre-filled: one per person. Blank: a single Person without a row.
  std::vector<Person> people;
  DateStyle date_style = DateStyle::roc;
  // Blank forms leave dates to be written by hand unless a day 0 was given.
  bool blank_dates = false;
};

// Copies of a per-person layout (logs, notices, letters) are laid out on up
// to `threads` threads; the Document is the same for any number.
Document layout_form(const FormInput& in, const Font& font, std::size_t threads = 1);

// 一, 二, … 九十九: the numbering of instructions.
std::string chinese_number(int n);

}  // namespace fangyi::pdf
