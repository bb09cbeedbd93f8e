// An authority officer's home: the queues (contracts to attest, or to authenticate and to issue a
// permit for; substitution flags; job changes), and the node's contracts by state as a chart.

import { all, get, has as hasOp, post } from '../api';
import { h } from '../dom';
import { formatDate, formatList, formatTime, t } from '../i18n';
import { barChart } from '../chart';
import { employerLabel, labels, workerLabel } from '../names';
import { refresh } from '../router';
import { termValue } from '../terms';
import { CONTRACT_STATES, type Account, type Contract, type ListOf, type Notification, type Transfer } from '../types';
import { actionButton, busy, empty, heading, label, link, section, table } from '../ui';
import { wageQueue } from './payroll';
import { wageAlerts } from './wages';

const QUEUE_LIMIT = 50;

// A queue of contracts in one state: the first page, with names.
export async function contractQueue(title: string, state: string, testid: string, hint: string): Promise<HTMLElement> {
  const page = await get<ListOf<Contract>>(`/api/v1/contracts?state=${state}&limit=${QUEUE_LIMIT}`);
  const [workers, employers] = await Promise.all([
    labels(page.items.map((c) => c.terms.worker), workerLabel),
    labels(page.items.map((c) => c.terms.employer), employerLabel),
  ]);
  return section(title, { 'data-testid': testid, class: 'card queue' },
    h('p', { class: 'hint' }, hint),
    page.items.length
      ? table(title, [
          { head: t('term.worker'), cell: (c: Contract) => link(`/app/contract/${c.id}`, workers.get(c.terms.worker) ?? c.terms.worker) },
          { head: t('term.employer'), cell: (c: Contract) => employers.get(c.terms.employer) ?? c.terms.employer },
          { head: t('term.position'), cell: (c: Contract) => c.terms.position },
          { head: t('term.basic_wage'), cell: (c: Contract) => termValue(c.terms, 'basic_wage'), cls: 'num' },
        ], page.items, { 'data-queue': state })
      : empty(t('queue.empty')),
    page.next ? h('p', null, link(`/app/contracts?state=${state}`, t('queue.more'))) : null);
}

// Substitution flags addressed to this authority (or embassy), newest first.
export async function substitutionFlags(): Promise<HTMLElement> {
  const notes = (await all<Notification>('/api/v1/notifications', undefined, 1000)).items
    .filter((n) => n.type === 'contract.substitution_flagged')
    .sort((a, b) => b.time.localeCompare(a.time))
    .slice(0, QUEUE_LIMIT);
  // Whose contract: the worker's name, where the reader may see it.
  const contracts = await Promise.all(notes.map((n) =>
    get<Contract>(`/api/v1/contracts/${encodeURIComponent(n.subject)}`).catch(() => null)));
  const workers = await labels(contracts.flatMap((c) => (c ? [c.terms.worker] : [])), workerLabel);
  const who = (i: number) => {
    const c = contracts[i];
    return c ? `${workers.get(c.terms.worker) ?? c.terms.worker} · ${c.terms.position}` : notes[i].subject;
  };
  return section(t('queue.substitutions'), { 'data-testid': 'flags', class: 'card queue' },
    h('p', { class: 'hint' }, t('queue.substitutions_hint')),
    notes.length
      ? h('ul', { class: 'plain' }, notes.map((n, i) => {
          const diffs = (n.data.differences as Array<{ field: string }> | undefined) ?? [];
          return h('li', { 'data-contract': n.subject },
            h('div', null, link(`/app/contract/${n.subject}`, who(i))),
            h('div', { class: 'when' }, formatTime(n.time)),
            h('div', null, t('queue.fields_differ', { n: diffs.length, fields: formatList(diffs.map((d) => t(`term.${d.field}`))) })));
        }))
      : empty(t('queue.empty')));
}

