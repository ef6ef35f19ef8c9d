// `fangyi forms`: every form (or the ones asked for), blank or pre-filled
// from a roster, laid out and turned into PDF bytes in memory first, then
// written atomically — an error anywhere means no file is written.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "check/inputs.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "pdf/font.h"
#include "rules/model.h"

namespace fangyi::pdf {

struct FormsRequest {
  std::string roster;                   // CSV/XLSX file; empty = blank forms
  check::InputOptions input;            // encoding, sheet
  std::vector<std::string> form_ids;    // empty = every form
  DateStyle date_style = DateStyle::roc;
  std::optional<Date> day0;             // blank forms: day 1 is the day after
  std::optional<Date> today;            // picks the scheme version in force; the system date when unset
  FontSpec font = default_font();
  std::string out_dir;
  // The metadata creation date; when unset, SOURCE_DATE_EPOCH (for
  // reproducible builds) or now.
  std::optional<std::time_t> created;
};

struct WrittenForm {
  std::string path;
  std::string form_id;
  int copies = 0;  // people named on it; 0 = blank (or a checklist)
  int pages = 0;
  std::size_t bytes = 0;
};

// The file name of a form: 附件3-集中檢疫者每日量測體溫紀錄表.pdf, or the
// name alone for forms without an attachment number.
std::string form_file_name(const rules::Form& form);

// Lays out, renders and writes the forms; returns what was written, or
// nullopt (with diagnostics, nothing written) on any error.
std::optional<std::vector<WrittenForm>> write_forms(const rules::RuleSet& rules, const FormsRequest& request,
                                                    Diagnostics& diags);

}  // namespace fangyi::pdf
