// Test helpers for end-to-end tests: quoting paths for the shell, running
// a tool (pdftotext, qpdf) on a file, and the text of a PDF as a reader
// would copy it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/run_binary.h"

namespace fangyi::testing {

inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Output of a tool run on a file; the exit code in *code.
inline std::string tool(const std::string& cmd, int* code = nullptr) {
  std::filesystem::path out = std::filesystem::temp_directory_path() / ("fangyi-tool-" + std::to_string(::getpid()) + ".txt");
  int status = std::system((cmd + " >" + q(out) + " 2>/dev/null").c_str());
  if (code) *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string text = read_all(out);
  std::filesystem::remove(out);
  return text;
}

// The text of a PDF in drawing order with all white space removed, so that
// a label wrapped inside a narrow cell still reads as one word.
// `layout`: in reading order on the page (pdftotext -layout) rather than in
// drawing order; pages of pre-filled copies draw their shared labels and
// grid before the person's values.
inline std::string text_of(const std::filesystem::path& pdf, bool layout = false) {
  std::string raw = tool(std::string("pdftotext ") + (layout ? "-layout" : "-raw") + " -enc UTF-8 " + q(pdf) + " -");
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(raw[i]))) out += raw[i];
  }
  return out;
}

}  // namespace fangyi::testing
