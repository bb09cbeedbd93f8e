// The border officer's home (docs/border.md): record an entry or exit from the travel document's
// machine-readable zone and see at once what the registry and the watchlists say; the screening
// hits waiting for a decision, each confirmed or dismissed with a reason; the stays that ran out;
// the lists travellers are screened against; and a look-up by passport number.

import { ApiError, get, post } from '../api';
import { h, replace } from '../dom';
import { formatCountry, formatDate, formatNumber, formatTime, t } from '../i18n';
import { workerLabel, labels } from '../names';
import type {
  Account, BorderFinding, Crossing, CrossingOutcome, ListOf, OverstayFlag, ScreeningHit,
  WatchlistVersion,
} from '../types';
import {
  busy, code, empty, facts, field, heading, label, link, notice, problem, section, select,
  statusBadge, table,
} from '../ui';
import { asciiDigits } from '../text';
import { passportLookup } from './home_other';

const QUEUE = 50;

// The zone as typed or scanned: upper case, no spaces, one line per line, no blank lines.
export function cleanZone(text: string): string {
  return text.split(/\r?\n/).map((l) => l.replace(/\s+/g, '').toUpperCase()).filter(Boolean).join('\n');
}

function travellerName(c: Crossing): string {
  const d = c.document;
  return [d.secondary_identifier, d.primary_identifier].filter(Boolean).join(' ');
}

// Findings are about the traveller: the serious ones stand out.
const SERIOUS = new Set([
  'not_registered', 'permit_suspended', 'permit_cancelled', 'permit_expired', 'no_permit',
  'document_expired', 'registered_passport_expired', 'registry_identity_differs', 'overstay',
  'no_recorded_entry', 'no_recorded_exit', 'invalid_mrz_accepted', 'no_watchlists',
  'departure_clearance_missing', 'departure_clearance_expired', 'departure_clearance_revoked',
]);

function findingsList(findings: BorderFinding[]): HTMLElement {
  return h('ul', { class: 'plain findings', 'data-testid': 'crossing-findings' }, findings.map((f) =>
    h('li', { 'data-code': f.code, class: SERIOUS.has(f.code) ? 'serious' : 'fine' },
      h('strong', null, label('borderfinding', f.code)),
      f.message ? [h('br'), h('span', { class: 'hint', lang: 'en', dir: 'ltr' }, f.message)] : null)));
}

// A hit with what the scorer saw and, while pending, the decision with a reason.
function hitCard(hit: ScreeningHit, traveller: string, onDecided: (h: ScreeningHit) => void): HTMLElement {
  const card = h('div', { class: 'card hit', 'data-hit': hit.id, 'data-state': hit.state, 'data-crossing': hit.crossing });
  const draw = (x: ScreeningHit) => {
    card.dataset.state = x.state;
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 1000, required: true });
    const out = h('div', { 'aria-live': 'polite' });
    const decide = (how: 'confirm' | 'dismiss') => async () => {
      const text = reason.value.trim();
      if (!text) {
        out.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, t('hit.need_reason'))));
        reason.focus();
        return;
      }
      for (const b of card.querySelectorAll('button')) b.disabled = true;
      out.replaceChildren(busy(t('common.working')));
      try {
        const decided = await post<ScreeningHit>(`/api/v1/screening/hits/${encodeURIComponent(x.id)}/${how}`, { reason: text });
        draw(decided);
        onDecided(decided);
        card.querySelector('h3')?.focus();
      } catch (err) {
        out.replaceChildren(problem(err));
        for (const b of card.querySelectorAll('button')) b.disabled = false;
      }
    };
    replace(card,
      h('h3', { tabindex: -1 }, h('bdi', null, x.listed_name), ' ', statusBadge('hitstate', x.state)),
      facts([
        [t('hit.traveller'), traveller],
        [t('hit.list'), t('hit.list_version', { list: x.list, n: x.list_version })],
        [t('hit.entry_reason'), x.entry_reason],
        [t('hit.score'), h('span', null, formatNumber(Math.round(x.score * 100) / 100), ' · ', label('hitdecision', x.decision))],
        [t('hit.document_match'), x.document_match ? h('strong', { class: 'no' }, t('common.yes')) : t('common.no')],
        [t('hit.raised'), formatTime(x.raised_at)],
        x.state !== 'pending' ? [t('hit.decided'), t('hit.decided_by', { who: x.decided_by, time: formatTime(x.decided_at) })] : null,
        x.state !== 'pending' ? [t('hit.reason'), x.decision_reason] : null,
      ]),
      h('details', null,
        h('summary', null, t('hit.explanation')),
        h('pre', { class: 'explain', lang: 'en', dir: 'ltr' }, x.explanation)),
      x.state === 'pending'
        ? h('div', { class: 'decide' },
            field(t('hit.reason'), reason, t('hit.reason_hint')),
            h('div', { class: 'buttons' },
              h('button', { type: 'button', class: 'danger', 'data-action': 'confirm-hit', onclick: decide('confirm') }, t('hit.confirm')),
              h('button', { type: 'button', class: 'secondary', 'data-action': 'dismiss-hit', onclick: decide('dismiss') }, t('hit.dismiss'))),
            out)
        : null);
  };
  draw(hit);
  return card;
}

