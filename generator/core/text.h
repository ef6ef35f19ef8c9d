// UTF-8 helpers shared by every stage: decoding, code-point columns, display
// width (CJK characters take two terminal cells) and "did you mean" lookup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi {

// Decodes one code point at s[i]; advances i. Invalid bytes decode as U+FFFD
// and advance by one, so callers never loop forever on bad input.
char32_t next_code_point(std::string_view s, std::size_t& i);

bool is_valid_utf8(std::string_view s);
// Byte offset of the first sequence that is not UTF-8; npos when all is.
std::size_t first_invalid_utf8(std::string_view s);
std::size_t code_point_count(std::string_view s);
void append_utf8(std::string& out, char32_t cp);
// `s` as HTML text or attribute value: & < > " ' escaped, broken UTF-8 and
// control characters other than tab and newlines shown as U+FFFD.
std::string escape_html(std::string_view s);

// The code-point column (1-based) of byte offset `byte` within `line`.
int column_of_byte(std::string_view line, std::size_t byte);
// The byte offset of code-point column `column` (1-based) within `line`.
std::size_t byte_of_column(std::string_view line, int column);

// Terminal cells a code point occupies (2 for East Asian wide/fullwidth).
int display_width(char32_t cp);
int display_width(std::string_view s);

// Edit distance in code points: insertions, deletions, substitutions and
// swaps of neighbours each count one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible
// typo (distance at most a third of the length, at least 1); else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// Spaces, tabs, CR, LF at both ends. Inline: the check engine trims every cell.
inline std::string_view trim_view(std::string_view s) {
  constexpr uint64_t kBlanks = 1ull << ' ' | 1ull << '\t' | 1ull << '\r' | 1ull << '\n';
  auto blank = [](char c) { return static_cast<unsigned char>(c) <= ' ' && (kBlanks >> static_cast<unsigned char>(c) & 1); };
  std::size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}
std::string trim(std::string_view s);
std::string join(const std::vector<std::string>& items, std::string_view separator);
// The parts one after another, in one string.
std::string concat(const std::vector<std::string_view>& parts);
// The shortest text that reads back as `v`: 500, 0.5, 37.25.
std::string format_number(double v);
std::vector<std::string> split_lines(std::string_view text);

}  // namespace fangyi
