// The catalogue's table, generated from messages.def.
#include "core/messages.h"

#include <array>

namespace fangyi {
namespace {

struct Entry {
  std::string_view name, zh, en;
};

constexpr Entry kEntries[] = {
#define FANGYI_MSG(id, zh, en) {#id, zh, en},
#include "core/messages.def"
#undef FANGYI_MSG
};

}  // namespace

std::string_view message_template(Msg id, Lang lang) {
  const Entry& e = kEntries[static_cast<std::size_t>(id)];
  return lang == Lang::en ? e.en : e.zh;
}

std::string_view message_name(Msg id) { return kEntries[static_cast<std::size_t>(id)].name; }

std::string format_message(Msg id, Lang lang, const std::vector<std::string>& args) {
  std::string_view t = message_template(id, lang);
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 2 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9' && t[i + 2] == '}') {
      std::size_t n = static_cast<std::size_t>(t[i + 1] - '0');
      if (n < args.size()) out += args[n];
      i += 2;
      continue;
    }
    out += t[i];
  }
  return out;
}

}  // namespace fangyi
