// The languages fangyi speaks to its users. Traditional Chinese is the default;
// English is chosen with --lang en or from the locale.
#pragma once

#include <optional>
#include <string_view>

namespace fangyi {

enum class Lang { zh_TW, en };

// Accepts "zh", "zh-TW", "zh_TW.UTF-8", "en", "en_US.UTF-8", ...
std::optional<Lang> parse_lang(std::string_view name);

// From LC_ALL / LC_MESSAGES / LANG; zh_TW when none names English.
Lang lang_from_environment();

}  // namespace fangyi
