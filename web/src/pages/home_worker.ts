// The worker's home: offers and amendments waiting for a decision first, then the contract in
// force, the permit, a job change, leaving the country, messages and rights. Everything here is
// the worker's own: the node scopes every list to the account's worker.

import { all, get, has as hasOp, post } from '../api';
import { h } from '../dom';
import { formatDate, formatTime, t } from '../i18n';
import { employerLabel, labels, workerRecord } from '../names';
import { refresh } from '../router';
import { termValue } from '../terms';
import type { Account, Contract, ExitNotice, ListOf, Notification, Permit, Transfer } from '../types';
import {
  actionButton, empty, facts, field, heading, label, link, notice, section, select, stateBadge,
  statusBadge, table,
} from '../ui';
import { asciiDigits } from '../text';
import { wagesSection } from './wages';
import { myComplaints } from './cases_homes';
import { myTraining, verifyLink } from './training';
import { myClearance } from './clearance';

const IN_FORCE = ['active', 'authenticated', 'attested', 'accepted'];

export async function workerHome(account: Account): Promise<HTMLElement> {
  const wid = account.worker ?? '';
  const [me, contracts, permits, transfers, exits, notes, wages, complaints, training, clearance] = await Promise.all([
    workerRecord(wid),
    all<Contract>('/api/v1/contracts').then((r) => r.items),
    get<ListOf<Permit>>('/api/v1/permits').then((l) => l.items),
    get<ListOf<Transfer>>('/api/v1/transfers').then((l) => l.items),
    get<ListOf<ExitNotice>>(`/api/v1/workers/${encodeURIComponent(wid)}/exit-notices`).then((l) => l.items),
    get<ListOf<Notification>>('/api/v1/notifications?limit=20').then((l) => l.items),
    hasOp('GET', '/api/v1/workers/{id}/wages') ? wagesSection(wid, true) : Promise.resolve(null),
    myComplaints(),
    myTraining(wid),
    myClearance(account),
  ]);
  const employers = await labels(contracts.map((c) => c.terms.employer), employerLabel);
  const emp = (id: string) => employers.get(id) ?? id;
  const offers = contracts.filter((c) => c.state === 'offered');
  const amendments = contracts.filter((c) => c.pending_amendment);
  const current = contracts.find((c) => c.state === 'active') ??
    contracts.find((c) => IN_FORCE.includes(c.state) && !offers.includes(c));
  const filed = transfers.find((x) => x.state === 'filed');

  const needs: HTMLElement[] = [
    ...offers.map((c) => h('li', { 'data-contract': c.id },
      h('p', null, h('strong', null, t('worker.offer_from', { employer: emp(c.terms.employer) }))),
      h('p', null, `${c.terms.position} · ${termValue(c.terms, 'basic_wage')}`),
      link(`/app/contract/${c.id}`, t('worker.read_decide')))),
    ...amendments.map((c) => h('li', { 'data-contract': c.id },
      h('p', null, h('strong', null, t('worker.amendment_from', { employer: emp(c.terms.employer) }))),
      h('p', null, c.pending_amendment!.reason),
      link(`/app/contract/${c.id}`, t('worker.read_decide')))),
  ];

  return h('div', { class: 'home home-worker' },
    heading(t('worker.hello', { name: account.display_name })),
    me?.name_native ? h('p', { class: 'lead', lang: me.nationality === 'NPL' ? 'ne' : undefined }, me.name_native) : null,
    section(t('worker.needs'), { class: 'card needs-you', 'data-testid': 'needs' },
      needs.length ? h('ul', { class: 'cards' }, needs) : empty(t('worker.nothing_waiting'))),
    section(t('worker.contract'), { 'data-testid': 'my-contract' },
      current
        ? [facts([
            [t('term.employer'), emp(current.terms.employer)],
            [t('term.position'), current.terms.position],
            [t('term.basic_wage'), termValue(current.terms, 'basic_wage')],
            [t('term.hours_per_day'), termValue(current.terms, 'hours_per_day')],
            [t('contract.state'), stateBadge(current.state)],
          ]), link(`/app/contract/${current.id}`, t('worker.see_contract'))]
        : empty(t('worker.no_contract'))),
    clearance,
    section(t('worker.permit'), { 'data-testid': 'my-permit' },
      permits.length
        ? permits.map((p) => facts([
            [t('permit.status'), statusBadge('permit', p.status)],
            [t('permit.valid'), t('permit.valid_range', { from: formatDate(p.valid_from), until: formatDate(p.valid_until) })],
            [t('term.employer'), emp(p.employer)],
            p.status_reason ? [t('permit.reason'), p.status_reason] : null,
          ]))
        : empty(t('worker.no_permit')),
      h('p', { class: 'hint' }, t('worker.permit_note'))),
    wages,
    complaints,
    training,
    jobChange(contracts, current, filed, emp),
    leaving(wid, exits),
    section(t('worker.messages'), { 'data-testid': 'messages' },
      notes.length
        ? h('ul', { class: 'messages' }, notes.map((n) => h('li', null,
            h('span', { class: 'when' }, formatTime(n.time)), ' ',
            label('event', n.type), ' ',
            n.subject.startsWith('C-') ? link(`/app/contract/${n.subject}`, t('common.open')) : null,
            n.subject.startsWith('PF-') ? link(`/app/payroll/${n.subject}`, t('common.open')) : null,
            n.subject.startsWith('CP-') ? link(`/app/complaint/${n.subject}`, t('common.open')) : null,
            n.subject.startsWith('CT-') ? verifyLink(n.subject) : null)))
        : empty(t('worker.no_messages'))),
    section(t('rights.title'), { 'data-testid': 'rights' }, h('p', { class: 'rights' }, t('rights.text'))),
    section(t('worker.all_contracts'), {},
      contracts.length
        ? table(t('worker.all_contracts'), [
            { head: t('term.position'), cell: (c: Contract) => link(`/app/contract/${c.id}`, c.terms.position) },
            { head: t('term.employer'), cell: (c: Contract) => emp(c.terms.employer) },
            { head: t('contract.state'), cell: (c: Contract) => stateBadge(c.state) },
          ], contracts)
        : empty(t('worker.no_contract'))));
}

