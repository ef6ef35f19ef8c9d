#!/usr/bin/env node
// The DuckDB side of bench/check/run.sh: runs the checks of rules/checks/
// written as SQL (bench/check/sql/NN-*.sql, in name order) over a synthetic
// export, and prints the number of findings per rule.
//
//   node duckdb-checks.mjs check --case-list F --followup F --screening F --today YYYY-MM-DD
//                                [--out findings.csv] [--threads N] [--memory-limit 4GB] [--quiet]
//     stdout: one line per rule, "rule<TAB>count", then "total<TAB>count";
//     stderr: the time of every statement (unless --quiet).
//     --out writes every finding as CSV: file,line,rule,severity,organisation.
//
//   node duckdb-checks.mjs compare --expected expected-findings.csv --sql findings.csv
//                                  --fangyi findings.jsonl [--show 10]
//     Compares the three lists of findings per rule and finding by finding
//     (sql/compare.sql); prints a table and the first differences; exit 0
//     when SQL and fangyi agree, 1 when they do not.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sqlDir = join(here, 'sql');

function usage(message) {
  if (message) process.stderr.write(`duckdb-checks: ${message}\n`);
  process.stderr.write(
    'usage: node duckdb-checks.mjs check --case-list F --followup F --screening F --today YYYY-MM-DD\n' +
      '                                [--out findings.csv] [--threads N] [--memory-limit X] [--quiet]\n' +
      '       node duckdb-checks.mjs compare --expected E.csv --sql S.csv --fangyi F.jsonl [--show N]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const mode = argv[0];
  if (mode !== 'check' && mode !== 'compare') usage(mode ? `unknown mode '${mode}'` : 'no mode');
  const opts = { mode };
  for (let i = 1; i < argv.length; ++i) {
    const a = argv[i];
    if (!a.startsWith('--')) usage(`unexpected argument '${a}'`);
    const key = a.slice(2);
    if (key === 'quiet') {
      opts.quiet = true;
      continue;
    }
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    opts[key] = argv[++i];
  }
  return opts;
}

// SQL string literal.
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

async function openDb(opts) {
  const config = {};
  if (opts.threads) config.threads = String(opts.threads);
  if (opts['memory-limit']) config.memory_limit = opts['memory-limit'];
  const instance = await DuckDBInstance.create(':memory:', config);
  return { instance, connection: await instance.connect() };
}

// Runs every statement of a file, timing each. Statements end with ';' at
// the end of a line (and no comment line ends with one).
//
// The line of a row finding is the rowid of the table the CSV was read into,
// plus 2: right only while DuckDB inserts the rows in file order, which it
// does with a BATCH_CREATE_TABLE_AS (preserve_insertion_order). An operator
// that does not keep the order (a join, e.g. DuckDB's rewrite of a long IN
// list) turns it into a plain CREATE_TABLE_AS: such a statement is refused.
async function runFile(connection, path, timings, keepOrder = true) {
  const text = readFileSync(path, 'utf8');
  const statements = text.split(/;[ \t]*$/m).filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
  for (let i = 0; i < statements.length; ++i) {
    const sql = statements[i];
    const t0 = process.hrtime.bigint();
    if (keepOrder && /^\s*CREATE\b[^(]*\bTABLE\b[\s\S]*\bread_csv\(/m.test(sql.replace(/--.*$/gm, ''))) {
      const plan = (await connection.runAndReadAll(`EXPLAIN ${sql}`)).getRowsJS().map((r) => String(r[1])).join('\n');
      if (!plan.includes('BATCH_CREATE_TABLE_AS'))
        throw new Error(`${path} statement ${i + 1}: DuckDB would not keep the file order (no BATCH_CREATE_TABLE_AS in its plan), so rowids would not be lines:\n${plan}`);
    }
    await connection.run(sql);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    timings.push({ file: path.slice(sqlDir.length + 1), index: i + 1, ms });
  }
}

async function check(opts) {
  for (const k of ['case-list', 'followup', 'screening', 'today'])
    if (!opts[k]) usage(`check needs --${k}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) usage('--today must be YYYY-MM-DD');
  const t0 = process.hrtime.bigint();
  const { connection } = await openDb(opts);
  await connection.run(`SET VARIABLE case_list_csv = ${lit(opts['case-list'])}`);
  await connection.run(`SET VARIABLE followup_csv = ${lit(opts.followup)}`);
  await connection.run(`SET VARIABLE screening_csv = ${lit(opts.screening)}`);
  await connection.run(`SET VARIABLE today = DATE ${lit(opts.today)}`);

  const timings = [];
  const files = readdirSync(sqlDir)
    .filter((f) => /^\d\d-.*\.sql$/.test(f))
    .sort();
  for (const f of files) await runFile(connection, join(sqlDir, f), timings);

  const counts = (await connection.runAndReadAll('SELECT rule, count(*) AS n FROM findings GROUP BY rule ORDER BY rule'))
    .getRowsJS();
  let total = 0;
  let out = '';
  for (const [rule, n] of counts) {
    out += `${rule}\t${n}\n`;
    total += Number(n);
  }
  out += `total\t${total}\n`;
  if (opts.out) {
    await connection.run(
      `COPY (SELECT f.file, f.line, f.rule, r.severity, f.organisation FROM findings f JOIN rule_severity r USING (rule)
             ORDER BY f.organisation, f.file, f.line, f.rule)
       TO ${lit(opts.out)} (FORMAT csv, HEADER true)`,
    );
  }
  process.stdout.write(out);
  if (!opts.quiet) {
    for (const t of timings) process.stderr.write(`  ${t.file}#${t.index}\t${t.ms.toFixed(0)} ms\n`);
    process.stderr.write(`  total\t${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms\n`);
  }
}

async function compare(opts) {
  for (const k of ['expected', 'sql', 'fangyi']) if (!opts[k]) usage(`compare needs --${k}`);
  const show = Number(opts.show ?? 10);
  const { connection } = await openDb(opts);
  await connection.run(`SET VARIABLE expected_csv = ${lit(opts.expected)}`);
  await connection.run(`SET VARIABLE sql_csv = ${lit(opts.sql)}`);
  await connection.run(`SET VARIABLE fangyi_jsonl = ${lit(opts.fangyi)}`);
  const timings = [];
  await runFile(connection, join(sqlDir, 'compare.sql'), timings, false);

  const rows = (await connection.runAndReadAll('SELECT * FROM per_rule ORDER BY rule')).getRowsJS();
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const w = Math.max(4, ...rows.map((r) => String(r[0]).length));
  let out = `${pad('rule', w)}  ${lpad('expected', 9)}  ${lpad('sql', 9)}  ${lpad('fangyi', 9)}  same findings (sql=fangyi)\n`;
  for (const [rule, e, s, f, same] of rows) {
    const flag = Number(s) === Number(f) && Number(same) === Number(s) ? '' : '   <-- differs';
    const flagE = Number(e) === Number(f) && Number(e) === Number(s) ? '' : ' (expected differs)';
    out += `${pad(rule, w)}  ${lpad(e, 9)}  ${lpad(s, 9)}  ${lpad(f, 9)}  ${lpad(same, 9)}${flag}${flag ? '' : flagE}\n`;
  }
  const totals = rows.reduce((a, r) => a.map((x, i) => x + Number(r[i + 1])), [0, 0, 0, 0]);
  out += `${pad('total', w)}  ${lpad(totals[0], 9)}  ${lpad(totals[1], 9)}  ${lpad(totals[2], 9)}  ${lpad(totals[3], 9)}\n`;
  out += '(input.cell of fangyi and SQL is input.* in expected-findings.csv; findings are matched by\n' +
    ' file name, line and rule, organisation findings by school and rule)\n';

  let differs = false;
  for (const [name, a, b] of [
    ['sql', 'sql', 'fangyi'],
    ['fangyi', 'fangyi', 'sql'],
    ['sql', 'sql', 'expected'],
    ['expected', 'expected', 'sql'],
    ['fangyi', 'fangyi', 'expected'],
    ['expected', 'expected', 'fangyi'],
  ]) {
    const q = `SELECT * FROM (SELECT rule, file, line, organisation FROM all_findings WHERE tool = '${a}'
               EXCEPT ALL SELECT rule, file, line, organisation FROM all_findings WHERE tool = '${b}')
               ORDER BY rule, file, line, organisation`;
    const diff = (await connection.runAndReadAll(q)).getRowsJS();
    if (diff.length === 0) continue;
    if ((a === 'sql' && b === 'fangyi') || (a === 'fangyi' && b === 'sql')) differs = true;
    out += `\n${diff.length} finding(s) of ${name} not in ${b}:\n`;
    for (const [rule, file, line, org] of diff.slice(0, show))
      out += `  ${rule}  ${file ?? ''}:${line}${org && Number(line) === 0 ? `  ${org}` : ''}\n`;
    if (diff.length > show) out += `  ... ${diff.length - show} more\n`;
  }
  if (!differs) out += '\nSQL and fangyi report the same findings.\n';
  process.stdout.write(out);
  process.exitCode = differs ? 1 : 0;
}

const opts = parseArgs(process.argv.slice(2));
try {
  await (opts.mode === 'check' ? check(opts) : compare(opts));
} catch (e) {
  process.stderr.write(`duckdb-checks: ${e?.message ?? e}\n`);
  process.exit(1);
}