function outcomeView(o: CrossingOutcome, onDecided: (h: ScreeningHit) => void): HTMLElement {
  const c = o.crossing;
  const d = c.document;
  const name = travellerName(c);
  return h('div', { class: 'card outcome-card', 'data-testid': 'crossing-outcome', 'data-crossing': c.id, tabindex: -1 },
    h('h3', null, t(c.direction === 'entry' ? 'crossing.recorded_entry' : 'crossing.recorded_exit', { name })),
    o.hits.length
      ? h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'crossing-hits' },
          h('p', null, h('strong', null, t('crossing.hits', { n: o.hits.length }))))
      : c.screened_against.length
        ? notice(t('crossing.no_hits', { n: c.screened_against.length }))
        : null,
    facts([
      [t('crossing.document'), `${label('dockind', d.kind)} · ${d.format}`],
      [t('worker.passport'), h('span', { dir: 'ltr' }, `${d.number} (${formatCountry(d.issuing_state)})`)],
      [t('worker.nationality'), formatCountry(d.nationality)],
      [t('worker.born'), /^\d{4}-\d{2}-\d{2}$/.test(d.birth_date) ? formatDate(d.birth_date) : d.birth_date],
      [t('worker.sex'), label('sex', d.sex)],
      [t('crossing.expiry'), formatDate(d.expiry)],
      [t('crossing.authorised_until'), formatDate(c.authorised_until)],
      [t('crossing.worker'), c.worker ? link(`/app/worker/${c.worker}`, t('crossing.registry_record')) : ''],
      [t('crossing.screened_against'), c.screened_against.map((l) => t('hit.list_version', { list: l.list, n: l.version })).join(' · ')],
    ]),
    h('h4', null, t('crossing.findings')),
    findingsList(c.findings),
    o.hits.map((x) => hitCard(x, name, onDecided)));
}

