// The Typst side of bench/forms/run.sh: the same 附件2 register and 附件3
// temperature logs as `fangyi forms --form form-2 --form form-3`, from the
// same roster, in the same font (the AR PL UMing collection, loaded as a
// font blob), typeset by Typst through @myriaddreamin/typst-ts-node-compiler.
//
//   node typst_forms.mjs ROSTER.csv OUT_DIR FONT_FILE
// Prints one JSON line: {"seconds": wall time in this process, "files": {...}}.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const [rosterPath, outDir, fontFile] = process.argv.slice(2);
const t0 = performance.now();

// ---- the roster (a plain CSV without quoted commas, as gen_roster.mjs writes)
const text = readFileSync(rosterPath, "utf8").replace(/^\uFEFF/, "");
const [head, ...rows] = text.trim().split("\n").map((l) => l.split(","));
const col = (name) => head.indexOf(name);
const c = {
  school: col("學校"), name: col("姓名"), sex: col("性別"), birth: col("出生年月日"), phone: col("聯絡電話"),
  dorm: col("宿舍編號"), klass: col("班級"), no: col("學號"), left: col("離開中國大陸日期"), start: col("開始日期"),
};
const roc = (d) => `${d.getUTCFullYear() - 1911}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}`;
const parseRoc = (s) => { const [y, m, d] = s.split("/").map(Number); return new Date(Date.UTC(y + 1911, m - 1, d)); };
const days = 14;  // the scheme's days, as fangyi computes them for centralized-quarantine
const str = (s) => JSON.stringify(s);  // a Typst string literal

const preamble = `#set text(font: "AR PL UMing TW", size: 10pt, lang: "zh", region: "tw")
#set table(stroke: 0.5pt, inset: (x: 2pt, y: 2.5pt))
#let fields(n, ..items) = grid(columns: range(n).map(_ => 1fr), row-gutter: 10pt, column-gutter: 8pt,
  ..items.pos().map(((l, v)) => [#l：#box(width: 1fr, stroke: (bottom: 0.4pt), inset: (bottom: 2pt))[#v]]))
`;

// ---- 附件3: one page per student
let logs = preamble + `#set page(paper: "a4", margin: 15mm, header: align(right, text(size: 9pt)[附件3]))
#let log(school, dorm, name, klass, no, dates) = {
  align(center, text(size: 16pt)[集中檢疫者每日量測體溫紀錄表])
  fields(2, ("學校名稱", school), ("宿舍編號", dorm), ("姓名", name), ("班級", klass), ("學號", no))
  v(4pt)
  table(columns: (20mm, 25mm, 28mm, 28mm, 45mm, 1fr), rows: 9mm, align: horizon,
    table.header(..([天數], [日期], [上午體溫 °C], [下午體溫 °C], [症狀註記], [其他]).map(x => align(center, x))),
    ..dates.enumerate().map(((i, d)) => (align(center)[第 #(i + 1) 天], align(center, d), [], [], [], [])).flatten())
  [\\*倘您有發燒(≥ 38°C)或呼吸道症狀，請立聯繫學校管理人員，以儘速就醫治療。]
  v(6pt)
  fields(3, ("宿舍管理單位", ""), ("管理人員", ""), ("聯絡電話", ""), ("健康中心/衛保組", ""), ("護理人員", ""), ("聯絡電話", ""))
  pagebreak(weak: true)
}
`;
for (const r of rows) {
  const day0 = parseRoc(r[c.left]);
  const dates = [];
  for (let d = 1; d <= days; ++d) dates.push(roc(new Date(day0.getTime() + d * 86400000)));
  logs += `#log(${str(r[c.school])}, ${str(r[c.dorm])}, ${str(r[c.name])}, ${str(r[c.klass])}, ${str(r[c.no])}, (${dates.map(str).join(", ")}))\n`;
}

// ---- 附件2: one landscape register, the header repeated on every page
let register = preamble + `#set page(paper: "a4", flipped: true, margin: 15mm, header: align(right, text(size: 9pt)[附件2]))
#align(center, text(size: 16pt)[集中檢疫場所人員管理彙整表])
#table(columns: (24mm, 12mm, 22mm, 28mm, 18mm, 22mm, ..range(${days}).map(_ => 1fr), 30mm),
  align: center + horizon, inset: (x: 2pt, y: 6pt),
  table.header(table.cell(rowspan: 2)[姓名], table.cell(rowspan: 2)[性別], table.cell(rowspan: 2)[出生年月日],
    table.cell(rowspan: 2)[聯絡電話], table.cell(rowspan: 2)[宿舍編號], table.cell(rowspan: 2)[開始檢疫日期],
    table.cell(colspan: ${days})[集中檢疫期間是否出現類流感症狀], table.cell(rowspan: 2)[備註],
    ..range(1, ${days + 1}).map(d => text(size: 8pt, str(d)))),
`;
for (const r of rows)
  register += `  ${[r[c.name], r[c.sex], r[c.birth], r[c.phone], r[c.dorm], r[c.start]].map((v) => `[${v}]`).join(", ")}, ..range(${days + 1}).map(_ => []),\n`;
register += `)
#fields(3, ("學校管理單位", ""), ("管理人員", ""), ("聯絡電話", ""))
`;

// ---- typeset both
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(fontFile)] }] });
mkdirSync(outDir, { recursive: true });
const files = {};
for (const [name, source] of [["附件2-集中檢疫場所人員管理彙整表.pdf", register], ["附件3-集中檢疫者每日量測體溫紀錄表.pdf", logs]]) {
  const result = compiler.compile({ mainFileContent: source });
  const doc = result.result;
  if (!doc) {
    console.error(JSON.stringify(compiler.fetchDiagnostics(result.takeDiagnostics()), null, 1).slice(0, 4000));
    process.exit(1);
  }
  const pdf = compiler.pdf(doc);
  writeFileSync(`${outDir}/${name}`, pdf);
  files[name] = pdf.length;
  writeFileSync(`${outDir}/${name}.typ`, source);
}
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, files }));
