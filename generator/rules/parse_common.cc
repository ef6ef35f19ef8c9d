// Parsing shared by every rule kind: the header keys and lists of mappings.
#include "rules/parse.h"

namespace fangyi::rules {

Origin origin_of(YamlFile& f, const YAML::Node& n) {
  SourceLocation l = f.at(n);
  return Origin{f.name(), l.line, l.column};
}

void parse_header(MapReader& r, Header& h, Loaded& out, const std::string& path) {
  h.origin = origin_of(r.file(), r.node());
  h.id = r.text("id", true);
  remember(out, path + "/id", r, "id");
  remember(out, path + "/effective", r, "effective");
  h.name = r.text("name", true);
  h.description = r.text("description");
  YAML::Node eff = r.get("effective");
  if (eff.IsDefined() && !eff.IsNull()) {
    MapReader e(eff, r.file(), "effective");
    h.effective_from = e.date("from");
    h.effective_to = e.date("to");
    e.finish();
  }
  YAML::Node src = r.get("source");
  if (!src.IsDefined() || src.IsNull()) {
    r.file().diags().error(r.file().at(r.node()), Msg::missing_key, {"source"});
  } else {
    MapReader s(src, r.file(), "source");
    h.source.seed = s.text("seed", true);
    expect_ref(out, s, "seed", RefKind::seed, h.source.seed);
    h.source.section = s.text("section", true);
    s.finish();
  }
}

void for_each_map(MapReader& r, std::string_view key, std::string_view what, bool required,
                  const std::function<void(MapReader&)>& each) {
  YAML::Node list = r.get(key);
  if (!list.IsDefined() || list.IsNull()) {
    if (required) r.file().diags().error(r.file().at(r.node()), Msg::missing_key, {std::string(key)});
    return;
  }
  if (!list.IsSequence()) {
    r.file().error(list, Msg::expect_list, {std::string(key)});
    return;
  }
  for (const auto& item : list) {
    MapReader m(item, r.file(), what);
    if (!m.ok()) continue;
    each(m);
    m.finish();
  }
}

void expect_expr(MapReader& r, std::string_view key, bool required, ExprSite site, Loaded& out) {
  YAML::Node n = r.get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) r.file().diags().error(r.file().at(r.node()), Msg::missing_key, {std::string(key)});
    return;
  }
  if (!n.IsScalar()) {
    r.file().error(n, Msg::expect_string, {std::string(key)});
    return;
  }
  site.text = n.Scalar();
  site.mark = n.Mark();
  site.file = r.file().name();
  site.source = &r.file().text();
  out.exprs.push_back(std::move(site));
}

}  // namespace fangyi::rules

namespace fangyi::rules {

SourceLocation Loaded::place(const std::string& path, const Origin& fallback) const {
  auto it = places.find(path);
  if (it != places.end()) return it->second;
  return SourceLocation{fallback.file, fallback.line, fallback.column, 1};
}

SourceLocation remember(Loaded& out, const std::string& path, MapReader& m, std::string_view key) {
  YAML::Node n = m.get(key);
  SourceLocation loc = m.file().at(n.IsDefined() && !n.IsNull() ? n : m.node());
  out.places[path] = loc;
  return loc;
}

void expect_ref(Loaded& out, MapReader& m, std::string_view key, RefKind kind, const std::string& id,
                const std::string& owner) {
  if (id.empty()) return;
  YAML::Node n = m.get(key);
  SourceLocation loc = m.file().at(n.IsDefined() && !n.IsNull() ? n : m.node());
  if (n.IsSequence()) {
    for (const auto& e : n)
      if (scalar_text(e) == id) loc = m.file().at(e);
  }
  out.refs.push_back({kind, id, owner, loc});
}

std::string path_of(RuleKind kind, std::size_t index) { return std::string(kind_name(kind)) + "/" + std::to_string(index); }

}  // namespace fangyi::rules
