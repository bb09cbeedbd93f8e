#include "store/migrations.hpp"

#include <string>

namespace corridor::store {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Append only: a released migration is never edited.
constexpr Migration kMigrations[] = {
    {1, "ledger and registry", R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The tamper-evident ledger (docs/formats/ledger.md).
CREATE TABLE ledger_state (
  id INTEGER PRIMARY KEY,
  size BIGINT NOT NULL,
  writes BIGINT NOT NULL
);
INSERT INTO ledger_state (id, size, writes) VALUES (1, 0, 0);
CREATE TABLE ledger_events (
  idx BIGINT PRIMARY KEY,
  leaf_hash {BLOB} NOT NULL,
  event {BLOB} NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  time_ms BIGINT NOT NULL
);
CREATE INDEX ledger_events_subject ON ledger_events (subject, idx);
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash {BLOB} NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE ledger_heads (
  size BIGINT PRIMARY KEY,
  root {BLOB} NOT NULL,
  time_ms BIGINT NOT NULL,
  signature {BLOB} NOT NULL
);

-- The registry. Each record is its canonical JSON document plus the columns it is found by.
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  passport_key TEXT NOT NULL UNIQUE,
  nationality TEXT NOT NULL,
  family_name TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX workers_nationality ON workers (nationality, id);
CREATE TABLE employers (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  registration_key TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  sector TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  licence_key TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE job_orders (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  employer_id TEXT NOT NULL REFERENCES employers (id),
  agency_id TEXT REFERENCES agencies (id),
  status TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX job_orders_employer ON job_orders (employer_id, id);
CREATE TABLE contracts (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  employer_id TEXT NOT NULL REFERENCES employers (id),
  agency_id TEXT REFERENCES agencies (id),
  state TEXT NOT NULL,
  origin_country TEXT NOT NULL,
  destination_country TEXT NOT NULL,
  digest TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX contracts_worker ON contracts (worker_id, id);
CREATE INDEX contracts_employer ON contracts (employer_id, id);
CREATE INDEX contracts_agency ON contracts (agency_id, id);
CREATE INDEX contracts_state ON contracts (state, id);
CREATE TABLE permits (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  contract_id TEXT NOT NULL REFERENCES contracts (id),
  status TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX permits_worker ON permits (worker_id, id);
CREATE INDEX permits_contract ON permits (contract_id);
CREATE TABLE transfers (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  from_employer TEXT NOT NULL,
  to_employer TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX transfers_worker ON transfers (worker_id, id);
CREATE TABLE absence_reports (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  employer_id TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX absence_reports_worker ON absence_reports (worker_id, id);
CREATE TABLE exit_notices (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  departure_date TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX exit_notices_worker ON exit_notices (worker_id, id);
CREATE TABLE occupations (
  isco_code TEXT PRIMARY KEY,
  title TEXT NOT NULL
);
CREATE TABLE wage_floors (
  country TEXT NOT NULL,
  isco_code TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  currency TEXT NOT NULL,
  minimum_minor BIGINT NOT NULL,
  PRIMARY KEY (country, isco_code, effective_from)
);
CREATE TABLE country_rules (
  country TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  time_ms BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX notifications_recipient ON notifications (recipient, time_ms);
)sql"},
    {2, "accounts, sessions, access log, idempotency keys", R"sql(
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  country TEXT NOT NULL,
  employer_id TEXT,
  agency_id TEXT,
  worker_id TEXT,
  display_name TEXT NOT NULL,
  language TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL,
  locked_until_ms BIGINT NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash {BLOB} PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  revoked INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
-- Every decision to show or refuse a person's record: who, what, when, allowed or not.
CREATE TABLE access_log (
  id {AUTOID},
  time_ms BIGINT NOT NULL,
  account_id TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  allowed INTEGER NOT NULL
);
CREATE INDEX access_log_subject ON access_log (subject_id, time_ms);
CREATE INDEX access_log_account ON access_log (account_id, time_ms);
-- A creating request retried with the same Idempotency-Key never creates twice.
CREATE TABLE idempotency_keys (
  account_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash {BLOB} NOT NULL,
  subject TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (account_id, key)
);
)sql"},
    {3, "person numbers, payroll files, findings, balances, escalation, transfer unlocks", R"sql(
-- A worker's person number in the destination (14 digits, docs/formats/payroll.md): payroll
-- files name workers by it. One per worker, never reused.
CREATE TABLE person_numbers (
  number TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL UNIQUE REFERENCES workers (id),
  created_ms BIGINT NOT NULL
);
-- Every version of every payroll file: one current per employer and month. The file itself is
-- kept with its findings, in the same transaction as its ledger event.
CREATE TABLE payroll_files (
  id TEXT PRIMARY KEY,
  employer_id TEXT NOT NULL,
  month TEXT NOT NULL,
  version BIGINT NOT NULL,
  is_current INTEGER NOT NULL,
  format TEXT NOT NULL,
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  findings BIGINT NOT NULL,
  paid_on TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_ms BIGINT NOT NULL,
  content {BLOB}
);
CREATE UNIQUE INDEX payroll_files_version ON payroll_files (employer_id, month, version);
CREATE INDEX payroll_files_current ON payroll_files (is_current, month, employer_id);
CREATE TABLE payroll_findings (
  file_id TEXT NOT NULL REFERENCES payroll_files (id),
  seq BIGINT NOT NULL,
  code TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  origin_country TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (file_id, seq)
);
CREATE INDEX payroll_findings_worker ON payroll_findings (worker_id, file_id);
-- What each worker was owed and paid in a file's month (every line, for the wage history).
CREATE TABLE payroll_balances (
  file_id TEXT NOT NULL REFERENCES payroll_files (id),
  seq BIGINT NOT NULL,
  worker_id TEXT NOT NULL,
  employer_id TEXT NOT NULL,
  month TEXT NOT NULL,
  currency TEXT NOT NULL,
  owed_minor BIGINT NOT NULL,
  paid_minor BIGINT NOT NULL,
  PRIMARY KEY (file_id, seq)
);
CREATE INDEX payroll_balances_worker ON payroll_balances (worker_id, month);
CREATE INDEX payroll_balances_employer ON payroll_balances (employer_id, month);
-- Escalation steps taken, once each per employer, month and action.
CREATE TABLE payroll_steps (
  employer_id TEXT NOT NULL,
  month TEXT NOT NULL,
  action TEXT NOT NULL,
  due_on TEXT NOT NULL,
  taken_ms BIGINT NOT NULL,
  lifted_ms BIGINT,
  PRIMARY KEY (employer_id, month, action)
);
-- Workers whose wage arrears waive the notice of a job change away from that employer.
CREATE TABLE payroll_unlocks (
  worker_id TEXT NOT NULL,
  employer_id TEXT NOT NULL,
  months BIGINT NOT NULL,
  outstanding_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  active INTEGER NOT NULL,
  updated_ms BIGINT NOT NULL,
  PRIMARY KEY (worker_id, employer_id)
);
)sql"},
    {4, "border: watchlists and their versions, crossings, screening hits, overstays", R"sql(
-- Watchlists (docs/formats/watchlists.md, "Stored versions"). An entry row lives from the version
-- that added it until the version that removed or changed it, so every version of every list can
-- be read back exactly; its digest is in the ledger.
CREATE TABLE watchlists (
  list_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  format TEXT NOT NULL,
  digest TEXT NOT NULL,
  entries BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE watchlist_versions (
  list_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  format TEXT NOT NULL,
  digest TEXT NOT NULL,
  entries BIGINT NOT NULL,
  added BIGINT NOT NULL,
  changed BIGINT NOT NULL,
  removed BIGINT NOT NULL,
  sources TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_ms BIGINT NOT NULL,
  PRIMARY KEY (list_id, version)
);
CREATE TABLE watchlist_entries (
  list_id TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  added_version BIGINT NOT NULL,
  removed_version BIGINT,
  doc_hash TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (list_id, entry_id, added_version)
);
CREATE INDEX watchlist_entries_live ON watchlist_entries (list_id, removed_version);

-- Crossings, in the order they were recorded (seq), by person: the registry's worker or the
-- document.
CREATE TABLE crossings (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  direction TEXT NOT NULL,
  person_key TEXT NOT NULL,
  worker_id TEXT,
  document_key TEXT NOT NULL,
  crossed_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX crossings_person ON crossings (person_key, seq);
CREATE INDEX crossings_worker ON crossings (worker_id, id);
CREATE INDEX crossings_document ON crossings (document_key, id);
CREATE INDEX crossings_direction ON crossings (direction, id);
CREATE TABLE screening_hits (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  crossing_id TEXT NOT NULL REFERENCES crossings (id),
  state TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX screening_hits_state ON screening_hits (state, id);
CREATE INDEX screening_hits_crossing ON screening_hits (crossing_id, id);
-- One flag per entry at most: the overstay job flags each overstay once.
CREATE TABLE overstay_flags (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  entry_crossing_id TEXT NOT NULL UNIQUE REFERENCES crossings (id),
  worker_id TEXT,
  departed INTEGER NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX overstay_flags_departed ON overstay_flags (departed, id);
)sql"},
    {5, "federation: peers, outbox, inbox, refused messages, peer heads", R"sql(
-- docs/formats/federation.md §9.
CREATE TABLE fed_peers (
  node_id TEXT PRIMARY KEY,
  country TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  public_key {BLOB} NOT NULL,
  next_out_seq BIGINT NOT NULL,
  next_in_seq BIGINT NOT NULL,
  head_sent_size BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  last_success_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE fed_outbox (
  peer TEXT NOT NULL REFERENCES fed_peers (node_id),
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  body_digest TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  state TEXT NOT NULL,
  envelope TEXT NOT NULL,
  receipt TEXT NOT NULL,
  reason TEXT NOT NULL,
  settled_ms BIGINT NOT NULL,
  PRIMARY KEY (peer, seq)
);
CREATE INDEX fed_outbox_state ON fed_outbox (state, peer, seq);
CREATE TABLE fed_inbox (
  peer TEXT NOT NULL REFERENCES fed_peers (node_id),
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  envelope TEXT NOT NULL,
  envelope_digest TEXT NOT NULL,
  body_digest TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  receipt TEXT NOT NULL,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (peer, seq)
);
CREATE INDEX fed_inbox_outcome ON fed_inbox (outcome, peer, seq);
CREATE TABLE fed_refused (
  id {AUTOID},
  time_ms BIGINT NOT NULL,
  claimed_sender TEXT NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  remote TEXT NOT NULL,
  envelope TEXT NOT NULL
);
CREATE TABLE fed_peer_heads (
  peer TEXT NOT NULL REFERENCES fed_peers (node_id),
  size BIGINT NOT NULL,
  root {BLOB} NOT NULL,
  time_ms BIGINT NOT NULL,
  signature {BLOB} NOT NULL,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (peer, size)
);
CREATE INDEX ledger_events_type ON ledger_events (type, idx);
)sql"},
    {6, "contracts: whether an amendment is pending", R"sql(
-- What a reader may do with a contract (its allowed actions) depends on its state and on whether
-- an amendment waits for the worker; both are columns, so the stored document is served as it is.
ALTER TABLE contracts ADD COLUMN amendment_pending BIGINT NOT NULL DEFAULT 0;
-- Documents are written compactly by the node (json::Write), so a pending amendment is an object.
UPDATE contracts SET amendment_pending = 1 WHERE doc LIKE '%"pending_amendment":{%';
)sql"},
    {7, "protection: complaints, their messages, cases, signal sources", R"sql(
-- docs/formats/cases.md. Each record is its document plus the columns access and the daily job
-- need: due_ms is the next deadline not yet escalated (NULL when none).
CREATE TABLE complaints (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  worker_id TEXT,
  worker_nationality TEXT NOT NULL,
  case_id TEXT,
  state TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  due_ms BIGINT,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX complaints_worker ON complaints (worker_id, id);
CREATE INDEX complaints_state ON complaints (state, id);
CREATE INDEX complaints_case ON complaints (case_id, id);
CREATE INDEX complaints_nationality ON complaints (worker_nationality, id);
CREATE INDEX complaints_due ON complaints (due_ms);
CREATE TABLE complaint_messages (
  id TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints (id),
  seq BIGINT NOT NULL,
  doc TEXT NOT NULL,
  time_ms BIGINT NOT NULL,
  UNIQUE (complaint_id, seq)
);
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  state TEXT NOT NULL,
  worker_id TEXT,
  employer_id TEXT,
  worker_nationality TEXT NOT NULL,
  assignee TEXT NOT NULL,
  supervisor TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  due_ms BIGINT,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX cases_assignee ON cases (assignee, id);
CREATE INDEX cases_supervisor ON cases (supervisor, id);
CREATE INDEX cases_nationality ON cases (worker_nationality, id);
CREATE INDEX cases_worker ON cases (worker_id, state);
CREATE INDEX cases_employer ON cases (employer_id, state);
CREATE INDEX cases_due ON cases (due_ms);
-- Each signal source is taken in once: opening a case for a signal is idempotent.
CREATE TABLE case_signals (
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id),
  time_ms BIGINT NOT NULL,
  PRIMARY KEY (kind, source)
);
)sql"},
    {8, "departure clearance: orientation, insurance, medical fitness, clearances", R"sql(
-- Departure clearance (docs/formats/clearance.md). Each record is its JSON document plus the
-- columns it is found by; seq orders records of the same day in the order they were recorded.
CREATE TABLE orientation_completions (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE
);
CREATE INDEX orientation_completions_worker ON orientation_completions (worker_id, completed_on, seq);
CREATE TABLE insurance_policies (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE
);
CREATE INDEX insurance_policies_contract ON insurance_policies (contract_id, seq);
CREATE TABLE medical_fitness (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  examined_on TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE
);
CREATE INDEX medical_fitness_worker ON medical_fitness (worker_id, examined_on, seq);
-- passport_key is "ISSUING_STATE:NUMBER" at the origin and "" in the destination's copy.
CREATE TABLE clearances (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  origin_country TEXT NOT NULL,
  destination_country TEXT NOT NULL,
  passport_key TEXT NOT NULL,
  state TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX clearances_contract ON clearances (contract_id, seq);
CREATE INDEX clearances_worker ON clearances (worker_id, id);
CREATE INDEX clearances_passport ON clearances (passport_key, seq);
)sql"},
    {9, "protection: cases by their earliest deadline still to be met", R"sql(
-- A queue of cases is read by the earliest deadline still to be met, missed or not
-- (domain::QueueDeadline; docs/formats/cases.md section 4), the most urgent first; a case without
-- one carries the largest time (9999-12-31T23:59:59.999Z), so it comes last and the column needs
-- no NULL ordering, which SQLite and PostgreSQL do not agree on. Rows written before this
-- migration take their next deadline not yet escalated; each is exact from its next write.
ALTER TABLE cases ADD COLUMN next_due_ms BIGINT NOT NULL DEFAULT 253402300799999;
UPDATE cases SET next_due_ms = due_ms WHERE due_ms IS NOT NULL;
CREATE INDEX cases_next_due ON cases (next_due_ms, id);
CREATE INDEX cases_assignee_next_due ON cases (assignee, next_due_ms, id);
)sql"},
    {10, "the addresses each account logged in from", R"sql(
-- A lock on an account does not keep out an address it logged in from before (docs/security.md).
-- Only a SHA-256 of the account and the address is kept, and the newest few per account.
CREATE TABLE account_addresses (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  address_hash {BLOB} NOT NULL,
  last_ms BIGINT NOT NULL,
  PRIMARY KEY (account_id, address_hash)
);
)sql"},
    {11, "refused envelopes kept as digests, not copies", R"sql(
-- docs/formats/federation.md §5: a refused envelope is recorded by its size and digests; the
-- copies kept so far are dropped.
ALTER TABLE fed_refused ADD COLUMN envelope_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE fed_refused ADD COLUMN envelope_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE fed_refused ADD COLUMN body_digest TEXT NOT NULL DEFAULT '';
UPDATE fed_refused SET envelope = '';
)sql"},
    {12, "tables of documents: the ledger event that carries each record's hash", R"sql(
-- Every record of a table of documents names the ledger event whose `records` carry the SHA-256
-- of its stored document (docs/formats/ledger.md §1.1, store/documents.hpp). Rows written before
-- this migration have none: their last change was recorded by a version 1 event.
ALTER TABLE workers ADD COLUMN ledger_idx BIGINT;
ALTER TABLE employers ADD COLUMN ledger_idx BIGINT;
ALTER TABLE agencies ADD COLUMN ledger_idx BIGINT;
ALTER TABLE job_orders ADD COLUMN ledger_idx BIGINT;
ALTER TABLE contracts ADD COLUMN ledger_idx BIGINT;
ALTER TABLE permits ADD COLUMN ledger_idx BIGINT;
ALTER TABLE transfers ADD COLUMN ledger_idx BIGINT;
ALTER TABLE absence_reports ADD COLUMN ledger_idx BIGINT;
ALTER TABLE exit_notices ADD COLUMN ledger_idx BIGINT;
ALTER TABLE crossings ADD COLUMN ledger_idx BIGINT;
ALTER TABLE screening_hits ADD COLUMN ledger_idx BIGINT;
ALTER TABLE overstay_flags ADD COLUMN ledger_idx BIGINT;
ALTER TABLE complaints ADD COLUMN ledger_idx BIGINT;
ALTER TABLE cases ADD COLUMN ledger_idx BIGINT;
-- Complaints' messages and country rules become tables of documents like the others.
ALTER TABLE complaint_messages ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE complaint_messages ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE complaint_messages ADD COLUMN ledger_idx BIGINT;
ALTER TABLE country_rules ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE country_rules ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE country_rules ADD COLUMN ledger_idx BIGINT;
-- Departure clearance's records (migration 8) likewise.
ALTER TABLE orientation_completions ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE orientation_completions ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orientation_completions ADD COLUMN ledger_idx BIGINT;
ALTER TABLE insurance_policies ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE insurance_policies ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE insurance_policies ADD COLUMN ledger_idx BIGINT;
ALTER TABLE medical_fitness ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE medical_fitness ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE medical_fitness ADD COLUMN ledger_idx BIGINT;
ALTER TABLE clearances ADD COLUMN ledger_idx BIGINT;
)sql"},
    {13, "statistics: the aggregator's counters, stock places and position", R"sql(
-- docs/statistics.md, "Computing figures from the ledger": one signed count (and an amount) per
-- indicator, its own breakdown and the common dimensions of a month; "" where a dimension does
-- not apply or is unknown. Nothing personal: no column names a person or a record.
CREATE TABLE stats_counters (
  indicator TEXT NOT NULL,
  month TEXT NOT NULL,
  extra TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  isco_major TEXT NOT NULL,
  sex TEXT NOT NULL,
  age_band TEXT NOT NULL,
  size_band TEXT NOT NULL,
  n BIGINT NOT NULL,
  amount BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (indicator, month, extra, origin, destination, isco_major, sex, age_band, size_band)
);
-- Where a record counts in a stock indicator, so that leaving it undoes exactly what entering did.
CREATE TABLE stats_places (
  indicator TEXT NOT NULL,
  record TEXT NOT NULL,
  extra TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  isco_major TEXT NOT NULL,
  sex TEXT NOT NULL,
  age_band TEXT NOT NULL,
  size_band TEXT NOT NULL,
  valid_until TEXT,
  PRIMARY KEY (indicator, record)
);
-- Contracts active with each employer, now and on the first day of the month of its last change
-- (the employer size band).
CREATE TABLE stats_employers (
  employer TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  at_month_start BIGINT NOT NULL,
  active BIGINT NOT NULL
);
-- The aggregator's position: the ledger's events with an index below `folded` are folded.
CREATE TABLE stats_position (
  id INTEGER PRIMARY KEY,
  folded BIGINT NOT NULL
);
INSERT INTO stats_position (id, folded) VALUES (1, 0);
)sql"},
    {14, "statistics releases: the record, its tables and files, its secret seed", R"sql(
-- docs/statistics.md, "Releases". A release is written once, in one transaction with its
-- statistics.released event, and never changed. Only protected figures are stored.
CREATE TABLE stats_releases (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  ledger_idx BIGINT,
  month TEXT NOT NULL
);
-- Each published table as the API serves it (both orientations of a two-dimensional table;
-- cols_dim '' for a one-dimensional one), and the SHA-256 of that body (its ETag).
CREATE TABLE stats_release_tables (
  release_id TEXT NOT NULL,
  indicator TEXT NOT NULL,
  rows_dim TEXT NOT NULL,
  cols_dim TEXT NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (release_id, indicator, rows_dim, cols_dim)
);
-- The release's files as published (indicators.csv, whose SHA-256 the ledger records).
CREATE TABLE stats_release_files (
  release_id TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (release_id, name)
);
-- The random rounding's seed of each release: the node's secret, never published or served.
CREATE TABLE stats_release_seeds (
  release_id TEXT PRIMARY KEY,
  seed TEXT NOT NULL
);
)sql"},
    {15, "orientation and training: centres, sessions, attendance, certificates", R"sql(
-- docs/formats/training.md. Each record is a table of documents (store/documents.hpp) plus the
-- columns it is found by; seq orders a session's attendees in the order they were enrolled.
CREATE TABLE training_centres (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  ledger_idx BIGINT,
  licence_number TEXT NOT NULL UNIQUE,
  licence_status TEXT NOT NULL
);
CREATE TABLE training_sessions (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  ledger_idx BIGINT,
  centre_id TEXT NOT NULL,
  course TEXT NOT NULL,
  state TEXT NOT NULL,
  session_date TEXT NOT NULL
);
CREATE INDEX training_sessions_centre ON training_sessions (centre_id, id);
CREATE TABLE training_attendance (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  ledger_idx BIGINT,
  session_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE
);
CREATE INDEX training_attendance_session ON training_attendance (session_id, seq);
CREATE INDEX training_attendance_worker ON training_attendance (worker_id, seq);
CREATE TABLE training_certificates (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  ledger_idx BIGINT,
  session_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  course TEXT NOT NULL,
  official_role TEXT NOT NULL
);
CREATE INDEX training_certificates_worker ON training_certificates (worker_id, id);
CREATE INDEX training_certificates_course ON training_certificates (course, official_role);
-- An orientation completion written from a certificate names it ("" for one an officer recorded).
ALTER TABLE orientation_completions ADD COLUMN certificate_id TEXT NOT NULL DEFAULT '';
CREATE INDEX orientation_completions_certificate ON orientation_completions (certificate_id);
-- A centre's staff account names its centre.
ALTER TABLE accounts ADD COLUMN centre_id TEXT;
)sql"},
};

std::string ForDialect(std::string sql, Dialect d) {
  const std::pair<std::string, std::string> words[] = {
      {"{BLOB}", d == Dialect::kSqlite ? "BLOB" : "BYTEA"},
      {"{AUTOID}",
       d == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"}};
  for (const auto& [from, to] : words) {
    for (size_t pos; (pos = sql.find(from)) != std::string::npos;)
      sql.replace(pos, from.size(), to);
  }
  return sql;
}

Result<bool> MetaExists(Connection& conn) {
  bool exists = false;
  const char* sql = conn.dialect() == Dialect::kSqlite
                        ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                        : "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND "
                          "tablename = 'meta'";
  RETURN_IF_ERROR(conn.Query(sql, {}, [&](const Row&) {
    exists = true;
    return Status::Ok();
  }));
  return exists;
}

}  // namespace

int LatestSchemaVersion() { return std::end(kMigrations)[-1].version; }

Result<int> SchemaVersion(Connection& conn) {
  ASSIGN_OR_RETURN(bool exists, MetaExists(conn));
  if (!exists) return 0;
  int version = 0;
  RETURN_IF_ERROR(
      conn.Query("SELECT value FROM meta WHERE key = 'schema_version'", {}, [&](const Row& r) {
        version = std::stoi(r.String(0));
        return Status::Ok();
      }));
  return version;
}

Status Migrate(Connection& conn) {
  return InTransaction(conn, true, [&]() -> Status {
    ASSIGN_OR_RETURN(int current, SchemaVersion(conn));
    if (current > LatestSchemaVersion()) {
      return Status::FailedPrecondition(
          "the store's schema is version " + std::to_string(current) + ", newer than this " +
          "program's " + std::to_string(LatestSchemaVersion()) + "; upgrade corridor");
    }
    for (const auto& m : kMigrations) {
      if (m.version <= current) continue;
      Status s = conn.ExecScript(ForDialect(m.sql, conn.dialect()));
      if (!s.ok()) {
        return s.WithContext("schema migration " + std::to_string(m.version) + " (" + m.name + ")");
      }
      ASSIGN_OR_RETURN(int64_t n,
                       conn.Exec("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                                 {std::to_string(m.version)}));
      if (n == 0) {
        RETURN_IF_ERROR(conn.Exec("INSERT INTO meta (key, value) VALUES ('schema_version', $1)",
                                  {std::to_string(m.version)})
                            .status());
      }
    }
    return Status::Ok();
  });
}

}  // namespace corridor::store
