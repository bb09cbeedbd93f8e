// The employer's and the recruitment agency's home: drafts to send, offers waiting for workers,
// their workers (only theirs: the node scopes the lists), their contracts, and for an employer
// the job changes that concern it.

import { all, get, has as hasOp } from '../api';
import { h } from '../dom';
import { formatDate, t } from '../i18n';
import { agencyRecord, employerLabel, employerRecord, labels, workerName } from '../names';
import type { Account, Contract, ListOf, Transfer, Worker } from '../types';
import { empty, facts, heading, link, section, stateBadge, statusBadge, table } from '../ui';
import { termValue } from '../terms';
import { employerPayroll } from './payroll';

export async function partyHome(account: Account): Promise<HTMLElement> {
  const employer = account.role === 'employer';
  const [org, contracts, workers, transfers, payroll] = await Promise.all([
    employer ? employerRecord(account.employer ?? '') : agencyRecord(account.agency ?? ''),
    all<Contract>('/api/v1/contracts', undefined, 2000).then((r) => r.items),
    all<Worker>('/api/v1/workers', undefined, 2000).then((r) => r.items),
    employer ? get<ListOf<Transfer>>('/api/v1/transfers?limit=50').then((l) => l.items) : Promise.resolve([] as Transfer[]),
    employer && hasOp('POST', '/api/v1/payroll/files') ? employerPayroll(account) : Promise.resolve(null),
  ]);
  const byWorker = new Map(workers.map((w) => [w.id, w]));
  const name = (id: string) => {
    const w = byWorker.get(id);
    return w ? workerName(w) : id;
  };
  const employers = await labels(contracts.map((c) => c.terms.employer).concat(transfers.flatMap((x) => [x.from_employer, x.to_employer])), employerLabel);
  const emp = (id: string) => employers.get(id) ?? id;
  const drafts = contracts.filter((c) => c.state === 'draft');
  const offered = contracts.filter((c) => c.state === 'offered');
  const latest = new Map<string, Contract>();
  for (const c of contracts) {
    const prev = latest.get(c.terms.worker);
    if (!prev || rank(c.state) > rank(prev.state)) latest.set(c.terms.worker, c);
  }
  const contractCols = [
    { head: t('term.worker'), cell: (c: Contract) => link(`/app/contract/${c.id}`, name(c.terms.worker)) },
    { head: t('term.position'), cell: (c: Contract) => c.terms.position },
    employer ? null : { head: t('term.employer'), cell: (c: Contract) => emp(c.terms.employer) },
    { head: t('term.basic_wage'), cell: (c: Contract) => termValue(c.terms, 'basic_wage'), cls: 'num' },
    { head: t('contract.state'), cell: (c: Contract) => stateBadge(c.state) },
  ].filter((x) => x !== null);

  return h('div', { class: `home home-${account.role}` },
    heading(org ? ('name' in org ? org.name : account.display_name) : account.display_name),
    org && !employer && 'status' in org
      ? facts([[t('agency.licence'), h('span', null, org.licence_number, ' ', statusBadge('licence', org.status))],
               [t('agency.expiry'), formatDate(org.licence_expiry)]])
      : null,
    section(t('party.needs'), { class: 'card needs-you', 'data-testid': 'needs' },
      drafts.length || offered.length
        ? h('ul', { class: 'plain' },
            drafts.map((c) => h('li', { 'data-contract': c.id }, t('party.draft_to_send', { worker: name(c.terms.worker) }), ' ', link(`/app/contract/${c.id}`, t('common.open')))),
            offered.map((c) => h('li', { 'data-contract': c.id }, t('party.offer_waiting', { worker: name(c.terms.worker) }), ' ', link(`/app/contract/${c.id}`, t('common.open')))))
        : empty(t('queue.empty'))),
    payroll,
    section(employer ? t('party.workers') : t('party.placements'), { 'data-testid': 'workers' },
      workers.length
        ? table(t('party.workers'), [
            { head: t('worker.name'), cell: (w: Worker) => link(`/app/worker/${w.id}`, workerName(w)) },
            { head: t('worker.passport'), cell: (w: Worker) => w.passport.number },
            { head: t('contract.state'), cell: (w: Worker) => (latest.get(w.id) ? stateBadge(latest.get(w.id)!.state) : '') },
          ], workers, { 'data-testid': 'workers-table' })
        : empty(t('party.no_workers'))),
    employer
      ? section(t('queue.transfers'), { 'data-testid': 'transfers' },
          h('p', { class: 'hint' }, t('party.transfers_hint')),
          transfers.length
            ? table(t('queue.transfers'), [
                { head: t('term.worker'), cell: (x: Transfer) => name(x.worker) },
                { head: t('transfer.from'), cell: (x: Transfer) => emp(x.from_employer) },
                { head: t('transfer.to'), cell: (x: Transfer) => emp(x.to_employer) },
                { head: t('transfer.effective'), cell: (x: Transfer) => formatDate(x.effective_on) },
                { head: t('contract.state'), cell: (x: Transfer) => statusBadge('transferstate', x.state) },
              ], transfers)
            : empty(t('queue.empty')))
      : null,
    section(t('party.contracts'), { 'data-testid': 'contracts' },
      contracts.length ? table(t('party.contracts'), contractCols, contracts, { 'data-testid': 'contracts-table' }) : empty(t('queue.empty'))));
}

// How far along a contract is, to pick a worker's latest one.
function rank(state: string): number {
  return ['rejected', 'withdrawn', 'draft', 'offered', 'accepted', 'attested', 'authenticated', 'ended', 'active'].indexOf(state);
}
