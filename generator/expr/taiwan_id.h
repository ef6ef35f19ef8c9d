// Taiwanese identity document numbers: classification by shape and the
// checksum shared by national IDs and resident certificates.
#pragma once

#include <string_view>

namespace fangyi::expr {

enum class IdKind { national, resident_old, resident_new, entry_permit, passport, invalid };

// The names id_kind() returns, in IdKind order.
inline constexpr std::string_view kIdKindNames[] = {"national",    "resident_old", "resident_new",
                                                    "entry_permit", "passport",     "invalid"};

// By shape only (ASCII case-insensitive): a national ID with a wrong check
// digit is still `national`, so rules can tell "mistyped" from "not an ID".
IdKind classify_id(std::string_view id);
// Shape and, where the kind has one, checksum.
bool id_is_valid(std::string_view id);

}  // namespace fangyi::expr
