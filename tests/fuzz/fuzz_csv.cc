// Fuzz target: the CSV reader with encoding detection (UTF-8, BOM, Big5),
// read to the end in small blocks so that rows and quotes cross block edges.
#include "check/csv_reader.h"
#include "fuzz_input.h"
#include "fuzz_table.h"

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
  return reader && fuzz::read_to_end(*reader) == SIZE_MAX;
}
