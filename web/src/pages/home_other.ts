// Homes of the roles that do not handle contracts: the border officer's look-up of a traveller by
// passport (identity, permits, exit notices; no wages; the rest of the border's home is in
// border.ts), the administrator's accounts, and what investigators and analysts are offered.

import { all, get } from '../api';
import { h } from '../dom';
import { formatCountry, formatDate, formatTime, t } from '../i18n';
import { workerName } from '../names';
import type { Account, ExitNotice, ListOf, Permit, Worker } from '../types';
import { busy, empty, facts, field, heading, label, problem, section, statusBadge, table } from '../ui';
import { asciiDigits } from '../text';
import { mayImportLists, watchlistsSection } from './watchlists';

// A traveller looked up by passport number: identity, permits, exit notices; no wages.
export function passportLookup(): HTMLElement {
  const input = h('input', { name: 'passport', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', dir: 'ltr' });
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'traveller' });
  const form = h('form', { class: 'inline-form', role: 'search' },
    field(t('border.passport'), input),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'lookup' }, t('border.lookup')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const number = asciiDigits(input.value).toUpperCase();
    if (!number) {
      input.focus();
      return;
    }
    out.replaceChildren(busy(t('common.working')));
    try {
      const found = (await get<ListOf<Worker>>(`/api/v1/workers?passport_number=${encodeURIComponent(number)}`)).items;
      if (!found.length) {
        out.replaceChildren(empty(t('border.not_found', { number })));
        return;
      }
      const parts = await Promise.all(found.map(async (w) => {
        const [permits, exits] = await Promise.all([
          get<ListOf<Permit>>(`/api/v1/permits?worker=${encodeURIComponent(w.id)}`).then((l) => l.items),
          get<ListOf<ExitNotice>>(`/api/v1/workers/${encodeURIComponent(w.id)}/exit-notices`).then((l) => l.items),
        ]);
        return h('div', { class: 'card' },
          h('h3', null, workerName(w)),
          facts([
            [t('worker.native_name'), w.name_native ?? ''],
            [t('worker.passport'), `${w.passport.number} (${formatCountry(w.passport.issuing_state)})`],
            [t('worker.born'), formatDate(w.date_of_birth)],
            [t('worker.nationality'), formatCountry(w.nationality)],
          ]),
          h('h4', null, t('worker.permits')),
          permits.length
            ? h('ul', { class: 'plain' }, permits.map((p) => h('li', null, statusBadge('permit', p.status), ' ',
                t('permit.valid_range', { from: formatDate(p.valid_from), until: formatDate(p.valid_until) }))))
            : empty(t('worker.no_permit')),
          h('h4', null, t('exit.title')),
          exits.length
            ? h('ul', { class: 'plain' }, exits.map((n) => h('li', null, n.kind === 'returning'
                ? t('exit.returning_on', { from: formatDate(n.departure_date), back: formatDate(n.return_date) })
                : t('exit.final_on', { from: formatDate(n.departure_date) }))))
            : empty(t('exit.none')));
      }));
      out.replaceChildren(...parts);
    } catch (err) {
      out.replaceChildren(problem(err));
    }
  });
  return section(t('border.title'), { 'data-testid': 'passport-lookup' }, h('p', { class: 'hint' }, t('border.hint')), form, out);
}

export async function adminHome(account: Account): Promise<HTMLElement> {
  const { items } = await all<Account>('/api/v1/accounts', undefined, 2000);
  return h('div', { class: 'home home-admin' },
    heading(account.display_name),
    mayImportLists(account) ? await watchlistsSection() : null,
    section(t('admin.accounts'), { 'data-testid': 'accounts' },
      table(t('admin.accounts'), [
        { head: t('admin.username'), cell: (a: Account) => a.username },
        { head: t('admin.role'), cell: (a: Account) => label('role', a.role) },
        { head: t('admin.name'), cell: (a: Account) => a.display_name },
        { head: t('shell.language'), cell: (a: Account) => label('lang', a.language) },
        { head: t('admin.state'), cell: (a: Account) => (a.disabled ? t('admin.disabled') : t('admin.enabled')) },
      ], items)));
}

// Investigators work on cases and analysts on aggregates; until this node offers those, the
// home says so plainly rather than showing records these roles may not see.
export async function quietHome(account: Account): Promise<HTMLElement> {
  const head = await get<{ size: number; time: string }>('/api/v1/ledger/head').catch(() => null);
  return h('div', { class: 'home' },
    heading(account.display_name),
    section(t(`quiet.${account.role}.title`), {},
      h('p', null, t(`quiet.${account.role}.text`)),
      head ? facts([[t('quiet.ledger'), t('quiet.ledger_value', { n: head.size, time: formatTime(head.time) })]]) : null));
}
