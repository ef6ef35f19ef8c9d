// The parsers of the rule kinds, one file each (parse_scheme.cc, ...), and the
// pieces they share. Internal to the loader.
#pragma once

#include <functional>

#include "rules/load.h"
#include "rules/yaml_reader.h"

namespace fangyi::rules {

// The keys every rule has: id, name, effective, source, description.
void parse_header(MapReader& r, Header& h, Loaded& out, const std::string& path);
Origin origin_of(YamlFile& f, const YAML::Node& n);

// Calls `each` with a reader for every mapping in the list under `key`, then
// reports that mapping's unknown keys.
void for_each_map(MapReader& r, std::string_view key, std::string_view what, bool required,
                  const std::function<void(MapReader&)>& each);

// Records an expression under `key` (if present) for later compilation.
void expect_expr(MapReader& r, std::string_view key, bool required, ExprSite site, Loaded& out);

// Records the place of `key`'s value (or of the mapping when absent) under
// `path`, and returns it.
SourceLocation remember(Loaded& out, const std::string& path, MapReader& m, std::string_view key);
// Records a reference by id written under `key` (if present).
void expect_ref(Loaded& out, MapReader& m, std::string_view key, RefKind kind, const std::string& id,
                const std::string& owner = "");

void parse_scheme(MapReader& r, Loaded& out);
void parse_cohort(MapReader& r, Loaded& out);
void parse_disinfection(MapReader& r, Loaded& out);
void parse_deadline(MapReader& r, Loaded& out);
void parse_dataset(MapReader& r, Loaded& out);
void parse_check(MapReader& r, Loaded& out);
void parse_form(MapReader& r, Loaded& out);
void parse_contact_tracing(MapReader& r, Loaded& out);

}  // namespace fangyi::rules
