// The origin officer's departure clearance queue (docs/formats/clearance.md §5): the contracts
// attested and not yet cleared, each with what it lacks, in the node's words; each row opens the
// contract, whose page records the evidence and issues the clearance. The node decides what is in
// the queue and what each contract lacks; this page only shows it.

import { get, has as hasOp } from '../api';
import { h } from '../dom';
import { formatCountry, formatDate, formatList, t } from '../i18n';
import { labels, workerLabel } from '../names';
import type { Account, ClearanceQueueItem, ListOf } from '../types';
import { empty, heading, label, link, section, stateBadge, statusBadge, table } from '../ui';
import { standingBadge } from './clearance';

const PAGE = 50;

// What the contract lacks: the requirements not met, or that it is ready to be cleared.
function lacks(item: ClearanceQueueItem): HTMLElement {
  if (item.ready) return statusBadge('requirementstate', 'ready');
  return h('span', { 'data-missing': item.missing.map((m) => m.requirement).join(' ') },
    formatList(item.missing.map((m) => label('requirement', m.requirement))));
}

export async function renderClearances(account: Account): Promise<HTMLElement> {
  if (account.role !== 'origin_officer' || !hasOp('GET', '/api/v1/clearances/queue')) {
    return h('div', null, heading(t('queue.clearance_title')), h('p', null, t('queue.clearance_not_for_role')));
  }
  const after = new URLSearchParams(location.search).get('after') ?? '';
  const page = await get<ListOf<ClearanceQueueItem>>(
    `/api/v1/clearances/queue?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
  const workers = await labels(page.items.map((i) => i.worker), workerLabel);
  const ready = page.items.filter((i) => i.ready).length;
  return h('div', { class: 'clearance-queue' },
    heading(t('queue.clearance_title')),
    h('p', { class: 'lead' }, t('queue.clearance_lead')),
    section(t('queue.clearance_list'), { 'data-testid': 'clearance-queue', class: 'card queue' },
      page.items.length
        ? [
            h('p', { class: 'hint' }, t('queue.clearance_count', { n: page.items.length, ready })),
            table(t('queue.clearance_list'), [
              {
                head: t('term.worker'),
                cell: (i: ClearanceQueueItem) => link(`/app/contract/${i.contract}`, workers.get(i.worker) ?? i.worker),
              },
              { head: t('term.position'), cell: (i: ClearanceQueueItem) => i.position },
              { head: t('clearance.destination'), cell: (i: ClearanceQueueItem) => formatCountry(i.destination_country) },
              { head: t('term.start_date'), cell: (i: ClearanceQueueItem) => formatDate(i.start_date) },
              { head: t('contract.state'), cell: (i: ClearanceQueueItem) => stateBadge(i.contract_state) },
              { head: t('queue.clearance_lacks'), cell: lacks },
              {
                head: t('queue.clearance_last'),
                cell: (i: ClearanceQueueItem) => i.last_clearance ? standingBadge(i.last_clearance.standing) : t('common.none'),
              },
            ], page.items, { 'data-queue': 'clearance' }),
          ]
        : empty(t('queue.clearance_empty')),
      page.next ? h('p', null, link(`/app/clearances?after=${encodeURIComponent(page.next)}`, t('queue.more'))) : null));
}
