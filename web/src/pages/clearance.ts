// Departure clearance (docs/formats/clearance.md) on the pages that show it: the clearance with
// where it stands today and its printable document; on a contract's page the requirement check
// (each requirement met or not, and the node's words why), the forms that record the evidence,
// issuing and revoking; and the worker's own clearance on her home. Every step shown is one the
// node names in allowed_actions: the portal decides nothing of who may clear, or when.

import { ApiError, all, get, has as hasOp, post, raw } from '../api';
import { h, uid } from '../dom';
import { LANGUAGES, formatCountry, formatDate, language, t } from '../i18n';
import { refresh } from '../router';
import { asciiDigits } from '../text';
import type {
  Account, Clearance, ClearanceCheck, ClearanceCheckAction, ClearanceStanding, Contract,
  InsurancePolicy, ListOf,
} from '../types';
import { REVOCATION_REASONS } from '../types';
import { FormErrors, onSubmit, type Fields } from '../forms';
import {
  actionButton, busy, code, empty, facts, field, label, link, notice, problem, section, select,
  statusBadge,
} from '../ui';
import { today } from './training';

// Where a clearance stands today, as the node says it: valid today, revoked, or past its last day.
export function standingOf(c: Pick<Clearance, 'state' | 'valid'>): ClearanceStanding {
  if (c.state === 'revoked') return 'revoked';
  return c.valid ? 'valid' : 'expired';
}

export function standingBadge(standing: string): HTMLElement {
  return statusBadge('clearancestanding', standing);
}

// The public check of a clearance: the node's own page, which names no one.
function verifyLink(id: string): HTMLAnchorElement {
  return h('a', { href: `/verify/${encodeURIComponent(id)}`, target: '_blank', rel: 'noopener', 'data-verify': id },
    t('clearance.public_check'));
}

function clearanceFacts(c: Clearance): HTMLElement {
  const standing = standingOf(c);
  return facts([
    [t('clearance.number'), h('span', null, code(c.id, { 'data-clearance-id': c.id }), ' ', verifyLink(c.id))],
    [t('clearance.standing'), h('span', { 'data-standing': standing }, standingBadge(standing))],
    [t('clearance.destination'), formatCountry(c.destination_country)],
    [t('clearance.issued_on'), formatDate(c.issued_on)],
    [t('clearance.valid_until'), formatDate(c.valid_until)],
    c.revoked_on ? [t('clearance.revoked_on'), formatDate(c.revoked_on)] : null,
    c.revocation_reason ? [t('clearance.revocation_reason'), label('revocation', c.revocation_reason)] : null,
    c.revocation_note ? [t('clearance.revocation_note'), c.revocation_note] : null,
  ]);
}

