// The navigation bar: the pages the account's role has.

import { has } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { current } from '../router';
import { link } from '../ui';
import type { Account } from '../types';
import { filesComplaints } from './cases_file';

// Roles that read lists of contracts.
export const SEES_CONTRACTS = new Set([
  'origin_officer', 'destination_officer', 'embassy', 'employer', 'agency',
]);

// Roles the node shows the federation's state to (docs/formats/federation.md §11).
export const SEES_FEDERATION = new Set(['origin_officer', 'destination_officer', 'administrator']);

// Roles the statistics page is for: the analyst (whose home it is), and the administrator and
// the officers, who read the same released, disclosure-controlled tables.
export const SEES_STATISTICS = new Set(['analyst', 'administrator', 'origin_officer', 'destination_officer']);

export function seesStatistics(account: Account): boolean {
  return SEES_STATISTICS.has(account.role) && has('GET', '/api/v1/statistics/tables/{indicator}');
}

export function navFor(account: Account): HTMLElement {
  const items: Array<[string, string, string]> = [['/', t('nav.home'), 'home']];
  if (SEES_CONTRACTS.has(account.role)) items.push(['/app/contracts', t('nav.contracts'), 'contracts']);
  if (SEES_FEDERATION.has(account.role) && has('GET', '/api/v1/federation/peers')) {
    items.push(['/app/federation', t('nav.federation'), 'federation']);
  }
  if (account.role === 'administrator' && has('POST', '/api/v1/watchlists/imports')) {
    items.push(['/app/watchlists', t('nav.watchlists'), 'watchlists']);
  }
  if (account.role === 'origin_officer' && has('GET', '/api/v1/clearances/queue')) {
    items.push(['/app/clearances', t('nav.clearances'), 'clearances']);
  }
  if (account.role === 'origin_officer' && has('GET', '/api/v1/training/centres')) {
    items.push(['/app/training', t('nav.training'), 'training']);
  }
  if (seesStatistics(account)) items.push(['/app/statistics', t('nav.statistics'), 'statistics']);
  if (filesComplaints(account) && has('POST', '/api/v1/complaints')) {
    items.push(['/app/report', t(account.role === 'worker' ? 'nav.report' : 'nav.file_complaint'), 'report']);
  }
  const here = current()?.page ?? 'home';
  return h('nav', { class: 'mainnav', 'aria-label': t('nav.label') },
    h('ul', null, items.map(([href, text, page]) => {
      const a = link(href, text);
      if (page === here) a.setAttribute('aria-current', 'page');
      return h('li', null, a);
    })));
}
