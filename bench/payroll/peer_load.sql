-- The PostgreSQL peer of the payroll benchmark, part 1: the tables a typical system loads with
-- COPY (psql's \copy, run by bench/payroll/run, which appends the \copy lines for the month's
-- files). Plain logged tables on a server with fsync on.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS payroll CASCADE;
CREATE SCHEMA payroll;
SET search_path = payroll;

CREATE TABLE contracts (
  contract_id text, worker_id text, person_id text, employer_id text, country text,
  isco_code text, currency text, basic numeric, housing numeric, food numeric, transport numeric,
  other_allowance numeric, hours_per_day numeric, days_per_week int, overtime_rate numeric,
  start_date date, end_date date, payment_due_day int, max_deduction_percent int
);
CREATE TABLE floors (country text, isco_code text, currency text, amount numeric);
-- Every SIF record in file order (EDR, EVP, SCR: ten fields each); `file` set per file.
CREATE TABLE sif (
  ord bigserial, file text, f1 text, f2 text, f3 text, f4 text, f5 text, f6 text, f7 text,
  f8 text, f9 text, f10 text
);
CREATE TABLE ext (
  ord bigserial, contract_ref text, worker_id text, employer_id text, month text,
  days_worked int, unpaid_leave_days int, basic numeric, housing text, food text, transport text,
  other_allowance text, overtime_hours numeric, overtime_pay numeric, deductions text,
  payment_date date, payment_channel text, currency text
);
