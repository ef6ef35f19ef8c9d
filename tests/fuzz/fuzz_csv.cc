// Fuzz target: the CSV reader with encoding detection (UTF-8, BOM, Big5),
// read to the end in small blocks so that rows and quotes cross block edges.
#include "check/csv_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  std::string path = fuzz::input_file(data, size, ".csv");
  Diagnostics diags;
  check::CsvOptions options;
  options.block_size = 64;
  options.max_columns = 256;
  options.max_field_bytes = 4096;
  options.max_row_bytes = 1 << 16;
  auto reader = check::open_csv(path, options, diags);
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
