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
