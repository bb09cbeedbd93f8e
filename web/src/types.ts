// The API's records as the portal reads them (docs/openapi.yaml, components/schemas).

export type Role =
  | 'administrator'
  | 'origin_officer'
  | 'destination_officer'
  | 'embassy'
  | 'employer'
  | 'agency'
  | 'worker'
  | 'border_officer'
  | 'investigator'
  | 'analyst';

export interface Account {
  id: string;
  username: string;
  role: Role;
  country: string;
  employer: string | null;
  agency: string | null;
  worker: string | null;
  display_name: string;
  language: string;
  disabled: boolean;
}

export interface ListOf<T> {
  items: T[];
  next: string | null;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface Allowance {
  kind: 'none' | 'cash' | 'in_kind';
  amount?: Money;
}

export interface ContractTerms {
  worker: string;
  employer: string;
  agency: string | null;
  origin_country: string;
  destination_country: string;
  position: string;
  isco_code: string;
  basic_wage: Money;
  housing: Allowance;
  food: Allowance;
  transport: Allowance;
  hours_per_day: number;
  days_per_week: number;
  weekly_rest_day: string;
  overtime_percent: number;
  annual_leave_days: number;
  probation_months: number;
  start_date: string;
  duration_months: number;
  notice_period_days: number;
  place_of_work: string;
  accommodation: string;
  accommodation_details: string;
  recruitment_fees_paid_by: string;
  travel_paid_by: string;
  repatriation_paid_by: string;
  worker_fees: Money;
  languages: string[];
}

export type ContractState =
  | 'draft'
  | 'offered'
  | 'accepted'
  | 'rejected'
  | 'withdrawn'
  | 'attested'
  | 'authenticated'
  | 'active'
  | 'ended';

export const CONTRACT_STATES: ContractState[] = [
  'draft', 'offered', 'accepted', 'rejected', 'withdrawn', 'attested', 'authenticated', 'active',
  'ended',
];

export interface Contract {
  id: string;
  state: ContractState;
  version: number;
  digest: string;
  terms: ContractTerms;
  attested_digest: string;
  authenticated_digest: string;
  attested_by: string;
  authenticated_by: string;
  offered_at: string | null;
  decided_at: string | null;
  attested_at: string | null;
  authenticated_at: string | null;
  active_from: string | null;
  ended_on: string | null;
  end_reason: string | null;
  rejection_reason: string;
  pending_amendment: null | {
    number: number;
    terms: ContractTerms;
    reason: string;
    state: string;
    proposed_at: string;
    digest: string;
  };
  verify_url: string;
}

export interface FieldDiff {
  field: string;
  before: string;
  after: string;
}

export interface LedgerEvent {
  index: number;
  time: string;
  node: string;
  type: string;
  subject: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface Worker {
  id: string;
  name_native?: string;
  family_name_latin: string;
  given_names_latin?: string;
  date_of_birth: string;
  sex: 'F' | 'M' | 'X';
  nationality: string;
  passport: { number: string; issuing_state: string; expiry?: string };
  phone?: string;
  preferred_language?: string;
}

export interface Employer {
  id: string;
  registration_number: string;
  name: string;
  sector: string;
  establishment: string;
  country: string;
}

export interface Agency {
  id: string;
  licence_number: string;
  name: string;
  country: string;
  status: 'active' | 'suspended' | 'revoked';
  licence_expiry: string | null;
}

export interface Permit {
  id: string;
  worker: string;
  contract: string;
  employer: string;
  valid_from: string;
  valid_until: string;
  status: 'active' | 'suspended' | 'cancelled' | 'expired';
  status_reason: string;
}

export interface Transfer {
  id: string;
  worker: string;
  from_contract: string;
  to_contract: string;
  from_employer: string;
  to_employer: string;
  filed_on: string;
  effective_on: string;
  notice_waived: boolean;
  waiver_reason: string;
  state: 'filed' | 'completed' | 'cancelled';
}

export interface ExitNotice {
  id: string;
  worker: string;
  contract: string | null;
  kind: 'final' | 'returning';
  departure_date: string;
  return_date: string | null;
  notified_at: string;
}

export interface Notification {
  id: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

export interface NodeInfo {
  name: string;
  country: string;
}

// Wage protection (docs/formats/payroll.md).
export interface PayrollFile {
  id: string;
  employer: string;
  month: string;
  version: number;
  current: boolean;
  format: 'sif' | 'extended' | 'none';
  name: string;
  digest: string | null;
  size: number;
  lines: number;
  findings: number;
  paid_on: string | null;
  submitted_at: string;
}

export interface PayrollFinding {
  file: string;
  code: string;
  worker: string;
  contract: string | null;
  employer: string;
  month: string;
  expected: string;  // "135.000 KWD", or a date for `late`
  actual: string;
  currency: string;
  due: string | null;
  line: number;
  rule: string;
}

export interface PayrollLine {
  worker: string;
  employer: string;
  month: string;
  currency: string;
  expected: string;
  paid: string;
}

export interface PayrollReport {
  file: PayrollFile;
  findings: PayrollFinding[];
  lines: PayrollLine[];
}

export interface PayrollSubmission {
  file: PayrollFile;
  replaces: string | null;
  findings: PayrollFinding[];
}

export interface WageMonth {
  month: string;
  employer: string;
  currency: string;
  expected: string;
  paid: string;
  arrears: string;
}

export interface TransferUnlock {
  employer: string;
  active: boolean;
  months_in_arrears: number;
  outstanding: string;
  currency: string;
  since: string;
}

export interface WageHistory {
  worker: string;
  months: WageMonth[];
  transfer_without_notice: TransferUnlock[];
}

export interface ComplianceMonth {
  month: string;
  file: PayrollFile;
  findings: Record<string, number>;
  workers_short: number;
  shortfall: Record<string, string>;
}

export interface EscalationStep {
  month: string;
  action: string;
  due_on: string;
  taken_at: string;
  lifted_at: string | null;
}

export interface Compliance {
  employer: string;
  months: ComplianceMonth[];
  escalation: EscalationStep[];
}

// The border (docs/border.md).
export interface TravelDocument {
  kind: string;
  format: string;
  document_code: string;
  issuing_state: string;
  number: string;
  nationality: string;
  primary_identifier: string;
  secondary_identifier: string;
  birth_date: string;
  sex: string;
  expiry: string | null;
  mrz_valid: boolean;
  lines: string[];
}

export interface BorderFinding {
  code: string;
  message: string;
  subject: string;
}

export interface Crossing {
  id: string;
  direction: 'entry' | 'exit';
  time: string;
  port: string;
  officer: string;
  document: TravelDocument;
  visa: TravelDocument | null;
  authorised_until: string | null;
  invalid_mrz_reason: string;
  worker: string | null;
  findings: BorderFinding[];
  screened_against: Array<{ list: string; version: number; digest: string }>;
  hits: number;
}

export interface ScreeningHit {
  id: string;
  crossing: string;
  worker: string | null;
  list: string;
  list_version: number;
  entry_id: string;
  listed_name: string;
  entry_reason: string;
  document_match: boolean;
  score: number;
  decision: 'match' | 'review';
  explanation: string;
  raised_at: string;
  state: 'pending' | 'confirmed' | 'dismissed';
  decided_by: string;
  decided_at: string | null;
  decision_reason: string;
}

export interface CrossingOutcome {
  crossing: Crossing;
  hits: ScreeningHit[];
}

export interface OverstayFlag {
  id: string;
  entry: string;
  worker: string | null;
  document: string;
  authorised_until: string;
  basis: string;
  grace_days: number;
  flagged_on: string;
  days_over: number;
  departed: string | null;
}

export interface WatchlistVersion {
  list_id: string;
  version: number;
  format: string;
  digest: string;
  entries: number;
  added: number;
  changed: number;
  removed: number;
  sources: Array<{ name: string; sha256: string; bytes: number }>;
  imported_by: string;
  imported_at: string;
}

// The answer to an import (POST /api/v1/watchlists/imports): each list replaced.
export interface WatchlistImport {
  format: string;
  lists: Array<{ now: WatchlistVersion; previous: WatchlistVersion | null }>;
}

// Federation (docs/formats/federation.md §11).
export interface FederationPeer {
  node_id: string;
  country: string;
  url: string;
  public_key: string;
  next_seq_out: number;
  next_seq_in: number;
  head_sent_size: number;
  failures: number;
  next_attempt_at: string | null;
  last_error: string;
  last_success_at: string | null;
  sent: { pending: number; acknowledged: number; rejected: number };
  received: { applied: number; rejected: number };
  last_head: null | { size: number; time?: string; root?: string };
}

export interface FederationMessage {
  direction: 'sent' | 'received';
  peer: string;
  seq: number;
  type: string;
  subject: string;
  state: 'pending' | 'acknowledged' | 'rejected' | 'applied';
  reason: string;
  created_at: string | null;
  settled_at: string | null;
  body_digest: string;
}

export interface RefusedMessage {
  id: number;
  time: string;
  claimed_sender: string;
  seq: number;
  type: string;
  code: string;
  reason: string;
  remote: string;
}
