// The API's records as the portal reads them: the schemas of docs/openapi.yaml, turned into
// TypeScript at build time by openapi-typescript (npm run gen:types writes
// src/generated/openapi.ts; nothing generated is committed). This file only names them, so a
// change of the API's document shows up as a type error where the portal reads the record.

import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];
type Json<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;

export type Account = Schemas['Account'];
export type Role = Account['role'];

// Every list the API returns: the page's items and the cursor of the next page.
export interface ListOf<T> {
  items: T[];
  next: string | null;
}

export type Money = Schemas['Money'];
export type Allowance = Schemas['Allowance'];
export type ContractTerms = Schemas['ContractTerms'];
export type Contract = Schemas['Contract'];
export type ContractState = Contract['state'];
// The steps the node says a reader may take (allowed_actions): the portal shows exactly these.
export type ContractAction = Contract['allowed_actions'][number];

export const CONTRACT_STATES: ContractState[] = [
  'draft', 'offered', 'accepted', 'rejected', 'withdrawn', 'attested', 'authenticated', 'active',
  'ended',
];

export type FieldDiff = Schemas['FieldDiff'];
export type LedgerEvent = Schemas['LedgerEvent'];
export type Worker = Schemas['Worker'];
export type Employer = Schemas['Employer'];
export type Agency = Schemas['Agency'];
export type Permit = Schemas['Permit'];
export type Transfer = Schemas['Transfer'];
export type ExitNotice = Schemas['ExitNotice'];
export type Notification = Schemas['Notification'];
export type NodeInfo = Json<'/api/v1/node'>;

export type PayrollFile = Schemas['PayrollFile'];
export type PayrollFinding = Schemas['PayrollFinding'];
export type PayrollLine = Schemas['PayrollLine'];
export type PayrollReport = Schemas['PayrollReport'];
export type PayrollSubmission = Schemas['PayrollSubmission'];
export type WageHistory = Schemas['WageHistory'];
export type WageMonth = WageHistory['months'][number];
export type TransferUnlock = WageHistory['transfer_without_notice'][number];
export type Compliance = Schemas['Compliance'];
export type ComplianceMonth = Compliance['months'][number];
export type EscalationStep = Compliance['escalation'][number];

export type TravelDocument = Schemas['TravelDocument'];
export type BorderFinding = Schemas['Finding'];
export type Crossing = Schemas['Crossing'];
export type ScreeningHit = Schemas['ScreeningHit'];
export type CrossingOutcome = Schemas['CrossingOutcome'];
export type OverstayFlag = Schemas['OverstayFlag'];
export type WatchlistVersion = Schemas['WatchlistVersion'];
export type WatchlistImport = Schemas['WatchlistImport'];

export type FederationPeer = Schemas['FederationPeer'];
export type FederationMessage = Schemas['FederationMessage'];
export type RefusedMessage = Schemas['RefusedMessage'];

export type Complaint = Schemas['Complaint'];
export type OwnComplaint = Schemas['OwnComplaint'];
export type ComplaintCategory = Schemas['ComplaintCategory'];
export type ComplaintAcknowledgement = Schemas['ComplaintAcknowledgement'];
export type ComplaintMessage = Schemas['ComplaintMessage'];
export type Case = Schemas['Case'];
export type CaseAction = Schemas['CaseAction'];
export type CaseStep = Case['allowed_actions'][number];
export type CaseSignal = Schemas['CaseSignal'];
export type CaseRead = Schemas['CaseRead'];
export type CaseAssignee = Schemas['CaseAssignee'];
export type Indicator = Schemas['Indicator'];
export type IndicatorAssessment = Schemas['IndicatorAssessment'];
export type Outcome = Exclude<Case['outcome'], null>;

// The vocabularies of docs/formats/cases.md, in its order.
export const COMPLAINT_CATEGORIES: ComplaintCategory[] = [
  'unpaid_wages', 'passport_kept', 'confinement', 'violence', 'threats', 'excessive_hours',
  'recruitment_fee', 'contract_substitution', 'other',
];
export const INDICATORS: Indicator[] = [
  'abuse_of_vulnerability', 'deception', 'restriction_of_movement', 'isolation',
  'physical_and_sexual_violence', 'intimidation_and_threats', 'retention_of_identity_documents',
  'withholding_of_wages', 'debt_bondage', 'abusive_working_and_living_conditions',
  'excessive_overtime',
];
export const OUTCOMES: Outcome[] = [
  'resolved_with_payment', 'referred_to_prosecution', 'repatriation_assisted', 'withdrawn',
  'unfounded',
];

export type TrainingCourse = Schemas['TrainingCourse'];
export type TrainingCentre = Schemas['TrainingCentre'];
export type TrainingSession = Schemas['TrainingSession'];
export type SessionAction = TrainingSession['allowed_actions'][number];
export type TrainingAttendance = Schemas['TrainingAttendance'];
export type SessionAttendee = Schemas['SessionAttendee'];
export type TrainingCertificate = Schemas['TrainingCertificate'];
export type TrainingCompletion = Schemas['TrainingCompletion'];
export type WorkerTraining = Schemas['WorkerTraining'];
export type Official = Schemas['Official'];
export type OfficialRole = Official['role'];
export type CentreKind = TrainingCentre['kind'];
export type LicenceStatus = TrainingCentre['licence_status'];
export type OrientationCompletion = Schemas['OrientationCompletion'];

// The vocabularies of docs/formats/training.md, in its order.
export const CENTRE_KINDS: CentreKind[] = ['orientation_centre', 'training_institute'];
export const LICENCE_STATUSES: LicenceStatus[] = ['active', 'suspended', 'revoked'];
export const OFFICIAL_ROLES: OfficialRole[] = ['police', 'labour_inspector', 'border_officer'];

export type StatisticsRelease = Schemas['StatisticsRelease'];
export type StatisticsTable = Schemas['StatisticsTable'];

export type Clearance = Schemas['Clearance'];
export type ClearanceStep = Clearance['allowed_actions'][number];
export type ClearanceCheck = Schemas['ClearanceCheck'];
export type ClearanceRequirement = Schemas['ClearanceRequirement'];
export type ClearanceCheckAction = ClearanceCheck['allowed_actions'][number];
export type ClearanceQueueItem = Schemas['ClearanceQueueItem'];
export type InsurancePolicy = Schemas['InsurancePolicy'];
export type MedicalFitness = Schemas['MedicalFitness'];
export type RevocationReason = Exclude<Clearance['revocation_reason'], null>;

// The vocabularies of docs/formats/clearance.md, in its order.
export const REQUIREMENTS: Array<ClearanceRequirement['requirement']> = [
  'contract_attested', 'orientation', 'insurance', 'medical', 'agency_licence', 'passport',
];
export const REVOCATION_REASONS: RevocationReason[] = [
  'agency_licence_revoked', 'contract_withdrawn', 'requirement_lapsed', 'issued_in_error',
];
export const CLEARANCE_STANDINGS = ['valid', 'expired', 'revoked'] as const;
export type ClearanceStanding = typeof CLEARANCE_STANDINGS[number];