// The node's contracts counted by state, page by page, with progress.
export function stateChart(): HTMLElement {
  const box = h('section', { class: 'card', 'data-testid': 'chart', 'aria-labelledby': 'chart-title' },
    h('h2', { id: 'chart-title' }, t('chart.by_state')));
  const status = busy(t('chart.counting', { n: 0 }));
  box.append(status);
  void (async () => {
    const counts = new Map<string, number>(CONTRACT_STATES.map((s) => [s, 0]));
    try {
      const { items, complete } = await all<Contract>('/api/v1/contracts', (n) => {
        status.querySelector('span')!.textContent = t('chart.counting', { n });
      }, 20000);
      for (const c of items) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
      status.remove();
      box.append(barChart(t('chart.by_state'),
        CONTRACT_STATES.map((s) => ({ key: s, label: label('state', s), value: counts.get(s) ?? 0 })),
        complete ? undefined : t('chart.partial', { n: items.length }), false));
    } catch {
      status.replaceWith(h('p', null, t('problem.network')));
    }
  })();
  return box;
}

async function transfersQueue(): Promise<HTMLElement> {
  const list = (await get<ListOf<Transfer>>('/api/v1/transfers?limit=50')).items.filter((x) => x.state === 'filed');
  const [workers, employers] = await Promise.all([
    labels(list.map((x) => x.worker), workerLabel),
    labels(list.flatMap((x) => [x.from_employer, x.to_employer]), employerLabel),
  ]);
  return section(t('queue.transfers'), { 'data-testid': 'transfers', class: 'card queue' },
    h('p', { class: 'hint' }, t('queue.transfers_hint')),
    list.length
      ? table(t('queue.transfers'), [
          { head: t('term.worker'), cell: (x: Transfer) => link(`/app/worker/${x.worker}`, workers.get(x.worker) ?? x.worker) },
          { head: t('transfer.from'), cell: (x: Transfer) => employers.get(x.from_employer) ?? x.from_employer },
          { head: t('transfer.to'), cell: (x: Transfer) => employers.get(x.to_employer) ?? x.to_employer },
          { head: t('transfer.effective'), cell: (x: Transfer) => formatDate(x.effective_on) },
          {
            head: t('common.action'),
            cell: (x: Transfer) => x.allowed_actions.includes('complete')
              ? actionButton(t('transfer.complete'), async () => {
                  await post(`/api/v1/transfers/${x.id}/complete`);
                  refresh();
                }, { action: 'complete-transfer' })
              : t('transfer.waiting_notice'),
          },
        ], list)
      : empty(t('queue.empty')));
}

export async function officerHome(account: Account): Promise<HTMLElement> {
  const origin = account.role === 'origin_officer';
  const parts = origin
    ? [
        contractQueue(t('queue.to_attest'), 'accepted', 'queue-attest', t('queue.to_attest_hint')),
        substitutionFlags(),
        wageAlerts(),
      ]
    : [
        contractQueue(t('queue.to_authenticate'), 'attested', 'queue-authenticate', t('queue.to_authenticate_hint')),
        contractQueue(t('queue.to_permit'), 'authenticated', 'queue-permit', t('queue.to_permit_hint')),
        substitutionFlags(),
        ...(hasOp('GET', '/api/v1/payroll/files') ? [wageQueue()] : []),
        transfersQueue(),
      ];
  const sections = await Promise.all(parts);
  return h('div', { class: 'home home-officer' },
    heading(t(origin ? 'officer.origin_title' : 'officer.destination_title')),
    h('p', { class: 'lead' }, t('officer.lead')),
    hasOp('GET', '/api/v1/federation/peers') ? h('p', null, link('/app/federation', t('federation.see'))) : null,
    origin && hasOp('GET', '/api/v1/clearances/queue')
      ? h('p', null, link('/app/clearances', t('queue.clearance_see')))
      : null,
    origin && hasOp('GET', '/api/v1/training/centres') ? h('p', null, link('/app/training', t('training.see'))) : null,
    h('div', { class: 'grid' }, sections, stateChart()));
}