// The printable clearance comes from the node with the session's token: it is fetched and shown
// from a local copy in a new tab. The node prints it for those who see all of the clearance (the
// worker and the origin's officer), who are the readers given its evidence.
function documentButton(c: Clearance): HTMLElement | null {
  if (!c.evidence || !hasOp('GET', '/api/v1/clearances/{id}/document')) return null;
  const id = uid('doc-lang');
  const choice = select('lang', LANGUAGES.map((l) => [l.code, l.name]), language().code);
  choice.id = id;
  const out = h('div', { 'aria-live': 'polite' });
  const open = h('button', { type: 'button', class: 'secondary', 'data-action': 'clearance-document' }, t('clearance.document_open'));
  open.addEventListener('click', async () => {
    const tab = window.open('', '_blank');
    open.disabled = true;
    out.replaceChildren(busy(t('clearance.document_loading')));
    try {
      const r = await raw('GET', `/api/v1/clearances/${encodeURIComponent(c.id)}/document?lang=${encodeURIComponent(choice.value)}`, { accept: 'text/html' });
      const blob = new Blob([await r.text()], { type: 'text/html;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
      if (tab) {
        tab.location.href = url;
        out.replaceChildren(notice(t('clearance.document_opened')));
      } else {
        out.replaceChildren(h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener' }, t('clearance.document_link'))));
      }
    } catch (err) {
      tab?.close();
      out.replaceChildren(problem(err));
    } finally {
      open.disabled = false;
    }
  });
  return h('div', { class: 'clearance-document', 'data-testid': 'clearance-document' },
    h('p', { class: 'hint' }, t('clearance.document_help')),
    h('div', { class: 'inline-form' }, h('label', { for: id }, t('print.language')), choice, open),
    out);
}

// Revoking, with a reason and the officer's words: only when the clearance's allowed_actions say.
function revokeForm(c: Clearance): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const reason = select('reason', REVOCATION_REASONS.map((r) => [r, label('revocation', r)]));
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 500 });
  const send = h('button', { type: 'submit', class: 'danger', 'data-action': 'revoke-clearance' }, t('clearance.revoke_submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'revoke-form' },
    field(t('clearance.revocation_reason'), reason),
    field(t('clearance.revocation_note'), note, t('clearance.revoke_note_hint')),
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors({ reason, note }, out);
  onSubmit(form, errors, progress, async () => {
    await post(`/api/v1/clearances/${encodeURIComponent(c.id)}/revoke`, { reason: reason.value, note: note.value.trim() });
    refresh();
  }, () => t('confirm.revoke_clearance'));
  return h('details', { class: 'revoke-box', 'data-testid': 'revoke' },
    h('summary', null, t('clearance.revoke_title')), form, out);
}

// The clearance itself: facts, the document, and revoking when the node offers it.
export function clearanceCard(c: Clearance): HTMLElement {
  return h('div', { class: 'clearance', 'data-clearance': c.id, 'data-standing': standingOf(c) },
    clearanceFacts(c),
    documentButton(c),
    c.allowed_actions.includes('revoke') ? revokeForm(c) : null);
}

// Each requirement, met or not, with the node's words why (in English, as the node writes them).
function requirementList(check: ClearanceCheck): HTMLElement {
  return h('ul', { class: 'plain requirements', 'data-testid': 'requirements' }, check.requirements.map((r) =>
    h('li', { 'data-requirement': r.requirement, 'data-met': String(r.met) },
      h('p', null,
        h('span', { class: r.met ? 'yes' : 'no' }, r.met ? '✓ ' : '✗ '),
        h('strong', null, label('requirement', r.requirement)), ' ',
        statusBadge('requirementstate', r.met ? 'met' : 'missing')),
      h('p', { class: 'detail', lang: 'en', dir: 'ltr' }, r.detail))));
}

// A form that records one piece of evidence and shows the node's refusal beside the field it names.
function evidenceForm(opts: {
  title: string; testid: string; action: string; open: boolean; path: string;
  controls: Array<[string, HTMLInputElement | HTMLSelectElement]>; fields: Fields; body: () => unknown;
}): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': opts.action }, t('clearance.record'));
  const form = h('form', { novalidate: true, 'data-testid': `${opts.testid}-form` },
    h('div', { class: 'grid-form' }, opts.controls.map(([text, control]) => field(text, control))),
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors(opts.fields, out);
  onSubmit(form, errors, progress, async () => {
    await post(opts.path, opts.body(), true);
    refresh();
  });
  const box = h('details', { class: 'evidence', 'data-testid': opts.testid }, h('summary', null, opts.title), form, out);
  box.open = opts.open;
  return box;
}

const dateInput = (name: string, value = '') =>
  h('input', { type: 'date', name, dir: 'ltr', value });
const textInput = (name: string, max: number, ltr = false) =>
  h('input', { name, maxlength: max, autocomplete: 'off', dir: ltr ? 'ltr' : 'auto', spellcheck: ltr ? 'false' : null });

function insuranceForm(c: Contract, open: boolean, currency: string): HTMLElement {
  const insurer = textInput('insurer', 200);
  const number = textInput('policy_number', 64, true);
  const from = dateInput('cover_from', c.terms.start_date < today() ? c.terms.start_date : today());
  const until = dateInput('cover_until');
  const amount = h('input', { name: 'sum_insured', inputmode: 'decimal', autocomplete: 'off', dir: 'ltr' });
  const cur = h('input', { name: 'currency', maxlength: 3, autocomplete: 'off', autocapitalize: 'characters', dir: 'ltr', value: currency });
  return evidenceForm({
    title: t('insurance.title'), testid: 'record-insurance', action: 'record-insurance', open,
    path: `/api/v1/contracts/${encodeURIComponent(c.id)}/insurance`,
    controls: [
      [t('insurance.insurer'), insurer], [t('insurance.policy_number'), number],
      [t('insurance.cover_from'), from], [t('insurance.cover_until'), until],
      [t('insurance.sum_insured'), amount], [t('insurance.currency'), cur],
    ],
    fields: {
      insurer, policy_number: number, cover_from: from, cover_until: until, sum_insured: amount,
      'sum_insured.amount': amount, 'sum_insured.currency': cur,
    },
    body: () => ({
      insurer: insurer.value.trim(),
      policy_number: asciiDigits(number.value).trim(),
      cover_from: asciiDigits(from.value),
      cover_until: asciiDigits(until.value),
      sum_insured: { amount: asciiDigits(amount.value).trim(), currency: cur.value.trim().toUpperCase() },
    }),
  });
}

function medicalForm(c: Contract, open: boolean): HTMLElement {
  const centre = textInput('centre', 200);
  const examined = dateInput('examined_on');
  const outcome = select('outcome', [['fit', label('medical', 'fit')], ['unfit', label('medical', 'unfit')]]);
  return evidenceForm({
    title: t('medical.title'), testid: 'record-medical', action: 'record-medical', open,
    path: `/api/v1/workers/${encodeURIComponent(c.terms.worker)}/medical`,
    controls: [[t('medical.centre'), centre], [t('medical.examined_on'), examined], [t('medical.outcome'), outcome]],
    fields: { centre, examined_on: examined, outcome },
    body: () => ({ centre: centre.value.trim(), examined_on: asciiDigits(examined.value), outcome: outcome.value }),
  });
}

function orientationForm(c: Contract, open: boolean): HTMLElement {
  const centre = textInput('centre', 200);
  const completed = dateInput('completed_on');
  return evidenceForm({
    title: t('orientation.record_title'), testid: 'record-orientation', action: 'record-orientation', open,
    path: `/api/v1/workers/${encodeURIComponent(c.terms.worker)}/orientation`,
    controls: [[t('orientation.centre'), centre], [t('orientation.completed_on_field'), completed]],
    fields: { centre, completed_on: completed },
    body: () => ({ centre: centre.value.trim(), completed_on: asciiDigits(completed.value) }),
  });
}

async function orNone<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    // 404: not the reader's to see; 409: the check is kept on the node of the contract's origin.
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) return null;
    throw err;
  }
}

