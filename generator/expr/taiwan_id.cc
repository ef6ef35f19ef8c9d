// National ID / resident certificate checksum: the letter becomes two digits
// by a fixed table (it is not alphabetical: I, O, W, X, Y, Z were added
// later), then the eleven digits are weighted 1,9,8,7,6,5,4,3,2,1,1 and the
// sum must be a multiple of 10.
#include "expr/taiwan_id.h"

namespace fangyi::expr {
namespace {

constexpr int kLetterCode[26] = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
                                 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33};

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool letter(char c) { return upper(c) >= 'A' && upper(c) <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return letter(c) || digit(c); }

bool digits(std::string_view s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (!digit(s[i])) return false;
  return true;
}

// `second` is the value of the second character (a digit, or for old
// resident certificates the last digit of its letter's code).
bool checksum_ok(std::string_view id, int second) {
  int code = kLetterCode[upper(id[0]) - 'A'];
  int sum = code / 10 + (code % 10) * 9 + second * 8;
  for (int i = 2; i <= 8; ++i) sum += (id[i] - '0') * (9 - i);
  sum += id[9] - '0';
  return sum % 10 == 0;
}

}  // namespace

IdKind classify_id(std::string_view id) {
  if (id.size() == 10 && letter(id[0]) && digits(id, 2, 10)) {
    char c = upper(id[1]);
    if (c == '1' || c == '2') return IdKind::national;
    if (c == '8' || c == '9') return IdKind::resident_new;
    if (c >= 'A' && c <= 'D') return IdKind::resident_old;
  }
  if (id.size() == 12) {
    bool all = true;
    for (char c : id) all = all && alnum(c);
    if (all) return IdKind::entry_permit;
  }
  // NUMBER-NAT: 5 to 20 letters or digits, '-', a 3-letter nationality code.
  std::size_t dash = id.rfind('-');
  if (dash != std::string_view::npos && dash >= 5 && dash <= 20 && id.size() - dash - 1 == 3) {
    bool ok = true;
    for (std::size_t i = 0; i < dash; ++i) ok = ok && alnum(id[i]);
    for (std::size_t i = dash + 1; i < id.size(); ++i) ok = ok && letter(id[i]);
    if (ok) return IdKind::passport;
  }
  return IdKind::invalid;
}

bool id_is_valid(std::string_view id) {
  switch (classify_id(id)) {
    case IdKind::national:
    case IdKind::resident_new: return checksum_ok(id, id[1] - '0');
    case IdKind::resident_old: return checksum_ok(id, kLetterCode[upper(id[1]) - 'A'] % 10);
    case IdKind::entry_permit:
    case IdKind::passport: return true;
    case IdKind::invalid: return false;
  }
  return false;
}

}  // namespace fangyi::expr
