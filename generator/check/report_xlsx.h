// The XLSX report (staff live in Excel): sheets of findings, rules, schools
// and inputs, written with libxlsxwriter and then atomically like every
// other output.
#pragma once

#include <string>

#include "check/finding.h"
#include "core/diagnostic.h"
#include "core/lang.h"

namespace fangyi::check {

// Writes the workbook to `path` (a file; never stdout). On failure adds an
// error to `diags`, leaves `path` as it was and no temporary file behind.
bool write_xlsx(const Report& report, Lang lang, const std::string& path, Diagnostics& diags);

}  // namespace fangyi::check
