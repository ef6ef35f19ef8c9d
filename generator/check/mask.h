// Masking personal data (ID numbers, phones, names) in reports, so a report
// can be mailed around: A123456789 -> A12****789, 0912345678 -> 091****678,
// 王大明 -> 王○明.
#pragma once

#include <string>
#include <string_view>

namespace fangyi::check {

std::string mask_personal(std::string_view value);

}  // namespace fangyi::check
