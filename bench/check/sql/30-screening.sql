-- screening (rules/datasets/screening.yaml): read, convert, and evaluate the
-- row checks of rules/checks/000-screening.yaml and id-numbers.yaml in the
-- same pass. Kept for the case checks: key, date, type and result.
CREATE OR REPLACE TABLE screening AS
WITH raw AS (
  SELECT
    fy_cell("學校") AS school,
    fy_cell("證號") AS id_number,
    fy_cell("篩檢日期") AS screen_date_raw,
    fy_cell("篩檢類型") AS type_raw,
    fy_cell("篩檢結果") AS result_raw,
    fy_cell("PCR時間(起)") AS pcr_from_raw,
    fy_cell("PCR時間(迄)") AS pcr_to_raw
  FROM read_csv(getvariable('screening_csv'), header = true, all_varchar = true, delim = ',', quote = '"',
                escape = '"')
), typed AS (
  SELECT
    *,
    tw_digits8(id_number) AS id_digits8,
    fy_date(screen_date_raw) AS screen_date,
    fy_enum(type_raw, ['快篩', 'PCR']) AS type,
    fy_enum(result_raw, ['陰性', '陽性', '不明', '未檢測', '未完成', '完成']) AS result,
    fy_datetime(pcr_from_raw) AS pcr_from,
    fy_datetime(pcr_to_raw) AS pcr_to
  FROM raw
)
SELECT
  school, id_number, screen_date, type, result,
  fy_bad(screen_date_raw, screen_date) + fy_bad(type_raw, type) + fy_bad(result_raw, result)
    + fy_bad(pcr_from_raw, pcr_from) + fy_bad(pcr_to_raw, pcr_to) AS bad_cells,

  -- 000-screening.yaml
  fy_fires(type = '快篩', fy_in(result, ['陰性', '陽性', '不明', '未檢測', '未完成'])) AS "rapid-test-result-value",
  fy_fires(type = 'PCR', fy_in(result, ['完成', '未完成'])) AS "pcr-result-value",
  fy_fires(type = 'PCR' AND result = '完成',
           has(pcr_from) AND has(pcr_to) AND pcr_from <= pcr_to) AS "pcr-time-range",

  -- id-numbers.yaml
  fy_fires(has(id_number), id_valid(id_number, id_digits8)) AS "id-valid-screening"
FROM typed;

INSERT INTO findings
WITH t AS (SELECT getvariable('screening_csv') AS file, rowid + 2 AS line, school AS org, * FROM screening)
          SELECT file, line, 'rapid-test-result-value', org FROM t WHERE "rapid-test-result-value"
UNION ALL SELECT file, line, 'pcr-result-value', org FROM t WHERE "pcr-result-value"
UNION ALL SELECT file, line, 'pcr-time-range', org FROM t WHERE "pcr-time-range"
UNION ALL SELECT file, line, 'id-valid-screening', org FROM t WHERE "id-valid-screening"
UNION ALL SELECT file, line, 'input.cell', org FROM (SELECT *, unnest(range(bad_cells)) FROM t WHERE bad_cells > 0);