function crossingForm(onRecorded: (o: CrossingOutcome) => void): HTMLElement {
  const direction = select('direction', [['entry', t('crossing.entry')], ['exit', t('crossing.exit')]], 'entry');
  const port = h('input', { name: 'port', required: true, autocomplete: 'off', value: localStorage.getItem('corridor.port') ?? '' });
  const mrz = h('textarea', {
    name: 'mrz', rows: 3, required: true, dir: 'ltr', spellcheck: 'false', autocomplete: 'off',
    autocapitalize: 'characters', class: 'mrz', 'data-testid': 'mrz',
  });
  const visa = h('textarea', { name: 'visa_mrz', rows: 2, dir: 'ltr', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'characters', class: 'mrz' });
  const until = h('input', { type: 'date', name: 'authorised_until', dir: 'ltr' });
  const invalidReason = h('input', { name: 'accept_invalid_reason', autocomplete: 'off' });
  const invalidBox = h('div', { class: 'invalid-box', hidden: true },
    field(t('crossing.accept_invalid'), invalidReason, t('crossing.accept_invalid_hint')));
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'record-crossing' }, t('crossing.record'));
  const form = h('form', { class: 'crossing-form', novalidate: true },
    h('div', { class: 'grid-form' },
      field(t('crossing.direction'), direction),
      field(t('crossing.port'), port)),
    field(t('crossing.mrz'), mrz, t('crossing.mrz_hint')),
    h('details', null,
      h('summary', null, t('crossing.more')),
      field(t('crossing.visa_mrz'), visa, t('crossing.visa_hint')),
      field(t('crossing.authorised_until'), until, t('crossing.authorised_hint'))),
    invalidBox,
    submit,
    out);
  const fail = (text: string, focus: HTMLElement) => {
    out.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, text)));
    focus.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const zone = cleanZone(mrz.value);
    if (!port.value.trim()) return fail(t('crossing.need_port'), port);
    if (!zone) return fail(t('crossing.need_mrz'), mrz);
    const body: Record<string, string> = { direction: direction.value, port: port.value.trim(), mrz: zone };
    const v = cleanZone(visa.value);
    if (v) body.visa_mrz = v;
    if (until.value) body.authorised_until = asciiDigits(until.value);
    if (!invalidBox.hidden && invalidReason.value.trim()) body.accept_invalid_reason = invalidReason.value.trim();
    submit.disabled = true;
    out.replaceChildren(busy(t('crossing.screening')));
    try {
      const o = await post<CrossingOutcome>('/api/v1/crossings', body, true);
      localStorage.setItem('corridor.port', body.port);
      out.replaceChildren();
      mrz.value = '';
      visa.value = '';
      invalidReason.value = '';
      invalidBox.hidden = true;
      onRecorded(o);
    } catch (err) {
      out.replaceChildren(problem(err));
      // A zone that reads but fails its checks may be a genuine misprinted document.
      if (err instanceof ApiError && err.status === 422 && /check|digit/i.test(err.detail)) invalidBox.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function listOrNull<T>(path: string): Promise<T[] | null> {
  try {
    return (await get<ListOf<T>>(path)).items;
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return null;
    throw err;
  }
}

export async function borderHome(account: Account): Promise<HTMLElement> {
  const [hits, overstays, lists] = await Promise.all([
    listOrNull<ScreeningHit>(`/api/v1/screening/hits?state=pending&limit=${QUEUE}`),
    listOrNull<OverstayFlag>(`/api/v1/overstays?open=true&limit=${QUEUE}`),
    listOrNull<WatchlistVersion>('/api/v1/watchlists'),
  ]);
  // The traveller each pending hit is about, from its crossing.
  const crossings = await Promise.all((hits ?? []).map((x) =>
    get<Crossing>(`/api/v1/crossings/${encodeURIComponent(x.crossing)}`).catch(() => null)));
  const workers = await labels((overstays ?? []).flatMap((o) => (o.worker ? [o.worker] : [])), workerLabel);
  const queueCount = h('p', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'hits-count' });
  let pending = (hits ?? []).length;
  const setCount = () => {
    queueCount.textContent = t('hit.pending_count', { n: pending });
  };
  setCount();
  const decided = (x: ScreeningHit) => {
    if (x.state !== 'pending') {
      pending = Math.max(0, pending - 1);
      setCount();
    }
  };
  const hitsBox = h('div', { 'data-testid': 'hits' },
    (hits ?? []).map((x, i) => hitCard(x, crossings[i] ? travellerName(crossings[i]!) : x.crossing, decided)));
  const outcome = h('div', { 'data-testid': 'crossing-result' });
  const form = crossingForm((o) => {
    const view = outcomeView(o, decided);
    outcome.replaceChildren(view);
    // New hits join the queue below too.
    for (const x of o.hits) {
      if (x.state === 'pending') pending += 1;
    }
    setCount();
    view.focus();
  });
  return h('div', { class: 'home home-border' },
    heading(account.display_name),
    section(t('crossing.title'), { class: 'card needs-you', 'data-testid': 'record-crossing' },
      h('p', { class: 'hint' }, t('crossing.lead')),
      lists && lists.length === 0 ? h('div', { class: 'alert alert-error', role: 'status' }, h('p', null, t('crossing.no_lists'))) : null,
      form,
      outcome),
    hits !== null
      ? section(t('hit.title'), { class: 'card queue', 'data-testid': 'hits-queue' },
          queueCount,
          (hits ?? []).length ? hitsBox : empty(t('hit.none')))
      : null,
    overstays !== null
      ? section(t('overstay.title'), { 'data-testid': 'overstays' },
          h('p', { class: 'hint' }, t('overstay.hint')),
          overstays.length
            ? table(t('overstay.title'), [
                { head: t('overstay.document'), cell: (o: OverstayFlag) => h('span', { dir: 'ltr' }, o.document) },
                { head: t('term.worker'), cell: (o: OverstayFlag) => (o.worker ? link(`/app/worker/${o.worker}`, workers.get(o.worker) ?? o.worker) : t('overstay.not_registered')) },
                { head: t('overstay.until'), cell: (o: OverstayFlag) => formatDate(o.authorised_until) },
                { head: t('overstay.days_over'), cell: (o: OverstayFlag) => t('value.days', { n: o.days_over }), cls: 'num' },
                { head: t('overstay.basis'), cell: (o: OverstayFlag) => h('span', { lang: 'en', dir: 'ltr' }, o.basis) },
                { head: t('overstay.flagged'), cell: (o: OverstayFlag) => formatDate(o.flagged_on) },
              ], overstays, { 'data-testid': 'overstays-table' })
            : empty(t('overstay.none')))
      : null,
    lists !== null
      ? section(t('watchlist.title'), { 'data-testid': 'watchlists' },
          h('p', { class: 'hint' }, t('watchlist.hint')),
          lists.length
            ? table(t('watchlist.title'), [
                { head: t('watchlist.list'), cell: (l: WatchlistVersion) => h('span', { dir: 'ltr' }, l.list_id) },
                { head: t('watchlist.version'), cell: (l: WatchlistVersion) => formatNumber(l.version), cls: 'num' },
                { head: t('watchlist.entries'), cell: (l: WatchlistVersion) => formatNumber(l.entries), cls: 'num' },
                { head: t('watchlist.imported'), cell: (l: WatchlistVersion) => formatTime(l.imported_at) },
                { head: t('watchlist.digest'), cell: (l: WatchlistVersion) => code(l.digest.slice(0, 16)) },
              ], lists)
            : empty(t('crossing.no_lists')))
      : null,
    passportLookup());
}
