// The embassy's home: its own nationals working in this country, each with the state of their
// contract and permit, and the substitution flags raised on their contracts.

import { all } from '../api';
import { h } from '../dom';
import { formatDate, t } from '../i18n';
import { workerName } from '../names';
import type { Account, Contract, Permit, Worker } from '../types';
import { empty, heading, link, section, stateBadge, statusBadge, table } from '../ui';
import { stateChart, substitutionFlags } from './home_officer';
import { wageAlerts } from './wages';
import { nationalsCases } from './cases_homes';

export async function embassyHome(account: Account): Promise<HTMLElement> {
  const workersP = all<Worker>('/api/v1/workers', undefined, 5000).then((r) => r.items);
  const [workers, contracts, permits, flags, alerts, cases] = await Promise.all([
    workersP,
    all<Contract>('/api/v1/contracts', undefined, 5000).then((r) => r.items),
    all<Permit>('/api/v1/permits', undefined, 5000).then((r) => r.items),
    substitutionFlags(),
    workersP.then((w) => wageAlerts(w)),
    nationalsCases(),
  ]);
  const order = ['rejected', 'withdrawn', 'draft', 'offered', 'accepted', 'attested', 'authenticated', 'ended', 'active'];
  const latest = new Map<string, Contract>();
  for (const c of contracts) {
    const prev = latest.get(c.terms.worker);
    if (!prev || order.indexOf(c.state) > order.indexOf(prev.state)) latest.set(c.terms.worker, c);
  }
  const permitOf = new Map<string, Permit>();
  for (const p of permits) {
    if (!permitOf.has(p.worker) || p.status === 'active') permitOf.set(p.worker, p);
  }
  return h('div', { class: 'home home-embassy' },
    heading(account.display_name),
    h('p', { class: 'lead' }, t('embassy.lead')),
    h('div', { class: 'grid' },
      section(t('embassy.nationals'), { 'data-testid': 'nationals' },
        workers.length
          ? table(t('embassy.nationals'), [
              { head: t('worker.name'), cell: (w: Worker) => link(`/app/worker/${w.id}`, workerName(w)) },
              { head: t('worker.passport'), cell: (w: Worker) => w.passport.number },
              {
                head: t('embassy.contract'),
                cell: (w: Worker) => {
                  const c = latest.get(w.id);
                  return c ? link(`/app/contract/${c.id}`, stateBadge(c.state)) : '';
                },
              },
              {
                head: t('embassy.permit'),
                cell: (w: Worker) => {
                  const p = permitOf.get(w.id);
                  return p ? [statusBadge('permit', p.status), ' ', t('permit.until', { date: formatDate(p.valid_until) })] : t('embassy.no_permit');
                },
              },
            ], workers, { 'data-testid': 'nationals-table' })
          : empty(t('embassy.none'))),
      cases,
      alerts,
      flags,
      stateChart()));
}
