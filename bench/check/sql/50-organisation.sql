-- rules/checks/000-supervision.yaml (scope: organisation): every school of
-- the case-list rows whose findings so far (row and case checks, all files)
-- include 3 or more of severity serious.
INSERT INTO findings
SELECT NULL, 0, 'supervision-review-report', o.school
FROM (SELECT DISTINCT school FROM case_list WHERE school IS NOT NULL) o
LEFT JOIN (SELECT f.organisation, count(*) AS serious
           FROM findings f JOIN rule_severity r USING (rule)
           WHERE r.severity = 'serious'
           GROUP BY f.organisation) s ON s.organisation = o.school
WHERE fy_fires(true, coalesce(s.serious, 0) < 3);
