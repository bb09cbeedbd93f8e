// The federation as the officers see it (docs/formats/federation.md §11): each peer with its
// pinned key and delivery state, the messages sent and received with their state (pending,
// acknowledged, applied, rejected), and the envelopes refused before they were applied. The node
// refuses this view to every other role; the page then says so.

import { ApiError, get } from '../api';
import { h } from '../dom';
import { formatCountry, formatNumber, formatTime, t } from '../i18n';
import type { Account, FederationMessage, FederationPeer, ListOf, RefusedMessage } from '../types';
import { busy, code, empty, facts, field, heading, label, problem, section, select, statusBadge, table } from '../ui';

const PAGE = 50;

function refused(): HTMLElement {
  return h('div', { 'data-testid': 'federation-refused' },
    heading(t('federation.title')),
    h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, t('federation.refused'))));
}

// null when the node refuses the reader.
async function orRefused<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

function peerCard(p: FederationPeer): HTMLElement {
  const healthy = p.failures === 0;
  return h('div', { class: 'card peer', 'data-peer': p.node_id },
    h('h3', null, h('bdi', null, p.node_id), ' · ', formatCountry(p.country)),
    facts([
      [t('federation.url'), h('span', { dir: 'ltr' }, p.url)],
      [t('federation.key'), code(p.public_key)],
      [t('federation.sent'), h('span', { 'data-testid': 'peer-sent' }, t('federation.sent_counts', {
        pending: formatNumber(p.sent.pending), acknowledged: formatNumber(p.sent.acknowledged), rejected: formatNumber(p.sent.rejected),
      }))],
      [t('federation.received'), h('span', { 'data-testid': 'peer-received' }, t('federation.received_counts', {
        applied: formatNumber(p.received.applied), rejected: formatNumber(p.received.rejected),
      }))],
      [t('federation.delivery'), healthy
        ? h('span', { class: 'yes' }, t('federation.delivering'))
        : h('span', { class: 'no' }, t('federation.failing', { n: p.failures }))],
      [t('federation.last_success'), p.last_success_at ? formatTime(p.last_success_at) : t('federation.never')],
      p.next_attempt_at ? [t('federation.next_attempt'), formatTime(p.next_attempt_at)] : null,
      p.last_error ? [t('federation.last_error'), h('span', { lang: 'en', dir: 'ltr' }, p.last_error)] : null,
      [t('federation.head'), p.last_head ? t('federation.head_value', { n: p.last_head.size, time: formatTime(p.last_head.time ?? '') }) : t('federation.never')],
    ]));
}

function messagesTable(items: FederationMessage[]): HTMLElement {
  return table(t('federation.messages'), [
    { head: t('federation.peer'), cell: (m: FederationMessage) => m.peer },
    { head: t('federation.seq'), cell: (m: FederationMessage) => formatNumber(m.seq), cls: 'num' },
    { head: t('federation.type'), cell: (m: FederationMessage) => label('fedtype', m.type) },
    { head: t('federation.subject'), cell: (m: FederationMessage) => code(m.subject) },
    {
      head: t('federation.state'),
      cell: (m: FederationMessage) => [statusBadge('fedstate', m.state), m.reason ? [h('br'), h('span', { class: 'hint', lang: 'en', dir: 'ltr' }, m.reason)] : null],
    },
    { head: t('federation.created'), cell: (m: FederationMessage) => formatTime(m.created_at) },
    { head: t('federation.settled'), cell: (m: FederationMessage) => formatTime(m.settled_at) },
  ], items, { 'data-testid': 'messages-table' });
}

