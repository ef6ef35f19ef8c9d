-- Macros shared by the SQL versions of the checks (bench/check/run.sh).
--
-- Variables set by duckdb-checks.mjs before these files run:
--   case_list_csv, followup_csv, screening_csv  the exported files
--   today                                       DATE, fangyi's --today
--
-- Cells are read as VARCHAR and converted here exactly as fangyi's cell
-- reader does it (generator/check/cells.cc, core/date.cc), for the spellings
-- the exports use: a cell is trimmed of spaces and tabs, an empty cell is
-- null; a non-empty cell that does not convert is null and one `input.cell`
-- finding.

-- The text of a cell: spaces and tabs trimmed (and a trailing CR), empty ->
-- null. trim() is called only when an end needs it: it costs 4 times the tests.
CREATE OR REPLACE MACRO fy_cell(x) AS nullif(
  CASE WHEN starts_with(x, ' ') OR starts_with(x, e'\t') OR ends_with(x, ' ') OR ends_with(x, e'\t')
            OR ends_with(x, e'\r')
       THEN rtrim(ltrim(x, e' \t'), e' \t\r') ELSE x END, '');

-- `date` fields: yyyy/m/d (gregorian) or yyyy-mm-dd (iso); a date column may
-- also hold a datetime, whose date counts (cells.cc). ROC years (110/08/27,
-- 民國110年8月27日) and full-width digits are not translated: the synthetic
-- exports have none.
CREATE OR REPLACE MACRO fy_date(x) AS
  CAST(try_strptime(x, ['%Y/%m/%d', '%Y-%m-%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M',
                        '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M']) AS DATE);

-- `datetime` fields: a date, a space, H:MM or H:MM:SS; a bare date is midnight.
CREATE OR REPLACE MACRO fy_datetime(x) AS
  try_strptime(x, ['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M',
                   '%Y/%m/%d', '%Y-%m-%d']);

-- `enum` fields: the value if it is one of the allowed ones, else null.
CREATE OR REPLACE MACRO fy_enum(x, allowed) AS CASE WHEN list_contains(allowed, x) THEN x END;

-- `bool` fields with the dataset's true/false spellings. An empty cell is
-- null (not false): convert_cell returns null for "" before looking at the
-- spellings.
CREATE OR REPLACE MACRO fy_bool(x, yes, no) AS
  CASE WHEN list_contains(yes, x) THEN true WHEN list_contains(no, x) THEN false END;

-- 1 when a non-empty cell did not convert (one input.cell finding), else 0.
CREATE OR REPLACE MACRO fy_bad(raw, typed) AS CAST(raw IS NOT NULL AND typed IS NULL AS INTEGER);

-- day_of(day0, d): d - day0 in days.
CREATE OR REPLACE MACRO day_of(day0, d) AS CAST(d AS DATE) - day0;

CREATE OR REPLACE MACRO fy_today() AS CAST(getvariable('today') AS DATE);

-- id_valid(id), as generator/expr/taiwan_id.cc:
--   national (letter, 1|2, 8 digits) and new resident certificates (letter,
--   8|9, 8 digits): checksum; old resident certificates (letter, A-D, 8
--   digits): checksum with the second letter's code mod 10; entry permits (12
--   letters or digits) and passports (5-20 letters or digits, '-', 3 letters):
--   shape only. ASCII letters in any case.
-- The checksum maps the first letter to two digits (A=10 ... Z=33, I=34,
-- O=35: the string below lists the letters in code order from 10), weights
-- the 11 digits 1,9,8,7,6,5,4,3,2,1,1, and the sum must end in 0.
CREATE OR REPLACE MACRO tw_letter_code(c) AS position(upper(c) IN 'ABCDEFGHJKLMNPQRSTUVXYWZIO') + 9;
CREATE OR REPLACE MACRO tw_digit(id, i) AS ascii(substr(id, i, 1)) - 48;
CREATE OR REPLACE MACRO tw_checksum_ok(id, second) AS
  (tw_letter_code(substr(id, 1, 1)) // 10 + tw_letter_code(substr(id, 1, 1)) % 10 * 9 + second * 8
   + tw_digit(id, 3) * 7 + tw_digit(id, 4) * 6 + tw_digit(id, 5) * 5 + tw_digit(id, 6) * 4
   + tw_digit(id, 7) * 3 + tw_digit(id, 8) * 2 + tw_digit(id, 9) + tw_digit(id, 10)) % 10 = 0;
CREATE OR REPLACE MACRO id_valid(id) AS CASE
  WHEN regexp_full_match(id, '[A-Za-z][1289][0-9]{8}') THEN tw_checksum_ok(id, tw_digit(id, 2))
  WHEN regexp_full_match(id, '[A-Za-z][A-Da-d][0-9]{8}') THEN tw_checksum_ok(id, tw_letter_code(substr(id, 2, 1)) % 10)
  ELSE regexp_full_match(id, '[A-Za-z0-9]{12}') OR regexp_full_match(id, '[A-Za-z0-9]{5,20}-[A-Za-z]{3}')
END;

-- Every finding: the file as given, the file line (header = 1; 0 and no file
-- for an organisation finding), the rule and the organisation (the school of
-- the row, or of the case's first row). Severities are in rule_severity.
CREATE OR REPLACE TABLE findings (file VARCHAR, line BIGINT, rule VARCHAR, organisation VARCHAR);

-- Severities of the rules translated here (rules/checks/*.yaml).
CREATE OR REPLACE TABLE rule_severity AS SELECT * FROM (VALUES
  ('followup-every-day', 'error'), ('rapid-test-recorded', 'error'), ('rapid-test-in-window', 'warning'),
  ('pcr-recorded', 'error'), ('rapid-pcr-not-same-day', 'error'), ('closed-after-day14', 'error'),
  ('overdue-not-closed', 'error'), ('duplicate-id-number', 'warning'), ('quarantine-facility-not-reported', 'warning'),
  ('contact-info-confirmed', 'error'), ('contact-address-format', 'error'), ('contact-phone-format', 'error'),
  ('contact-phone-placeholder-moving', 'info'), ('contact-moving-placeholder-phone', 'warning'),
  ('confirm-status-present', 'error'), ('confirm-status-lost', 'serious'),
  ('followup-entered-in-window', 'error'), ('followup-entered-same-day', 'warning'),
  ('followup-status-not-allowed', 'error'), ('followup-symptom-visit-ticked', 'error'),
  ('followup-symptom-visit-note', 'error'), ('followup-symptoms-listed', 'warning'),
  ('followup-symptoms-status', 'warning'),
  ('rapid-test-result-value', 'error'), ('pcr-result-value', 'error'), ('pcr-time-range', 'error'),
  ('id-valid-case-list', 'error'), ('id-valid-followup', 'error'), ('id-valid-screening', 'error'),
  ('supervision-review-report', 'serious'), ('input.cell', 'error')
) AS t(rule, severity);

-- A check fires when its `when` holds (is true) and its `require` does not
-- (is false or null): fangyi's three-valued logic is SQL's.
CREATE OR REPLACE MACRO fy_fires(when_, require_) AS (when_) IS TRUE AND (require_) IS NOT TRUE;

-- has(x): not null and, for text, not empty (cells are already null when empty).
CREATE OR REPLACE MACRO has(x) AS x IS NOT NULL;
