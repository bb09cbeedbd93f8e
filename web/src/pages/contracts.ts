// Contracts the reader may see, by state, a page at a time.

import { get } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { employerLabel, labels, workerLabel } from '../names';
import { navigate } from '../router';
import { termValue } from '../terms';
import { CONTRACT_STATES, type Account, type Contract, type ListOf } from '../types';
import { busy, empty, heading, label, link, problem, select, stateBadge, table } from '../ui';

export async function renderContracts(_account: Account): Promise<HTMLElement> {
  const params = new URLSearchParams(location.search);
  const state = CONTRACT_STATES.includes(params.get('state') as never) ? (params.get('state') as string) : '';
  const filter = select('state', [['', t('contracts.all_states')], ...CONTRACT_STATES.map((s): [string, string] => [s, label('state', s)])], state);
  filter.id = 'state-filter';
  filter.addEventListener('change', () => navigate(filter.value ? `/app/contracts?state=${filter.value}` : '/app/contracts'));
  const list = h('div', { 'data-testid': 'contract-list' });
  const more = h('div');
  const load = async (after: string) => {
    more.replaceChildren(busy(t('common.loading')));
    try {
      const q = new URLSearchParams({ limit: '50' });
      if (state) q.set('state', state);
      if (after) q.set('after', after);
      const page = await get<ListOf<Contract>>(`/api/v1/contracts?${q}`);
      const [workers, employers] = await Promise.all([
        labels(page.items.map((c) => c.terms.worker), workerLabel),
        labels(page.items.map((c) => c.terms.employer), employerLabel),
      ]);
      if (!page.items.length && !after) list.replaceChildren(empty(t('queue.empty')));
      else list.append(table(t('nav.contracts'), [
        { head: t('term.worker'), cell: (c: Contract) => link(`/app/contract/${c.id}`, workers.get(c.terms.worker) ?? c.terms.worker) },
        { head: t('term.employer'), cell: (c: Contract) => employers.get(c.terms.employer) ?? c.terms.employer },
        { head: t('term.position'), cell: (c: Contract) => c.terms.position },
        { head: t('term.basic_wage'), cell: (c: Contract) => termValue(c.terms, 'basic_wage'), cls: 'num' },
        { head: t('contract.state'), cell: (c: Contract) => stateBadge(c.state) },
      ], page.items));
      more.replaceChildren();
      if (page.next) {
        const next = page.next;
        more.append(h('button', { type: 'button', class: 'secondary', onclick: () => void load(next) }, t('contracts.more')));
      }
    } catch (err) {
      more.replaceChildren(problem(err));
    }
  };
  await load('');
  return h('div', null,
    heading(t('nav.contracts')),
    h('div', { class: 'inline-form' }, h('label', { for: 'state-filter' }, t('contracts.filter')), filter),
    list,
    more);
}