// The message log with its filters, loaded again when they change.
function messagesSection(): HTMLElement {
  const direction = select('direction', [['sent', t('federation.dir_sent')], ['received', t('federation.dir_received')]], 'sent');
  const state = select('state', [
    ['', t('federation.any_state')],
    ['pending', label('fedstate', 'pending')],
    ['acknowledged', label('fedstate', 'acknowledged')],
    ['applied', label('fedstate', 'applied')],
    ['rejected', label('fedstate', 'rejected')],
  ], '');
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'messages' });
  const load = async () => {
    out.replaceChildren(busy(t('common.loading')));
    const q = new URLSearchParams({ direction: direction.value, limit: String(PAGE) });
    if (state.value) q.set('state', state.value);
    try {
      const page = await get<ListOf<FederationMessage>>(`/api/v1/federation/messages?${q}`);
      const parts: Node[] = [page.items.length ? messagesTable(page.items) : empty(t('federation.no_messages'))];
      if (page.next) parts.push(h('p', { class: 'hint' }, t('federation.more', { n: PAGE })));
      out.replaceChildren(...parts);
    } catch (err) {
      out.replaceChildren(err instanceof ApiError && err.status === 403 ? empty(t('federation.messages_refused')) : problem(err));
    }
  };
  direction.addEventListener('change', () => void load());
  state.addEventListener('change', () => void load());
  void load();
  return section(t('federation.messages'), { 'data-testid': 'federation-messages' },
    h('form', { class: 'inline-form', onsubmit: (e: Event) => e.preventDefault() },
      field(t('federation.direction'), direction),
      field(t('federation.state'), state)),
    out);
}

export async function renderFederation(account: Account): Promise<HTMLElement> {
  const peers = await orRefused(get<ListOf<FederationPeer>>('/api/v1/federation/peers'));
  if (!peers) return refused();
  const officer = account.role === 'origin_officer' || account.role === 'destination_officer';
  const refusals = officer ? await orRefused(get<ListOf<RefusedMessage>>(`/api/v1/federation/refused?limit=${PAGE}`)) : null;
  const totals = peers.items.reduce((a, p) => ({
    pending: a.pending + p.sent.pending,
    acknowledged: a.acknowledged + p.sent.acknowledged,
    sentRejected: a.sentRejected + p.sent.rejected,
    applied: a.applied + p.received.applied,
    receivedRejected: a.receivedRejected + p.received.rejected,
  }), { pending: 0, acknowledged: 0, sentRejected: 0, applied: 0, receivedRejected: 0 });
  return h('div', { class: 'federation', 'data-testid': 'federation' },
    heading(t('federation.title')),
    h('p', { class: 'lead' }, t('federation.lead')),
    section(t('federation.summary'), { 'data-testid': 'federation-summary' },
      facts([
        [t('federation.peers_count'), formatNumber(peers.items.length)],
        [t('federation.pending'), h('span', { 'data-count': 'pending' }, formatNumber(totals.pending))],
        [t('federation.acknowledged'), h('span', { 'data-count': 'acknowledged' }, formatNumber(totals.acknowledged))],
        [t('federation.sent_rejected'), h('span', { 'data-count': 'sent-rejected' }, formatNumber(totals.sentRejected))],
        [t('federation.applied'), h('span', { 'data-count': 'applied' }, formatNumber(totals.applied))],
        [t('federation.received_rejected'), h('span', { 'data-count': 'received-rejected' }, formatNumber(totals.receivedRejected))],
        refusals ? [t('federation.refused_count'), h('span', { 'data-count': 'refused' }, formatNumber(refusals.items.length))] : null,
      ])),
    section(t('federation.peers'), { 'data-testid': 'federation-peers' },
      peers.items.length ? peers.items.map(peerCard) : empty(t('federation.no_peers'))),
    officer ? messagesSection() : null,
    refusals
      ? section(t('federation.refusals'), { 'data-testid': 'federation-refusals' },
          h('p', { class: 'hint' }, t('federation.refusals_hint')),
          refusals.items.length
            ? table(t('federation.refusals'), [
                { head: t('federation.time'), cell: (r: RefusedMessage) => formatTime(r.time) },
                { head: t('federation.claimed_sender'), cell: (r: RefusedMessage) => r.claimed_sender },
                { head: t('federation.seq'), cell: (r: RefusedMessage) => formatNumber(r.seq), cls: 'num' },
                { head: t('federation.type'), cell: (r: RefusedMessage) => label('fedtype', r.type) },
                { head: t('federation.code'), cell: (r: RefusedMessage) => label('refusal', r.code) },
                { head: t('federation.reason'), cell: (r: RefusedMessage) => h('span', { lang: 'en', dir: 'ltr' }, r.reason) },
                { head: t('federation.remote'), cell: (r: RefusedMessage) => h('span', { dir: 'ltr' }, r.remote) },
              ], refusals.items, { 'data-testid': 'refused-table' })
            : empty(t('federation.no_refusals')))
      : null);
}
