// Picks the user's language from a flag value or the environment.
#include "core/lang.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace fangyi {

std::optional<Lang> parse_lang(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n.rfind("zh", 0) == 0) return Lang::zh_TW;
  if (n.rfind("en", 0) == 0) return Lang::en;
  return std::nullopt;
}

Lang lang_from_environment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v == nullptr || *v == '\0') continue;
    if (auto l = parse_lang(v)) return *l;
    return Lang::zh_TW;
  }
  return Lang::zh_TW;
}

}  // namespace fangyi
