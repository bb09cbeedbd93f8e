-- The PostgreSQL peer of the payroll benchmark, part 2: the same checks as the engine
-- (docs/formats/payroll.md §4) written the way a typical system would, as SQL joins and
-- aggregates over the loaded tables, for the benchmark's month (March 2026, 31 days, wages due
-- on the contract's day of April). Prints one finding per line in the benchmark's
-- expected.txt form: code,worker,month,expected,actual. Amounts are AED (2 decimals), as the
-- benchmark's data is. The peer does not re-check file structure (COPY's types do part of it).
\set ON_ERROR_STOP on
SET search_path = payroll;
SET work_mem = '256MB';
ANALYZE contracts;
ANALYZE floors;
ANALYZE sif;
ANALYZE ext;

CREATE FUNCTION amt(bigint) RETURNS text IMMUTABLE LANGUAGE sql
  AS $$ SELECT ($1 / 100)::text || '.' || lpad(($1 % 100)::text, 2, '0') || ' AED' $$;

-- Contracts in minor units, with their days in the month, due date and wage floor.
CREATE TABLE k AS
SELECT c.contract_id, c.worker_id, c.person_id, c.employer_id,
       round(c.basic * 100)::bigint AS basic,
       round((c.housing + c.food + c.transport + c.other_allowance) * 100)::bigint AS allow,
       round(c.hours_per_day * 100)::bigint AS hpd, c.days_per_week AS dpw,
       round(c.overtime_rate * 1000)::bigint AS rate,
       greatest(0, least(coalesce(c.end_date, DATE '2026-03-31'), DATE '2026-03-31')
                   - greatest(c.start_date, DATE '2026-03-01') + 1) AS cdays,
       make_date(2026, 4, least(c.payment_due_day, 30)) AS due,
       c.max_deduction_percent AS cap,
       round(coalesce(fo.amount, fa.amount) * 100)::bigint AS floor
FROM contracts c
LEFT JOIN floors fo ON fo.country = c.country AND fo.isco_code = c.isco_code
LEFT JOIN floors fa ON fa.country = c.country AND fa.isco_code = '*';
CREATE INDEX k_contract ON k (contract_id);
CREATE INDEX k_person ON k (person_id, employer_id);
CREATE INDEX k_worker ON k (worker_id);
ANALYZE k;

-- SIF employee lines with their EVP and their file's control record.
CREATE TABLE sl AS
SELECT e.ord, e.f2 AS person, e.f10::int AS leave,
       round((e.f8::numeric + e.f9::numeric) * 100)::bigint AS total,
       round((e.f8::numeric + CASE WHEN v.ord IS NULL THEN e.f9::numeric
                                   ELSE v.f4::numeric + v.f5::numeric + v.f6::numeric
                                        + v.f9::numeric END) * 100)::bigint AS regular,
       s.f2 AS employer, s.f4::date AS paid_on
FROM sif e
LEFT JOIN sif v ON v.ord = e.ord + 1 AND v.f1 = 'EVP'
JOIN sif s ON s.file = e.file AND s.f1 = 'SCR'
WHERE e.f1 = 'EDR';
ANALYZE sl;

-- Extended lines with their deductions parsed.
CREATE TABLE xd AS
SELECT x.ord, split_part(p, ':', 1) AS reason,
       round(split_part(p, ':', 2)::numeric * 100)::bigint AS amount
FROM ext x, regexp_split_to_table(x.deductions, ';') AS p
WHERE x.deductions IS NOT NULL AND x.deductions <> '';
CREATE TABLE xl AS
SELECT x.ord, x.contract_ref, x.worker_id, x.employer_id, x.unpaid_leave_days AS leave,
       round(x.basic * 100)::bigint AS basic_paid,
       round((CASE WHEN x.housing ~ '^[0-9.]+$' THEN x.housing::numeric ELSE 0 END
            + CASE WHEN x.food ~ '^[0-9.]+$' THEN x.food::numeric ELSE 0 END
            + CASE WHEN x.transport ~ '^[0-9.]+$' THEN x.transport::numeric ELSE 0 END
            + CASE WHEN x.other_allowance ~ '^[0-9.]+$' THEN x.other_allowance::numeric ELSE 0 END)
             * 100)::bigint AS allow_paid,
       round(x.overtime_hours * 100)::bigint AS ot_hours,
       round(x.overtime_pay * 100)::bigint AS ot_pay,
       coalesce(d.total, 0)::bigint AS deducted, x.payment_date
