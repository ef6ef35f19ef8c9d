// Shared by the CSV and XLSX fuzz targets: read a table to its end, touching
// every cell, as the check engine does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check/table.h"

namespace fangyi::fuzz {

// The number of cell bytes read (used, so the reads cannot be optimised away).
inline std::size_t read_to_end(check::TableReader& reader) {
  std::vector<std::string> header;
  if (!reader.header(header)) return 0;
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  std::size_t bytes = 0;
  while (reader.next(cells, line))
    for (auto c : cells) bytes += c.size();
  return bytes;
}

}  // namespace fangyi::fuzz
