// Fuzz target: the XLSX reader — zip container, workbook, relationships,
// shared strings, styles and the sheet — read to the end, with small limits
// so that zip bombs are cut short.
#include "check/xlsx_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  std::string path = fuzz::input_file(data, size, ".xlsx");
  Diagnostics diags;
  check::XlsxLimits limits;
  limits.max_entry_bytes = limits.max_total_bytes = 8 << 20;
  limits.max_part_bytes = 4 << 20;
  auto reader = check::open_xlsx(path, "", diags, limits);
  if (!reader) return 0;
  std::vector<std::string> header;
  if (!reader->header(header)) return 0;
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  std::size_t bytes = 0;
  while (reader->next(cells, line))
    for (auto c : cells) bytes += c.size();
  return bytes == SIZE_MAX;
}
