// Concentrations and dilutions as written in disinfection tables: 500ppm,
// 5,000ppm, 60-80%, 100°C以上; 1:100.
#pragma once

#include <optional>
#include <string_view>

#include "rules/model.h"

namespace fangyi::rules {

std::optional<Concentration> parse_concentration(std::string_view text);
// "1:100" -> 100
std::optional<int> parse_dilution(std::string_view text);

}  // namespace fangyi::rules
