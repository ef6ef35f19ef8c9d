// Parsing of concentrations and dilutions.
#include "rules/concentration.h"

#include <charconv>
#include <string>

#include "core/text.h"

namespace fangyi::rules {
namespace {

std::optional<double> parse_number(std::string_view t) {
  std::string digits;
  for (char c : t)
    if (c != ',') digits += c;
  double v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || v < 0) return std::nullopt;
  return v;
}

bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  s.erase(s.size() - suffix.size());
  s = trim(s);
  return true;
}

}  // namespace

std::optional<Concentration> parse_concentration(std::string_view text) {
  std::string s = trim(text);
  Concentration c;
  if (strip_suffix(s, "以上")) c.at_least = true;
  if (strip_suffix(s, "ppm")) c.unit = ConcentrationUnit::ppm;
  else if (strip_suffix(s, "%") || strip_suffix(s, "％")) c.unit = ConcentrationUnit::percent;
  else if (strip_suffix(s, "°C") || strip_suffix(s, "℃")) c.unit = ConcentrationUnit::celsius;
  else return std::nullopt;
  std::size_t dash = s.find('-');
  if (dash == std::string::npos) dash = s.find("–");
  if (dash != std::string::npos && dash > 0) {
    std::size_t skip = s[dash] == '-' ? 1 : std::string_view("–").size();
    auto lo = parse_number(trim(s.substr(0, dash)));
    auto hi = parse_number(trim(s.substr(dash + skip)));
    if (!lo || !hi || *lo > *hi || c.at_least) return std::nullopt;
    c.low = *lo;
    c.high = *hi;
  } else {
    auto v = parse_number(s);
    if (!v) return std::nullopt;
    c.low = c.high = *v;
  }
  if (c.unit == ConcentrationUnit::percent && c.high > 100) return std::nullopt;
  return c;
}

std::optional<int> parse_dilution(std::string_view text) {
  std::string s = trim(text);
  if (s.rfind("1:", 0) != 0) return std::nullopt;
  int n = 0;
  auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n < 1 || n > 1'000'000) return std::nullopt;
  return n;
}

}  // namespace fangyi::rules