// A job change: the worker files it with a new employer's accepted offer; no one's consent needed.
function jobChange(contracts: Contract[], current: Contract | undefined, filed: Transfer | undefined,
  emp: (id: string) => string): HTMLElement {
  if (filed) {
    return section(t('transfer.title'), { 'data-testid': 'job-change' },
      notice(t('transfer.filed', { employer: emp(filed.to_employer), date: formatDate(filed.effective_on) })),
      h('p', { class: 'hint' }, t('transfer.no_veto')),
      filed.allowed_actions.includes('cancel')
        ? actionButton(t('transfer.cancel'), async () => {
            await post(`/api/v1/transfers/${filed.id}/cancel`);
            refresh();
          }, { action: 'cancel-transfer', cls: 'secondary', confirm: t('confirm.cancel_transfer') })
        : null);
  }
  const offers = contracts.filter((c) => c.state === 'accepted' && current && c.id !== current.id &&
    c.terms.employer !== current.terms.employer);
  if (!current || !current.allowed_actions.includes('file_transfer') || !offers.length) {
    return section(t('transfer.title'), { 'data-testid': 'job-change' }, h('p', null, t('transfer.how')));
  }
  const to = select('to_contract', offers.map((c) => [c.id, `${emp(c.terms.employer)} · ${c.terms.position}`]));
  return section(t('transfer.title'), { 'data-testid': 'job-change' },
    h('p', null, t('transfer.lead', { days: t('value.days', { n: current.terms.notice_period_days }) })),
    field(t('transfer.to'), to),
    actionButton(t('transfer.file'), async () => {
      await post('/api/v1/transfers', { from_contract: current.id, to_contract: to.value }, true);
      refresh();
    }, { action: 'file-transfer' }));
}

// Leaving the country is the worker's notice, not anyone's permission.
function leaving(wid: string, exits: ExitNotice[]): HTMLElement {
  const kind = select('kind', [['returning', t('exit.returning')], ['final', t('exit.final')]]);
  const today = new Date().toISOString().slice(0, 10);
  const departure = h('input', { type: 'date', name: 'departure_date', required: true, min: today });
  const back = h('input', { type: 'date', name: 'return_date', min: today });
  const backField = field(t('exit.return_date'), back);
  kind.addEventListener('change', () => {
    backField.hidden = kind.value !== 'returning';
  });
  return section(t('exit.title'), { 'data-testid': 'exit' },
    h('p', null, t('exit.lead')),
    exits.length
      ? h('ul', { class: 'plain' }, exits.map((n) => h('li', { 'data-exit': n.id },
          n.kind === 'returning'
            ? t('exit.returning_on', { from: formatDate(n.departure_date), back: formatDate(n.return_date) })
            : t('exit.final_on', { from: formatDate(n.departure_date) }))))
      : null,
    h('details', { class: 'exit-box' },
      h('summary', null, t('exit.notify')),
      h('form', { class: 'grid-form', novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
        field(t('exit.kind'), kind),
        field(t('exit.departure_date'), departure),
        backField),
      actionButton(t('exit.submit'), async () => {
        const body: Record<string, string> = { kind: kind.value, departure_date: asciiDigits(departure.value) };
        if (kind.value === 'returning' && back.value) body.return_date = asciiDigits(back.value);
        await post(`/api/v1/workers/${encodeURIComponent(wid)}/exit-notices`, body, true);
        refresh();
      }, { action: 'notify-exit' })));
}
