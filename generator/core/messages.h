// The one message catalogue: every user-facing sentence, in Traditional
// Chinese and English. Messages take positional arguments {0}, {1}, ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"

namespace fangyi {

enum class Msg : unsigned short {
#define FANGYI_MSG(id, zh, en) id,
#include "core/messages.def"
#undef FANGYI_MSG
};

std::string_view message_template(Msg id, Lang lang);
std::string_view message_name(Msg id);

// Substitutes {0}, {1}, ... in the template of `id` with `args`.
std::string format_message(Msg id, Lang lang, const std::vector<std::string>& args = {});

}  // namespace fangyi