// The panel on a contract's page: the clearance the reader may see (the contract's `clearance`),
// and for those the node gives the requirement check (the origin's officer, the worker) what it
// lacks, with exactly the steps the check's allowed_actions name.
export async function clearancePanel(account: Account, c: Contract): Promise<HTMLElement | null> {
  const reads = ['origin_officer', 'worker'].includes(account.role) &&
    hasOp('GET', '/api/v1/contracts/{id}/clearance-check');
  const check = reads
    ? await orNone(get<ClearanceCheck>(`/api/v1/contracts/${encodeURIComponent(c.id)}/clearance-check`))
    : null;
  const held = c.clearance ?? null;
  if (!check && !held) return null;
  const can = (a: ClearanceCheckAction) => check?.allowed_actions.includes(a) ?? false;
  const missing = new Set(check?.requirements.filter((r) => !r.met).map((r) => r.requirement) ?? []);
  let currency = '';
  if (can('record_insurance')) {
    const policies = await orNone(all<InsurancePolicy>(`/api/v1/contracts/${encodeURIComponent(c.id)}/insurance`, undefined, 200));
    currency = policies?.items[0]?.sum_insured.currency ?? '';
  }
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const issue = can('issue_clearance')
    ? h('div', { class: 'buttons' },
        actionButton(t('clearance.issue'), async () => {
          await post(`/api/v1/contracts/${encodeURIComponent(c.id)}/clearance`, undefined, true);
          refresh();
        }, { action: 'issue-clearance', out }),
        out)
    : null;
  return section(t('clearance.title'), { class: issue ? 'card needs-you' : 'card', 'data-testid': 'clearance' },
    held
      ? clearanceCard(held)
      : h('p', { 'data-testid': 'no-clearance' }, t('clearance.none_for_contract')),
    check
      ? [
          h('h3', null, t('clearance.requirements')),
          h('p', { class: 'hint' }, check.ready ? t('clearance.ready') : t('clearance.not_ready', { n: missing.size })),
          requirementList(check),
        ]
      : null,
    issue,
    can('record_orientation') ? orientationForm(c, missing.has('orientation')) : null,
    can('record_insurance') ? insuranceForm(c, missing.has('insurance'), currency) : null,
    can('record_medical') ? medicalForm(c, missing.has('medical')) : null);
}

// The worker's own clearances on her home: the latest first, where it stands and its document.
// Null on a node that keeps no clearances.
export async function myClearance(account: Account): Promise<HTMLElement | null> {
  if (!account.worker || !hasOp('GET', '/api/v1/clearances')) return null;
  const list = await get<ListOf<Clearance>>('/api/v1/clearances?limit=20').then((l) => l.items).catch((err) => {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  });
  if (!list) return null;
  const latest = [...list].sort((a, b) => b.issued_on.localeCompare(a.issued_on) || b.id.localeCompare(a.id));
  return section(t('clearance.mine'), { 'data-testid': 'my-clearance' },
    latest.length
      ? [
          clearanceCard(latest[0]),
          h('p', null, link(`/app/contract/${latest[0].contract}`, t('clearance.see_contract'))),
          latest.length > 1
            ? h('details', null, h('summary', null, t('clearance.earlier', { n: latest.length - 1 })),
                latest.slice(1).map((c) => clearanceCard(c)))
            : null,
        ]
      : empty(t('clearance.none_mine')),
    h('p', { class: 'hint' }, t('clearance.mine_hint')));
}
