// Fuzz target: the XLSX reader — zip container, workbook, relationships,
// shared strings, styles and the sheet — read to the end, with small limits
// so that zip bombs are cut short.
#include "check/xlsx_reader.h"
#include "fuzz_input.h"
#include "fuzz_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  std::string path = fuzz::input_file(data, size, ".xlsx");
  Diagnostics diags;
  check::XlsxLimits limits;
  limits.max_entry_bytes = limits.max_total_bytes = 8 << 20;
  limits.max_part_bytes = 4 << 20;
  auto reader = check::open_xlsx(path, "", diags, limits);
  return reader && fuzz::read_to_end(*reader) == SIZE_MAX;
}
