// The XLSX report (staff live in Excel): sheets of findings, rules, schools
// and inputs, written with libxlsxwriter and then atomically like every
// other output.
#pragma once

#include <string>
#include <vector>

#include "check/finding.h"
#include "core/diagnostic.h"
#include "core/lang.h"

namespace fangyi::check {

// Writes the workbook to `path` (a file; never stdout). On failure adds an
// error to `diags`, leaves `path` as it was and no temporary file behind.
bool write_xlsx(const Report& report, Lang lang, const std::string& path, Diagnostics& diags);

// One sheet of text cells under a bold, frozen, filtered header row, with the
// same cell protection and atomic write as the report: for rosters and lists
// written back to staff.
bool write_xlsx_table(const std::string& path, const std::string& sheet, const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows, Diagnostics& diags);

}  // namespace fangyi::check