FROM ext x
LEFT JOIN (SELECT ord, sum(amount) AS total FROM xd GROUP BY ord) d ON d.ord = x.ord;
ANALYZE xd;
ANALYZE xl;

-- Every line matched to an active contract, in the order the files are read (SIF files, then
-- the extended file): the first line of a contract is held to it, later ones are duplicates.
CREATE TABLE matched AS
SELECT 0 AS src, sl.ord, k.contract_id FROM sl
  JOIN k ON k.person_id = sl.person AND k.employer_id = sl.employer AND k.cdays > 0
UNION ALL
SELECT 1, xl.ord, k.contract_id FROM xl
  JOIN k ON k.contract_id = xl.contract_ref AND k.worker_id = xl.worker_id
        AND k.employer_id = xl.employer_id AND k.cdays > 0;
CREATE TABLE ranked AS
SELECT src, ord, contract_id, row_number() OVER (PARTITION BY contract_id ORDER BY src, ord) AS n
FROM matched;
CREATE INDEX ranked_line ON ranked (src, ord);
ANALYZE ranked;

CREATE TABLE findings (code text, worker text, expected text, actual text);

-- SIF lines held to their contract (amounts are formatted only for the findings that fire).
WITH s AS MATERIALIZED (
  SELECT k.worker_id, sl.total, sl.regular, sl.paid_on, k.due,
         k.basic * greatest(0, k.cdays - sl.leave) / 31
           + k.allow * greatest(0, k.cdays - sl.leave) / 31 AS owed,
         k.floor * greatest(0, k.cdays - sl.leave) / 31 AS floor_due
  FROM sl JOIN ranked r ON r.src = 0 AND r.ord = sl.ord AND r.n = 1
  JOIN k ON k.contract_id = r.contract_id
)
INSERT INTO findings
SELECT f.code, s.worker_id,
       CASE WHEN f.code = 'late' THEN s.due::text ELSE amt(f.expected) END,
       CASE WHEN f.code = 'late' THEN s.paid_on::text ELSE amt(f.actual) END
FROM s,
LATERAL (VALUES
  ('unpaid', s.owed, 0::bigint, s.total = 0 AND s.owed > 0),
  ('partial', s.owed, s.regular, NOT (s.total = 0 AND s.owed > 0) AND s.regular < s.owed),
  ('below_wage_floor', s.floor_due, s.regular,
   NOT (s.total = 0 AND s.owed > 0) AND s.floor_due IS NOT NULL AND s.regular < s.floor_due),
  ('late', 0::bigint, 0::bigint, NOT (s.total = 0 AND s.owed > 0) AND s.paid_on > s.due)
) AS f(code, expected, actual, fires)
WHERE f.fires;

-- SIF lines of a person with no active contract with that employer, or none at all.
INSERT INTO findings
SELECT CASE WHEN o.worker_id IS NULL THEN 'unknown_worker' ELSE 'no_active_contract' END,
       coalesce(o.worker_id, sl.person), amt(0), amt(sl.total)
FROM sl
LEFT JOIN LATERAL (SELECT k.worker_id FROM k WHERE k.person_id = sl.person LIMIT 1) o ON true
WHERE NOT EXISTS (SELECT 1 FROM ranked r WHERE r.src = 0 AND r.ord = sl.ord);

