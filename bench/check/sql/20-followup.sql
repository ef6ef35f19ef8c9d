-- followup (rules/datasets/followup.yaml): read, convert, and evaluate the
-- row checks of rules/checks/000-followup.yaml and id-numbers.yaml in the
-- same pass. Kept for the case checks: the case key and the follow-up date.
CREATE OR REPLACE TABLE followup AS
WITH raw AS (
  SELECT
    fy_cell("學校") AS school,
    fy_cell("證號") AS id_number,
    fy_cell("追蹤日") AS followup_date_raw,
    fy_cell("追蹤情形") AS status_raw,
    fy_cell("發燒(≥38°C)") AS fever_raw,
    fy_cell("流鼻水或鼻塞") AS runny_nose_raw,
    fy_cell("腹瀉") AS diarrhoea_raw,
    fy_cell("呼吸困難") AS dyspnoea_raw,
    fy_cell("咳嗽") AS cough_raw,
    fy_cell("嗅、味覺異常") AS smell_taste_raw,
    fy_cell("全身倦怠") AS fatigue_raw,
    fy_cell("四肢無力") AS limb_weakness_raw,
    fy_cell("當日就醫") AS visited_doctor_raw,
    fy_cell("當日就醫備註") AS visit_note,
    fy_cell("協助就醫") AS assisted_visit_raw,
    fy_cell("症狀解除") AS symptoms_resolved_raw,
    fy_cell("填報時間") AS entered_at_raw
  FROM read_csv(getvariable('followup_csv'), header = true, all_varchar = true, delim = ',', quote = '"',
                escape = '"')
), typed AS (
  SELECT
    *,
    tw_digits8(id_number) AS id_digits8,
    fy_date(followup_date_raw) AS followup_date,
    fy_enum(status_raw, ['尚未派案', '訪視未遇', '無症狀', '有症狀', '出境']) AS status,
    -- every bool column of followup.yaml has the same spellings
    fy_bool(fever_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS fever,
    fy_bool(runny_nose_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS runny_nose,
    fy_bool(diarrhoea_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS diarrhoea,
    fy_bool(dyspnoea_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS dyspnoea,
    fy_bool(cough_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS cough,
    fy_bool(smell_taste_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS smell_taste,
    fy_bool(fatigue_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS fatigue,
    fy_bool(limb_weakness_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS limb_weakness,
    fy_bool(visited_doctor_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS visited_doctor,
    fy_bool(assisted_visit_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS assisted_visit,
    fy_bool(symptoms_resolved_raw, ['是', 'V', 'v', '✓', '☑', 'Y', '1'], ['否', 'N', '0', '☐']) AS symptoms_resolved,
    fy_datetime(entered_at_raw) AS entered_at
  FROM raw
), checked AS (
  SELECT
    *,
    fever OR runny_nose OR diarrhoea OR dyspnoea OR cough OR smell_taste OR fatigue OR limb_weakness AS any_symptom
  FROM typed
)
SELECT
  school, id_number, followup_date,
  fy_bad(followup_date_raw, followup_date) + fy_bad(status_raw, status)
    + fy_bad(fever_raw, fever) + fy_bad(runny_nose_raw, runny_nose) + fy_bad(diarrhoea_raw, diarrhoea)
    + fy_bad(dyspnoea_raw, dyspnoea) + fy_bad(cough_raw, cough) + fy_bad(smell_taste_raw, smell_taste)
    + fy_bad(fatigue_raw, fatigue) + fy_bad(limb_weakness_raw, limb_weakness)
    + fy_bad(visited_doctor_raw, visited_doctor) + fy_bad(assisted_visit_raw, assisted_visit)
    + fy_bad(symptoms_resolved_raw, symptoms_resolved) + fy_bad(entered_at_raw, entered_at) AS bad_cells,

  -- 000-followup.yaml; deadline("followup-entry") is the window 08:00..14:00 (rules/deadlines)
  fy_fires(has(entered_at),
           CAST(entered_at AS TIME) BETWEEN TIME '08:00' AND TIME '14:00') AS "followup-entered-in-window",
  fy_fires(has(entered_at) AND has(followup_date),
           CAST(entered_at AS DATE) = followup_date) AS "followup-entered-same-day",
  fy_fires(has(status), NOT fy_in(status, ['出境', '尚未派案'])) AS "followup-status-not-allowed",
  fy_fires(status = '有症狀' OR any_symptom, visited_doctor) AS "followup-symptom-visit-ticked",
  fy_fires(status = '有症狀' OR any_symptom, has(visit_note)) AS "followup-symptom-visit-note",
  fy_fires(status = '有症狀', any_symptom) AS "followup-symptoms-listed",
  fy_fires(has(status) AND any_symptom, status = '有症狀') AS "followup-symptoms-status",

  -- id-numbers.yaml
  fy_fires(has(id_number), id_valid(id_number, id_digits8)) AS "id-valid-followup"
FROM checked;

INSERT INTO findings
WITH t AS (SELECT getvariable('followup_csv') AS file, rowid + 2 AS line, school AS org, * FROM followup)
          SELECT file, line, 'followup-entered-in-window', org FROM t WHERE "followup-entered-in-window"
UNION ALL SELECT file, line, 'followup-entered-same-day', org FROM t WHERE "followup-entered-same-day"
UNION ALL SELECT file, line, 'followup-status-not-allowed', org FROM t WHERE "followup-status-not-allowed"
UNION ALL SELECT file, line, 'followup-symptom-visit-ticked', org FROM t WHERE "followup-symptom-visit-ticked"
UNION ALL SELECT file, line, 'followup-symptom-visit-note', org FROM t WHERE "followup-symptom-visit-note"
UNION ALL SELECT file, line, 'followup-symptoms-listed', org FROM t WHERE "followup-symptoms-listed"
UNION ALL SELECT file, line, 'followup-symptoms-status', org FROM t WHERE "followup-symptoms-status"
UNION ALL SELECT file, line, 'id-valid-followup', org FROM t WHERE "id-valid-followup"
UNION ALL SELECT file, line, 'input.cell', org FROM (SELECT *, unnest(range(bad_cells)) FROM t WHERE bad_cells > 0);
