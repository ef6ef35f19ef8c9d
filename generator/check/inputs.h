// Opening an exported file by its kind: .xlsx through the XLSX reader,
// anything else (.csv, .txt, stdin) through the CSV reader with encoding
// detection.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/table.h"
#include "core/diagnostic.h"

namespace fangyi::check {

struct InputOptions {
  std::string encoding = "auto";  // CSV: auto, utf-8, big5/cp950
  std::string sheet;              // XLSX: name or 1-based number; empty = first
};

// The files named: a folder stands for the .csv and .xlsx files in it and its
// subfolders, sorted; "-" is stdin. A name that does not exist is an error.
std::vector<std::string> expand_inputs(const std::vector<std::string>& names, Diagnostics& diags);

std::unique_ptr<TableReader> open_table(const std::string& path, const InputOptions& options, Diagnostics& diags);

}  // namespace fangyi::check