-- Extended lines held to their contract.
WITH s AS MATERIALIZED (
  SELECT k.worker_id, xl.basic_paid, xl.allow_paid, xl.ot_hours, xl.ot_pay, xl.deducted,
         xl.payment_date, k.due, k.cap,
         xl.basic_paid + xl.allow_paid + xl.ot_pay AS gross,
         xl.basic_paid + xl.allow_paid + xl.ot_pay - xl.deducted AS net,
         k.basic * greatest(0, k.cdays - xl.leave) / 31 AS e_basic,
         k.allow * greatest(0, k.cdays - xl.leave) / 31 AS e_allow,
         k.floor * greatest(0, k.cdays - xl.leave) / 31 AS floor_due,
         floor(xl.ot_hours::numeric * k.basic * 12 * k.rate
               / (k.dpw * k.hpd * 52 * 1000))::bigint AS e_ot
  FROM xl JOIN ranked r ON r.src = 1 AND r.ord = xl.ord AND r.n = 1
  JOIN k ON k.contract_id = r.contract_id
)
INSERT INTO findings
SELECT f.code, s.worker_id,
       CASE WHEN f.code = 'late' THEN s.due::text ELSE amt(f.expected) END,
       CASE WHEN f.code = 'late' THEN s.payment_date::text ELSE amt(f.actual) END
FROM s,
LATERAL (VALUES
  ('unpaid', s.e_basic + s.e_allow, 0::bigint, s.net = 0 AND s.e_basic + s.e_allow > 0),
  ('below_contract_basic', s.e_basic, s.basic_paid,
   NOT (s.net = 0 AND s.e_basic + s.e_allow > 0) AND s.basic_paid < s.e_basic),
  ('below_contract_allowances', s.e_allow, s.allow_paid,
   NOT (s.net = 0 AND s.e_basic + s.e_allow > 0) AND s.allow_paid < s.e_allow),
  ('below_wage_floor', s.floor_due, s.basic_paid,
   NOT (s.net = 0 AND s.e_basic + s.e_allow > 0) AND s.floor_due IS NOT NULL
   AND s.basic_paid < s.floor_due),
  ('overtime_unpaid', s.e_ot, s.ot_pay,
   NOT (s.net = 0 AND s.e_basic + s.e_allow > 0) AND s.ot_hours > 0 AND s.ot_pay < s.e_ot),
  ('late', 0::bigint, 0::bigint,
   NOT (s.net = 0 AND s.e_basic + s.e_allow > 0) AND s.payment_date > s.due),
  ('deduction_over_cap', s.cap * s.gross / 100, s.deducted, s.deducted * 100 > s.cap * s.gross)
) AS f(code, expected, actual, fires)
WHERE f.fires;

-- Extended lines not held to a contract: unknown worker, no active contract.
INSERT INTO findings
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM k w WHERE w.worker_id = xl.worker_id)
            THEN 'unknown_worker' ELSE 'no_active_contract' END,
       xl.worker_id, amt(0), amt(xl.basic_paid + xl.allow_paid + xl.ot_pay - xl.deducted)
FROM xl
WHERE NOT EXISTS (SELECT 1 FROM ranked r WHERE r.src = 1 AND r.ord = xl.ord);

-- Duplicates: every line after a contract's first.
INSERT INTO findings
SELECT 'duplicate_line', k.worker_id, amt(0),
       amt(CASE WHEN r.src = 0 THEN sl.total
                ELSE xl.basic_paid + xl.allow_paid + xl.ot_pay - xl.deducted END)
FROM ranked r JOIN k ON k.contract_id = r.contract_id
LEFT JOIN sl ON r.src = 0 AND sl.ord = r.ord
LEFT JOIN xl ON r.src = 1 AND xl.ord = r.ord
WHERE r.n > 1;

-- Deductions for a reason not on the lawful list, on any extended line.
INSERT INTO findings
SELECT 'deduction_unlawful_reason', xl.worker_id, amt(0), amt(xd.amount)
FROM xd JOIN xl ON xl.ord = xd.ord
WHERE xd.reason NOT IN ('advance_recovery', 'accommodation_as_contracted', 'social_insurance',
                        'court_order', 'absence', 'loss_damage', 'other');

-- Active contracts no line paid.
INSERT INTO findings
SELECT 'missing_worker', k.worker_id, amt(k.basic * k.cdays / 31 + k.allow * k.cdays / 31), amt(0)
FROM k
WHERE k.cdays > 0 AND k.basic * k.cdays / 31 + k.allow * k.cdays / 31 > 0
  AND NOT EXISTS (SELECT 1 FROM ranked r WHERE r.contract_id = k.contract_id);

COPY (SELECT code || ',' || worker || ',2026-03,' || expected || ',' || actual FROM findings)
  TO STDOUT;
