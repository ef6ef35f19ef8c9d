-- case-list (rules/datasets/case-list.yaml): read, convert, and evaluate the
-- row checks of rules/checks/000-case.yaml, 000-contact-info.yaml and
-- id-numbers.yaml in the same pass. The table keeps what the case checks
-- need and one boolean per row check (true = a finding); its rowid is the
-- row's position in the file, so the file line is rowid + 2.
--
-- Not in the synthetic exports, so not read: 是否為機組員 (crew) and
-- 14日內是否有過篩檢 (screened_14d), two bool columns no check uses.
CREATE OR REPLACE TABLE case_list AS
WITH raw AS (
  SELECT
    fy_cell("學校") AS school,
    fy_cell("入境日期") AS entry_date_raw,
    fy_cell("指派日期") AS assigned_at_raw,
    fy_cell("姓名") AS name,
    fy_cell("證號") AS id_number,
    fy_cell("是否為外籍生") AS foreign_student_raw,
    fy_cell("已確認地址") AS confirmed_address,
    fy_cell("已確認電話") AS confirmed_phone,
    fy_cell("確認狀態") AS confirm_status_raw,
    fy_cell("結案狀態") AS closing_status_raw,
    fy_cell("結案日期") AS closed_at_raw,
    fy_cell("是否入住集中檢疫所") AS in_quarantine_facility_raw
  FROM read_csv(getvariable('case_list_csv'), header = true, all_varchar = true, delim = ',', quote = '"',
                escape = '"')
), typed AS (
  SELECT
    *,
    tw_digits8(id_number) AS id_digits8,
    fy_date(entry_date_raw) AS entry_date,
    fy_datetime(assigned_at_raw) AS assigned_at,
    fy_bool(foreign_student_raw, ['是', '外', 'V', '✓', 'Y'], ['否', 'N']) AS foreign_student,
    fy_enum(confirm_status_raw, ['未確認', '已確認', '僅部分確認', '失聯', '已結案']) AS confirm_status,
    fy_enum(closing_status_raw, ['尚未結案', '已結案']) AS closing_status,
    fy_date(closed_at_raw) AS closed_at,
    fy_bool(in_quarantine_facility_raw, ['是', 'V', '✓', 'Y'], ['否', 'N']) AS in_quarantine_facility
  FROM raw
)
SELECT
  school, id_number, name, entry_date, confirm_status, closing_status, closed_at, in_quarantine_facility,
  fy_bad(entry_date_raw, entry_date) + fy_bad(assigned_at_raw, assigned_at)
    + fy_bad(foreign_student_raw, foreign_student) + fy_bad(confirm_status_raw, confirm_status)
    + fy_bad(closing_status_raw, closing_status) + fy_bad(closed_at_raw, closed_at)
    + fy_bad(in_quarantine_facility_raw, in_quarantine_facility) AS bad_cells,

  -- 000-case.yaml
  fy_fires(has(entry_date) AND (in_quarantine_facility IS NULL OR NOT in_quarantine_facility)
             AND day_of(entry_date, fy_today()) > 14,
           closing_status = '已結案' OR confirm_status = '已結案') AS "overdue-not-closed",
  fy_fires(in_quarantine_facility, false) AS "quarantine-facility-not-reported",

  -- 000-contact-info.yaml
  fy_fires(has(confirm_status) AND has(assigned_at) AND CAST(assigned_at AS DATE) < fy_today(),
           NOT fy_in(confirm_status, ['未確認', '僅部分確認']) AND confirmed_address <> '尚未確認'
             AND confirmed_phone <> '尚未確認') AS "contact-info-confirmed",
  fy_fires(has(confirmed_address) AND confirmed_address <> '尚未確認',
           regexp_full_match(confirmed_address,
             '[0-9]{0,6} *.{1,4}[市縣].{1,5}?[區鄉鎮市].*[0-9０-９一二三四五六七八九十百]+ *號.*'))
    AS "contact-address-format",
  fy_fires(has(confirmed_phone) AND confirmed_phone <> '尚未確認',
           regexp_full_match(confirmed_phone, '09[0-9]{8}')) AS "contact-phone-format",
  fy_fires(confirmed_phone = '0900000000',
           has(name) AND contains(name, '移動中')) AS "contact-phone-placeholder-moving",
  fy_fires(has(name) AND contains(name, '移動中'),
           confirmed_phone = '0900000000') AS "contact-moving-placeholder-phone",
  fy_fires(true, has(confirm_status)) AS "confirm-status-present",
  fy_fires(has(confirm_status), confirm_status <> '失聯') AS "confirm-status-lost",

  -- id-numbers.yaml
  fy_fires(has(id_number), id_valid(id_number, id_digits8)) AS "id-valid-case-list"
FROM typed;

INSERT INTO findings
WITH t AS (SELECT getvariable('case_list_csv') AS file, rowid + 2 AS line, school AS org, * FROM case_list)
          SELECT file, line, 'overdue-not-closed', org FROM t WHERE "overdue-not-closed"
UNION ALL SELECT file, line, 'quarantine-facility-not-reported', org FROM t WHERE "quarantine-facility-not-reported"
UNION ALL SELECT file, line, 'contact-info-confirmed', org FROM t WHERE "contact-info-confirmed"
UNION ALL SELECT file, line, 'contact-address-format', org FROM t WHERE "contact-address-format"
UNION ALL SELECT file, line, 'contact-phone-format', org FROM t WHERE "contact-phone-format"
UNION ALL SELECT file, line, 'contact-phone-placeholder-moving', org FROM t WHERE "contact-phone-placeholder-moving"
UNION ALL SELECT file, line, 'contact-moving-placeholder-phone', org FROM t WHERE "contact-moving-placeholder-phone"
UNION ALL SELECT file, line, 'confirm-status-present', org FROM t WHERE "confirm-status-present"
UNION ALL SELECT file, line, 'confirm-status-lost', org FROM t WHERE "confirm-status-lost"
UNION ALL SELECT file, line, 'id-valid-case-list', org FROM t WHERE "id-valid-case-list"
UNION ALL SELECT file, line, 'input.cell', org FROM (SELECT *, unnest(range(bad_cells)) FROM t WHERE bad_cells > 0);
