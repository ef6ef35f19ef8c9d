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

-- id_valid(id, digits8), as generator/expr/taiwan_id.cc; digits8 must be
-- tw_digits8(id), computed in a column of its own beforehand (DuckDB does not
-- share a subexpression among the branches of a CASE; repeated, the cast
-- doubled the cost of the macro).
--   national (letter, 1|2, 8 digits) and new resident certificates (letter,
--   8|9, 8 digits): checksum; old resident certificates (letter, A-D, 8
--   digits): checksum with the second letter's code mod 10; entry permits (12
--   letters or digits) and passports (5-20 letters or digits, '-', 3 letters):
--   shape only. ASCII letters in either case.
-- The checksum maps the first letter to two digits (A=10 B=11 C=12 D=13 E=14
-- F=15 G=16 H=17 I=34 J=18 K=19 L=20 M=21 N=22 O=35 P=23 Q=24 R=25 S=26 T=27
-- U=28 V=29 W=32 X=30 Y=31 Z=33), weights the 11 digits 1,9,8,7,6,5,4,3,2,1,1,
-- and the sum must end in 0.
--   tw_letter_code(s): the code of the first character of s, an ASCII letter
--   in either case (ascii & 223 is the upper case).
CREATE OR REPLACE MACRO tw_letter_code(s) AS
  [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33]
  [(ascii(s) & 223) - 64];
--   tw_digits8(id): characters 3..10 as an integer (null unless digits).
CREATE OR REPLACE MACRO tw_digits8(id) AS TRY_CAST(substr(id, 3, 8) AS INTEGER);
--   tw_weighted8(n): those 8 digits weighted 7,6,5,4,3,2,1,1.
CREATE OR REPLACE MACRO tw_weighted8(n) AS
  n // 10000000 % 10 * 7 + n // 1000000 % 10 * 6 + n // 100000 % 10 * 5 + n // 10000 % 10 * 4
  + n // 1000 % 10 * 3 + n // 100 % 10 * 2 + n // 10 % 10 + n % 10;
--   the second character's value: a digit, or the last digit of its letter's code.
CREATE OR REPLACE MACRO tw_second(id) AS CASE
  WHEN ascii(substr(id, 2, 1)) < 64 THEN ascii(substr(id, 2, 1)) - 48 ELSE tw_letter_code(substr(id, 2, 1)) % 10 END;
CREATE OR REPLACE MACRO id_valid(id, digits8) AS CASE
  WHEN regexp_full_match(id, '[A-Za-z][1289A-Da-d][0-9]{8}')
    THEN (tw_letter_code(id) // 10 + tw_letter_code(id) % 10 * 9 + tw_second(id) * 8 + tw_weighted8(digits8)) % 10 = 0
  ELSE regexp_full_match(id, '[A-Za-z0-9]{12}|[A-Za-z0-9]{5,20}-[A-Za-z]{3}')
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

-- x in [a, b, ...]: null when x is null, as in fangyi. Not SQL's IN: DuckDB
-- turns an IN list of 5 or more constants into a join, which does not keep
-- the rows in file order (and the line numbers are rowids, see 10-case-list.sql).
CREATE OR REPLACE MACRO fy_in(x, list) AS list_contains(list, x);

-- has(x): not null and, for text, not empty (cells are already null when empty).
CREATE OR REPLACE MACRO has(x) AS x IS NOT NULL;
