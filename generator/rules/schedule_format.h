// Schedules for people (an aligned table) and for programs (JSON).
#pragma once

#include <string>

#include "core/date.h"
#include "core/lang.h"
#include "rules/schedule.h"

namespace fangyi::rules {

std::string schedule_table(const Schedule& s, Lang lang, DateStyle style);
std::string schedule_json(const Schedule& s);

}  // namespace fangyi::rules
