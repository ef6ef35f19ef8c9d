// `fangyi contacts`: from a confirmed case and the school's data to the
// papers of seed 004 Q11 — the 密切接觸者名冊 as CSV and XLSX (in the list
// dataset's columns, so `fangyi check` and `fangyi forms` read it back) and
// as PDF, one 先行配合居家隔離宣導通知單 per contact with the dates of the
// scheme in force on their day 0, and a summary with the suspension
// decision. Everything goes into the output folder at once, or nothing does.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "check/inputs.h"
#include "contacts/school_data.h"
#include "contacts/tracer.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "pdf/font.h"
#include "rules/model.h"

namespace fangyi::contacts {

struct ContactsRequest {
  std::string school;                // manifest (school.yaml)
  std::vector<std::string> seating;  // or seating charts alone
  std::string group_type;            // their group type; empty = the first nine-grid relation's first type
  std::string tracing;               // contact-tracing rule id; empty = the only one
  CaseSpec case_spec;                // non-empty fields override the manifest's
  check::InputOptions input;
  DateStyle date_style = DateStyle::roc;
  pdf::FontSpec font = pdf::default_font();
  std::optional<std::time_t> created;  // PDF metadata date (see FormsRequest)
  std::string out_dir;
};

struct ContactsResult {
  SchoolData school;
  Trace trace;
  std::string summary;             // what 匡列說明.txt holds, for the terminal too
  std::vector<std::string> files;  // written, relative to out_dir
};

std::optional<ContactsResult> write_contacts(const rules::RuleSet& rules, const ContactsRequest& request,
                                             Diagnostics& diags);

// The list's rows in the list dataset's field order (its headers first).
std::vector<std::vector<std::string>> contact_list_rows(const rules::Dataset& list, const SchoolData& school,
                                                        const rules::ContactTracing& tracing, const Trace& trace,
                                                        DateStyle style);

// The summary: case, window, contacts with reasons, companions, suspension.
std::string summarize(const rules::ContactTracing& tracing, const SchoolData& school, const Trace& trace, DateStyle style,
                      Lang lang);

}  // namespace fangyi::contacts
