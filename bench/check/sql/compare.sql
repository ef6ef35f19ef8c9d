-- Used by `duckdb-checks.mjs compare` (not part of the timed checks): the
-- findings of the generator's manifest, of the SQL checks and of fangyi,
-- normalised to (tool, rule, file name, line, organisation): input.cell
-- becomes the manifest's input.*, a path its file name, and the organisation
-- is kept only for organisation findings (line 0), which have no file.
CREATE OR REPLACE MACRO cmp_file(f) AS nullif(regexp_extract(coalesce(f, ''), '[^/]*$'), '');

CREATE OR REPLACE TABLE all_findings AS
SELECT 'expected' AS tool, rule, cmp_file(file) AS file, CAST(line AS BIGINT) AS line,
       CASE WHEN CAST(line AS BIGINT) = 0 THEN organisation END AS organisation
FROM read_csv(getvariable('expected_csv'), header = true, all_varchar = true)
UNION ALL
SELECT 'sql', CASE WHEN rule = 'input.cell' THEN 'input.*' ELSE rule END, cmp_file(file), CAST(line AS BIGINT),
       CASE WHEN CAST(line AS BIGINT) = 0 THEN organisation END
FROM read_csv(getvariable('sql_csv'), header = true, all_varchar = true)
UNION ALL
SELECT 'fangyi', CASE WHEN starts_with(rule, 'input.') THEN 'input.*' ELSE rule END, cmp_file(file), line,
       CASE WHEN line = 0 THEN organisation END
FROM read_json(getvariable('fangyi_jsonl'), format = 'newline_delimited',
               columns = {file: 'VARCHAR', line: 'BIGINT', rule: 'VARCHAR', organisation: 'VARCHAR'});

CREATE OR REPLACE TABLE per_rule AS
WITH counts AS (
  SELECT rule,
         count(*) FILTER (WHERE tool = 'expected') AS expected,
         count(*) FILTER (WHERE tool = 'sql') AS sql,
         count(*) FILTER (WHERE tool = 'fangyi') AS fangyi
  FROM all_findings GROUP BY rule
), same AS (
  SELECT rule, count(*) AS same FROM (
    SELECT rule, file, line, organisation FROM all_findings WHERE tool = 'sql'
    INTERSECT ALL
    SELECT rule, file, line, organisation FROM all_findings WHERE tool = 'fangyi')
  GROUP BY rule
)
SELECT c.rule, c.expected, c.sql, c.fangyi, coalesce(s.same, 0) AS same
FROM counts c LEFT JOIN same s USING (rule);

