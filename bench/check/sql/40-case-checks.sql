-- Case checks (scope: case) of rules/checks/000-case.yaml. A case is the rows
-- sharing the dataset key, id_number (its trimmed text; rows without one are
-- no case). As in fangyi, bare field names are those of the case's first
-- case-list row, a finding points at that row, and `followup` / `screening`
-- are the case's rows in those files.

-- The first case-list row of every case, and how many of its case-list rows
-- are not marked as duplicates (duplicate-id-number).
CREATE OR REPLACE TABLE cases AS
SELECT c.rowid + 2 AS line, c.school, c.id_number, c.entry_date, c.in_quarantine_facility, c.closing_status,
       c.confirm_status, c.closed_at, k.unmarked
FROM case_list c
JOIN (SELECT id_number, min(rowid) AS first,
             count(*) FILTER (WHERE NOT (has(name) AND contains(name, '重複證號'))) AS unmarked
      FROM case_list WHERE id_number IS NOT NULL GROUP BY id_number) k
  ON c.rowid = k.first;

-- Per case, the days 1..14 (counted from entry_date) that have a follow-up
-- record, as bits of an integer.
CREATE OR REPLACE TABLE case_followup AS
SELECT f.id_number,
       bit_or(CASE WHEN day_of(c.entry_date, f.followup_date) BETWEEN 1 AND 14
                   THEN CAST(1 AS INTEGER) << CAST(day_of(c.entry_date, f.followup_date) AS INTEGER) END) AS days
FROM followup f JOIN cases c USING (id_number)
GROUP BY f.id_number;

-- Per case, the comprehensions over its screening records. exists() ignores
-- a null predicate, all() fails on one: hence the IS TRUE.
CREATE OR REPLACE TABLE case_screening AS
SELECT s.id_number,
       -- rapid-test-recorded: exists(x in screening, x.type == "快篩" and ((day 10..12 and result in [...]) or 未完成))
       bool_or((s.type = '快篩'
                AND ((day_of(c.entry_date, s.screen_date) BETWEEN 10 AND 12
                      AND fy_in(s.result, ['陰性', '陽性', '不明', '未檢測']))
                     OR s.result = '未完成')) IS TRUE) AS rapid_recorded,
       -- rapid-test-in-window: all(x in screening, x.type != "快篩" or x.result == "未完成" or day 10..12)
       bool_and((s.type <> '快篩' OR s.result = '未完成'
                 OR day_of(c.entry_date, s.screen_date) BETWEEN 10 AND 12) IS TRUE) AS rapid_in_window,
       -- pcr-recorded: exists(x in screening, x.type == "PCR" and x.result in [完成, 未完成] and (未完成 or day 12..14))
       bool_or((s.type = 'PCR' AND fy_in(s.result, ['完成', '未完成'])
                AND (s.result = '未完成' OR day_of(c.entry_date, s.screen_date) BETWEEN 12 AND 14)) IS TRUE)
         AS pcr_recorded
FROM screening s JOIN cases c USING (id_number)
GROUP BY s.id_number;

-- rapid-pcr-not-same-day: the cases with a rapid test and a PCR on one (known) date.
CREATE OR REPLACE TABLE case_same_day AS
SELECT DISTINCT id_number FROM (
  SELECT id_number FROM screening
  WHERE id_number IS NOT NULL AND screen_date IS NOT NULL
  GROUP BY id_number, screen_date
  HAVING bool_or(type = '快篩') AND bool_or(type = 'PCR'));

INSERT INTO findings
WITH t AS (
  SELECT getvariable('case_list_csv') AS file, c.*, c.school AS org,
         (c.in_quarantine_facility IS NULL OR NOT c.in_quarantine_facility) AS not_in_facility,
         day_of(c.entry_date, fy_today()) AS today_day,
         f.days, s.rapid_recorded, s.rapid_in_window, s.pcr_recorded, d.id_number IS NOT NULL AS same_day
  FROM cases c
  LEFT JOIN case_followup f USING (id_number)
  LEFT JOIN case_screening s USING (id_number)
  LEFT JOIN case_same_day d USING (id_number)
)
SELECT file, line, 'followup-every-day', org FROM t
WHERE fy_fires(has(entry_date) AND not_in_facility,
               -- all(d in 1..14, d >= day_of(entry_date, today()) or exists(f in followup, day_of(...) == d))
               list_bool_and([d >= today_day OR coalesce((days >> d) & 1 = 1, false) FOR d IN range(1, 15)]))
UNION ALL
SELECT file, line, 'rapid-test-recorded', org FROM t
WHERE fy_fires(has(entry_date) AND not_in_facility AND (today_day > 12 OR closing_status = '已結案'),
               coalesce(rapid_recorded, false))
UNION ALL
SELECT file, line, 'rapid-test-in-window', org FROM t
WHERE fy_fires(has(entry_date), coalesce(rapid_in_window, true))
UNION ALL
SELECT file, line, 'pcr-recorded', org FROM t
WHERE fy_fires(has(entry_date) AND not_in_facility AND (today_day > 14 OR closing_status = '已結案'),
               coalesce(pcr_recorded, false))
UNION ALL
SELECT file, line, 'rapid-pcr-not-same-day', org FROM t
WHERE fy_fires(has(entry_date), NOT same_day)
UNION ALL
SELECT file, line, 'closed-after-day14', org FROM t
WHERE fy_fires(has(entry_date) AND (closing_status = '已結案' OR confirm_status = '已結案'),
               coalesce((days >> 14) & 1 = 1, false)
                 AND (closed_at IS NULL OR day_of(entry_date, closed_at) >= 14))
UNION ALL
SELECT file, line, 'duplicate-id-number', org FROM t
WHERE fy_fires(true, unmarked <= 1);
