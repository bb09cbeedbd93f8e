// One worker's record as the reader's role may see it (the node leaves out what the role does
// not need), with their contracts, permits and exit notices where the role may see those.

import { ApiError, all, get, has as hasOp, post } from '../api';
import { h } from '../dom';
import { formatCountry, formatDate, t } from '../i18n';
import { employerLabel, labels, workerName } from '../names';
import { termValue } from '../terms';
import type { Account, Contract, ExitNotice, ListOf, Permit, Worker } from '../types';
import { FormErrors, onSubmit } from '../forms';
import { refresh } from '../router';
import { asciiDigits } from '../text';
import { empty, facts, field, heading, label, link, section, stateBadge, statusBadge, table } from '../ui';
import { wagesSection } from './wages';
import { workerTraining } from './training';

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}

export async function renderWorker(account: Account, id: string): Promise<HTMLElement> {
  const w = await orNull(get<Worker>(`/api/v1/workers/${encodeURIComponent(id)}`));
  if (!w) {
    return h('div', { 'data-testid': 'worker-missing' },
      heading(t('worker.missing_title')),
      h('p', null, t('worker.missing', { id })),
      h('p', null, link('/', t('common.back_home'))));
  }
  const seesContracts = account.role !== 'border_officer';
  const seesWages = ['destination_officer', 'embassy', 'employer'].includes(account.role) && hasOp('GET', '/api/v1/workers/{id}/wages');
  // The origin's officer is given her nationals' training (docs/formats/training.md section 4).
  const seesTraining = account.role === 'origin_officer';
  const [contracts, permits, exits, wages, training] = await Promise.all([
    seesContracts ? orNull(all<Contract>(`/api/v1/contracts?worker=${encodeURIComponent(id)}`, undefined, 500).then((r) => r.items)) : null,
    orNull(get<ListOf<Permit>>(`/api/v1/permits?worker=${encodeURIComponent(id)}`).then((l) => l.items)),
    orNull(get<ListOf<ExitNotice>>(`/api/v1/workers/${encodeURIComponent(id)}/exit-notices`).then((l) => l.items)),
    seesWages ? wagesSection(id, false) : Promise.resolve(null),
    seesTraining ? workerTraining(id, orNull) : Promise.resolve(null),
  ]);
  const mine = (contracts ?? []).filter((c) => c.terms.worker === id);
  const employers = await labels(mine.map((c) => c.terms.employer).concat((permits ?? []).map((p) => p.employer)), employerLabel);
  return h('div', { 'data-worker': w.id },
    heading(workerName(w)),
    section(t('worker.identity'), { 'data-testid': 'identity' },
      facts([
        [t('worker.native_name'), w.name_native ?? ''],
        [t('worker.born'), formatDate(w.date_of_birth)],
        [t('worker.sex'), label('sex', w.sex)],
        [t('worker.nationality'), formatCountry(w.nationality)],
        [t('worker.passport'), `${w.passport.number} (${formatCountry(w.passport.issuing_state)})`],
        [t('worker.passport_expiry'), formatDate(w.passport.expiry)],
        [t('worker.phone'), w.phone ? h('span', { dir: 'ltr' }, w.phone) : ''],
        [t('worker.language'), label('lang', w.preferred_language)],
      ])),
    contracts !== null
      ? section(t('worker.contracts'), { 'data-testid': 'worker-contracts' },
          mine.length
            ? table(t('worker.contracts'), [
                { head: t('term.position'), cell: (c: Contract) => link(`/app/contract/${c.id}`, c.terms.position) },
                { head: t('term.employer'), cell: (c: Contract) => employers.get(c.terms.employer) ?? c.terms.employer },
                { head: t('term.basic_wage'), cell: (c: Contract) => termValue(c.terms, 'basic_wage'), cls: 'num' },
                { head: t('contract.state'), cell: (c: Contract) => stateBadge(c.state) },
              ], mine)
            : empty(t('queue.empty')))
      : null,
    permits !== null
      ? section(t('worker.permits'), { 'data-testid': 'worker-permits' },
          permits.length
            ? table(t('worker.permits'), [
                { head: t('term.employer'), cell: (p: Permit) => employers.get(p.employer) ?? p.employer },
                { head: t('permit.valid'), cell: (p: Permit) => t('permit.valid_range', { from: formatDate(p.valid_from), until: formatDate(p.valid_until) }) },
                { head: t('permit.status'), cell: (p: Permit) => statusBadge('permit', p.status) },
              ], permits)
            : empty(t('worker.no_permit')),
          ...(permits ?? []).filter((p) => p.allowed_actions.includes('renew')).map(renewForm))
      : null,
    wages,
    training,
    exits !== null
      ? section(t('exit.title'), { 'data-testid': 'worker-exits' },
          exits.length
            ? h('ul', { class: 'plain' }, exits.map((n) => h('li', null, n.kind === 'returning'
                ? t('exit.returning_on', { from: formatDate(n.departure_date), back: formatDate(n.return_date) })
                : t('exit.final_on', { from: formatDate(n.departure_date) }))))
            : empty(t('exit.none')))
      : null);
}

// The destination officer's renewal of a permit, offered when the node lists renew among its
// allowed actions: the new end, which the node checks against the contract's term and the
// country's longest grant, and whose refusal is shown beside the date.
function renewForm(p: Permit): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const end = h('input', { type: 'date', name: 'end', dir: 'ltr', required: true });
  const form = h('form', { novalidate: true, 'data-testid': 'renew-form', 'data-permit': p.id },
    h('div', { class: 'grid-form' }, field(t('permit.renew_until'), end)),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary', 'data-action': 'renew-permit' }, t('permit.renew')),
      progress));
  const errors = new FormErrors({ end }, out);
  onSubmit(form, errors, progress, async () => {
    await post(`/api/v1/permits/${encodeURIComponent(p.id)}/renew`, { end: asciiDigits(end.value) });
    refresh();
  });
  return h('details', { class: 'evidence', 'data-testid': 'renew' },
    h('summary', null, t('permit.renew_title', { until: formatDate(p.valid_until) })),
    h('p', { class: 'hint' }, t('permit.renew_hint')), form, out);
}
