// Protection's homes (docs/formats/cases.md section 6): the queue of cases by their nearest
// deadline for the caseworker and the investigator; the intake queue of complaints and the cases
// to assign and watch for the case supervisor; the filing form for the hotline operator; the
// embassy's nationals' cases; and the worker's own complaints with a way to report a problem.

import { get, has as hasOp } from '../api';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import type { Account, Case, Complaint, ListOf, OwnComplaint } from '../types';
import { code, empty, heading, label, link, section, stateBadge, statusBadge, table } from '../ui';
import { flagBadge } from './cases_case';
import { categories, complaintsOf, isOwn, missedBadge } from './cases_complaint';
import { filerForm } from './cases_file';

const QUEUE_LIMIT = 50;

function due(k: Case): HTMLElement | string {
  if (!k.next_due) return t('case.no_deadline');
  return h('span', null, formatTime(k.next_due), ' ', missedBadge(k.next_due));
}

// The reader's cases, the nearest deadline first (the node orders them: GET /cases?order=due).
export async function caseQueue(title: string, hint: string, query = ''): Promise<HTMLElement> {
  const page = await get<ListOf<Case>>(`/api/v1/cases?order=due&limit=${QUEUE_LIMIT}${query}`);
  return section(title, { 'data-testid': 'case-queue', class: 'card queue' },
    h('p', { class: 'hint' }, hint),
    page.items.length
      ? table(title, [
          { head: t('case.reference'), cell: (k: Case) => link(`/app/case/${k.id}`, k.id) },
          { head: t('case.next_due'), cell: due },
          { head: t('case.state'), cell: (k: Case) => [stateBadge(k.state), ' ', flagBadge(k)] },
          { head: t('complaint.categories'), cell: (k: Case) => categories(k.categories) },
          { head: t('case.assignee'), cell: (k: Case) => (k.assignee ? label('role', k.assignee_role) : t('case.unassigned')) },
        ], page.items, { 'data-queue': 'cases' })
      : empty(t('queue.empty')),
    page.next ? h('p', { class: 'hint' }, t('case.more', { n: QUEUE_LIMIT })) : null);
}

// Complaints waiting for a case supervisor (the node's intake queue), oldest triage first.
async function intakeQueue(): Promise<HTMLElement> {
  const list = ((await complaintsOf('&state=received')).filter((c) => !isOwn(c)) as Complaint[])
    .sort((a, b) => a.triage_due.localeCompare(b.triage_due));
  return section(t('intake.title'), { 'data-testid': 'intake', class: 'card queue' },
    h('p', { class: 'hint' }, t('intake.hint')),
    list.length
      ? table(t('intake.title'), [
          { head: t('complaint.reference'), cell: (c: Complaint) => link(`/app/complaint/${c.id}`, c.id) },
          { head: t('complaint.triage_due'), cell: (c: Complaint) => [formatTime(c.triage_due), ' ', missedBadge(c.triage_due)] },
          { head: t('complaint.categories'), cell: (c: Complaint) => categories(c.categories) },
          { head: t('complaint.filed_as'), cell: (c: Complaint) => label('channel', c.channel) },
        ], list, { 'data-queue': 'intake' })
      : empty(t('queue.empty')));
}

// The caseworker's and the investigator's home: the cases assigned to them.
export async function caseworkHome(account: Account): Promise<HTMLElement> {
  return h('div', { class: 'home home-cases' },
    heading(account.display_name),
    h('p', { class: 'lead' }, t(`cases.${account.role}_lead`)),
    await caseQueue(t('cases.assigned'), t('cases.assigned_hint')));
}

export async function supervisorHome(account: Account): Promise<HTMLElement> {
  const [intake, queue] = await Promise.all([
    intakeQueue(),
    caseQueue(t('cases.supervised'), t('cases.supervised_hint')),
  ]);
  return h('div', { class: 'home home-cases' },
    heading(account.display_name),
    h('p', { class: 'lead' }, t('cases.case_supervisor_lead')),
    h('div', { class: 'grid' }, intake, queue));
}

// The hotline operator records what a caller says and reads the reference back; afterwards the
// complaint belongs to the case team (the operator sees nothing of it).
export function hotlineHome(account: Account): HTMLElement {
  return h('div', { class: 'home home-hotline' },
    heading(account.display_name),
    h('p', { class: 'lead' }, t('cases.hotline_operator_lead')),
    section(t('complaint.file_section'), { 'data-testid': 'report' }, filerForm()));
}

// The embassy's nationals' cases and complaints on this node.
export async function nationalsCases(): Promise<HTMLElement | null> {
  if (!hasOp('GET', '/api/v1/cases')) return null;
  return caseQueue(t('embassy.cases'), t('embassy.cases_hint'));
}

// The worker's complaints, newest first, with their progress; and the way to report a problem.
export async function myComplaints(): Promise<HTMLElement | null> {
  if (!hasOp('POST', '/api/v1/complaints')) return null;
  const mine = (await complaintsOf()).filter(isOwn) as OwnComplaint[];
  return section(t('complaint.mine'), { 'data-testid': 'my-complaints' },
    h('p', null, link('/app/report', h('strong', null, t('complaint.report_a_problem')))),
    h('p', { class: 'hint' }, t('complaint.report_hint')),
    mine.length
      ? h('ul', { class: 'cards' }, mine.map((c) => h('li', { 'data-complaint': c.id, 'data-progress': c.progress },
          h('p', null, link(`/app/complaint/${c.id}`, categories(c.categories))),
          h('p', null, statusBadge('progress', c.progress), ' ', h('span', { class: 'when' }, formatTime(c.filed_at))),
          h('p', { class: 'hint' }, t('complaint.reference_is'), ' ', code(c.reference)))))
      : empty(t('complaint.none_yet')));
}
