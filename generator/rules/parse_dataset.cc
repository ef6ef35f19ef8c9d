// Parses `kind: dataset`: the columns of an exported file and their types.
#include "core/text.h"
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<FieldType> kTypes = {
    {"string", FieldType::string},     {"int", FieldType::int_},          {"decimal", FieldType::decimal},
    {"date", FieldType::date},         {"datetime", FieldType::datetime}, {"time", FieldType::time},
    {"enum", FieldType::enum_},        {"bool", FieldType::bool_},        {"id-number", FieldType::id_number},
    {"phone", FieldType::phone},       {"list", FieldType::list}};

const EnumNames<DateFormat> kFormats = {{"iso", kDateIso},
                                        {"gregorian", kDateGregorian},
                                        {"roc", kDateRoc},
                                        {"roc_words", kDateRocWords}};

}  // namespace

void parse_dataset(MapReader& r, Loaded& out) {
  Dataset d;
  const std::string path = path_of(RuleKind::dataset, out.rules.datasets.size());
  parse_header(r, d.header, out, path);
  d.key = r.text("key");
  d.organisation = r.text("organisation");
  expect_ref(out, r, "key", RefKind::field, d.key, d.header.id);
  expect_ref(out, r, "organisation", RefKind::field, d.organisation, d.header.id);
  for_each_map(r, "fields", "欄位", true, [&](MapReader& m) {
    DatasetField f;
    f.origin = origin_of(m.file(), m.node());
    f.id = m.text("id", true);
    f.header = m.text("header", true);
    const std::string field = path + "/fields/" + std::to_string(d.fields.size());
    remember(out, field + "/id", m, "id");
    remember(out, field + "/header", m, "header");
    f.aliases = m.strings("aliases");
    YAML::Node aliases = m.get("aliases");
    for (std::size_t k = 0; aliases.IsSequence() && k < aliases.size(); ++k)
      out.places[field + "/aliases/" + std::to_string(k)] = m.file().at(aliases[k]);
    if (auto t = m.enumeration("type", true, kTypes)) f.type = *t;
    f.values = m.strings("values");
    YAML::Node formats = m.get("formats");
    if (formats.IsDefined() && !formats.IsNull()) {
      if (!formats.IsSequence()) {
        m.file().error(formats, Msg::expect_list, {"formats"});
      } else {
        f.date_formats = 0;
        for (const auto& e : formats) {
          std::string name = scalar_text(e);
          bool found = false;
          for (const auto& [n, bit] : kFormats)
            if (n == name) f.date_formats |= bit, found = true;
          if (!found) {
            Diagnostic& diag = m.file().error(e, Msg::unknown_value, {name, "formats"});
            std::vector<std::string> names;
            for (const auto& k : kFormats) names.push_back(k.first);
            suggest(diag, nearest(name, names));
          }
        }
      }
    }
    f.true_values = m.strings("true");
    f.false_values = m.strings("false");
    f.separator = m.text("separator");
    f.required = m.boolean("required").value_or(false);
    f.personal = m.boolean("personal").value_or(false);
    if (f.type == FieldType::enum_ && f.values.empty()) m.file().error(m.node(), Msg::enum_no_values, {f.id});
    if (f.type == FieldType::bool_ && f.true_values.empty()) f.true_values = {"是", "true", "V", "✓", "1"};
    if (f.type == FieldType::bool_ && f.false_values.empty()) f.false_values = {"否", "false", "", "0"};
    if (f.type == FieldType::list && f.separator.empty()) f.separator = "、";
    d.fields.push_back(std::move(f));
  });
  out.rules.datasets.push_back(std::move(d));
}

}  // namespace fangyi::rules
