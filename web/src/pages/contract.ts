// One contract: every term, its digest, its attestation by the country of origin and its
// authentication by the country of work, every substitution flagged with the field-by-field
// difference, a pending amendment with its difference, the history, the printable contract in
// a chosen language, and the steps the reader's role may take now.

import { ApiError, get, post, raw } from '../api';
import { h, uid } from '../dom';
import { LANGUAGES, formatTime, language, t } from '../i18n';
import { agencyLabel, employerLabel, workerRecord, workerName } from '../names';
import { refresh } from '../router';
import { TERM_FIELDS, diffTerms, diffValue, termValue, type Names } from '../terms';
import { asciiDigits } from '../text';
import type { Account, Contract, ContractAction, ContractTerms, FieldDiff, LedgerEvent, ListOf } from '../types';
import {
  actionButton, busy, code, facts, field, heading, label, link, notice, problem, section, select,
  stateBadge,
} from '../ui';
import { clearancePanel } from './clearance';

export async function renderContract(account: Account, id: string): Promise<HTMLElement> {
  let contract: Contract;
  try {
    contract = await get<Contract>(`/api/v1/contracts/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      return h('div', { 'data-testid': 'contract-missing' },
        heading(t('contract.missing_title')),
        h('p', null, t('contract.missing', { id })),
        h('p', null, link('/', t('common.back_home'))));
    }
    throw err;
  }
  const [history, names, clearance] = await Promise.all([
    get<ListOf<LedgerEvent>>(`/api/v1/contracts/${encodeURIComponent(id)}/history`).then((l) => l.items),
    namesOf(account, contract.terms),
    clearancePanel(account, contract),
  ]);
  const c = contract;
  const flags = history.filter((e) => e.type === 'contract.substitution_flagged');
  return h('article', { class: 'contract', 'data-contract': c.id, 'data-state': c.state },
    heading(t('contract.title', { position: c.terms.position }), stateBadge(c.state)),
    h('p', { class: 'lead' }, t('contract.number'), ' ', code(c.id)),
    flags.length ? substitutionAlert(flags.length) : null,
    steps(c, names),
    clearance,
    section(t('contract.parties'), {},
      facts([
        [t('term.worker'), account.role === 'worker' || !names.workerLink ? names.worker ?? c.terms.worker : link(`/app/worker/${c.terms.worker}`, names.worker ?? c.terms.worker)],
        [t('term.employer'), names.employer ?? c.terms.employer],
        [t('term.agency'), c.terms.agency ? names.agency ?? c.terms.agency : t('common.none')],
        [t('contract.version'), String(c.version)],
      ])),
    section(t('contract.terms'), { id: 'terms', 'data-testid': 'terms' },
      facts(TERM_FIELDS.filter((f) => !['worker', 'employer', 'agency'].includes(f))
        .map((f) => [t(`term.${f}`), h('span', { 'data-term': f }, termValue(c.terms, f, names))]))),
    integrity(c),
    flags.length ? substitutions(c, flags) : null,
    c.pending_amendment ? amendment(c) : null,
    printable(c),
    timeline(history));
}

interface PageNames extends Names {
  workerLink?: boolean;
}

async function namesOf(account: Account, terms: ContractTerms): Promise<PageNames> {
  const [w, employer, agency] = await Promise.all([
    workerRecord(terms.worker).catch(() => null),
    employerLabel(terms.employer),
    terms.agency ? agencyLabel(terms.agency) : Promise.resolve(undefined),
  ]);
  return {
    worker: w ? workerName(w) : undefined,
    workerLink: !!w && account.role !== 'worker',
    employer,
    agency,
  };
}

function substitutionAlert(n: number): HTMLElement {
  return h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'substitution-alert' },
    h('p', null, h('strong', null, t('substitution.flagged', { n })), ' ', h('a', { href: '#substitution' }, t('substitution.see'))));
}

// The integrity of the contract: one digest both countries hold.
function integrity(c: Contract): HTMLElement {
  const mark = (ok: boolean, yes: string, no: string) =>
    h('span', { class: ok ? 'yes' : 'no' }, ok ? `✓ ${yes}` : no);
  const attestedMatches = c.attested_digest !== '' && c.attested_digest === c.digest;
  const authMatches = c.authenticated_digest !== '' && c.authenticated_digest === c.digest;
  return section(t('contract.integrity'), { 'data-testid': 'integrity' },
    h('p', { class: 'hint' }, t('contract.integrity_help')),
    facts([
      [t('contract.digest'), code(c.digest, { 'data-testid': 'digest' })],
      [t('contract.attestation'), h('div', { 'data-testid': 'attestation' },
        c.attested_digest
          ? [mark(attestedMatches, t('contract.attested_same'), t('contract.attested_other')), h('br'),
             t('contract.on_by', { time: formatTime(c.attested_at), who: actor(c.attested_by) }), h('br'),
             code(c.attested_digest)]
          : t('contract.not_attested'))],
      [t('contract.authentication'), h('div', { 'data-testid': 'authentication' },
        c.authenticated_digest
          ? [mark(authMatches, t('contract.authenticated_same'), t('contract.authenticated_other')), h('br'),
             t('contract.on_by', { time: formatTime(c.authenticated_at), who: actor(c.authenticated_by) }), h('br'),
             code(c.authenticated_digest)]
          : t('contract.not_authenticated'))],
      [t('contract.public_check'), h('a', { href: c.verify_url, target: '_blank', rel: 'noopener' }, t('contract.public_check_link'))],
    ]));
}

function actor(who: string): string {
  if (who === 'system') return t('actor.system');
  return who;
}

// A table of differences: field, the registered value, the other one.
function diffTable(caption: string, diffs: FieldDiff[], beforeHead: string, afterHead: string,
  before?: ContractTerms, after?: ContractTerms): HTMLElement {
  const rows = diffs.map((d) => h('tr', { 'data-field': d.field },
    h('th', { scope: 'row' }, t(`term.${d.field}`)),
    h('td', { class: 'before', 'data-label': beforeHead }, diffValue(d, 'before', before)),
    h('td', { class: 'after', 'data-label': afterHead }, diffValue(d, 'after', after))));
  const capId = uid('cap');
  return h('div', { class: 'table-wrap', role: 'group', 'aria-labelledby': capId, tabindex: 0 },
    h('table', { class: 'diff stack' },
      h('caption', { id: capId }, caption),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('diff.field')),
        h('th', { scope: 'col' }, beforeHead),
        h('th', { scope: 'col' }, afterHead))),
      h('tbody', null, rows)));
}

function substitutions(c: Contract, flags: LedgerEvent[]): HTMLElement {
  return section(t('substitution.title'), { id: 'substitution', 'data-testid': 'substitution' },
    h('p', null, t('substitution.explain')),
    flags.map((e) => {
      // A substitution flag's data (docs/formats/ledger.md): the differences and both digests.
      const data = (e.data ?? {}) as Record<string, unknown>;
      const diffs = (data.differences as FieldDiff[] | undefined) ?? [];
      const presented = data.presented_terms as ContractTerms | undefined;
      // The registered side is formatted from the current terms only when they are the ones
      // attested; otherwise the node's own text is shown.
      const registered = c.digest === data.attested_digest ? c.terms : undefined;
      return h('div', { class: 'flag' },
        h('p', null, t('substitution.when', { time: formatTime(e.time), who: actor(e.actor) })),
        diffTable(t('substitution.caption'), diffs, t('diff.attested'), t('diff.presented'), registered, presented));
    }));
}

function amendment(c: Contract): HTMLElement {
  const a = c.pending_amendment!;
  const fields = diffTerms(c.terms, a.terms);
  const diffs = fields.map((f) => ({ field: f, before: '', after: '' }));
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const mine = c.allowed_actions.includes('accept_amendment');
  return section(t('amendment.title'), { 'data-testid': 'amendment' },
    facts([
      [t('amendment.reason'), a.reason],
      [t('amendment.proposed'), formatTime(a.proposed_at)],
    ]),
    diffTable(t('amendment.caption'), diffs, t('diff.now'), t('diff.proposed'), c.terms, a.terms),
    mine
      ? h('div', { class: 'buttons' },
          h('p', null, t('amendment.decide')),
          actionButton(t('amendment.accept'), async () => {
            await post(`/api/v1/contracts/${c.id}/amendment/accept`);
            refresh();
          }, { action: 'accept-amendment', out }),
          actionButton(t('amendment.reject'), async () => {
            await post(`/api/v1/contracts/${c.id}/amendment/reject`);
            refresh();
          }, { action: 'reject-amendment', out, cls: 'danger', confirm: t('confirm.reject_amendment') }),
          out)
      : h('p', { class: 'hint' }, t('amendment.waiting')));
}

// The steps the node says the reader may take with the contract now (allowed_actions): the
// portal decides nothing of who may do what, or when.
function steps(c: Contract, names: Names): HTMLElement | null {
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const done = async (p: Promise<unknown>) => {
    await p;
    refresh();
  };
  const can = (a: ContractAction) => c.allowed_actions.includes(a);
  const buttons: HTMLElement[] = [];
  let lead = '';
  if (can('offer')) {
    lead = t('step.draft_lead');
    buttons.push(actionButton(t('step.offer'), () => done(post(`/api/v1/contracts/${c.id}/offer`)), { action: 'offer', out }));
  }
  if (can('withdraw')) {
    buttons.push(actionButton(t('step.withdraw'), () => done(post(`/api/v1/contracts/${c.id}/withdraw`)), { action: 'withdraw', out, cls: 'danger', confirm: t('confirm.withdraw') }));
  }
  if (can('accept') && can('reject')) return decide(c, names);
  if (can('attest')) {
    lead = t('step.attest_lead');
    buttons.push(actionButton(t('step.attest'), () => done(post(`/api/v1/contracts/${c.id}/attest`)), { action: 'attest', out }));
  }
  if (can('authenticate')) return authenticate(c);
  if (can('issue_permit')) {
    lead = t('step.permit_lead');
    buttons.push(actionButton(t('step.permit'), () => done(post(`/api/v1/contracts/${c.id}/permit`)), { action: 'permit', out }));
  }
  if (can('end')) return endContract(c);
  if (!buttons.length) return null;
  return section(t('step.title'), { class: 'card needs-you', 'data-testid': 'steps' },
    lead ? h('p', null, lead) : null,
    h('div', { class: 'buttons' }, buttons),
    out);
}

// The worker decides on an offer: accept, or reject with a reason.
function decide(c: Contract, names: Names): HTMLElement {
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 500 });
  const rejectBox = h('div', { class: 'reject-box', hidden: true },
    field(t('decide.reason'), reason, t('decide.reason_hint')),
    actionButton(t('decide.reject_confirm'), async () => {
      if (!reason.value.trim()) {
        reason.focus();
        throw new ApiError(422, '/problems/invalid', '', '', 'reason');
      }
      await post(`/api/v1/contracts/${c.id}/reject`, { reason: reason.value.trim() });
      refresh();
    }, { action: 'reject-confirm', out, cls: 'danger' }));
  const showReject = h('button', { type: 'button', class: 'secondary', 'data-action': 'reject', 'aria-expanded': 'false' }, t('decide.reject'));
  showReject.addEventListener('click', () => {
    rejectBox.hidden = !rejectBox.hidden;
    showReject.setAttribute('aria-expanded', String(!rejectBox.hidden));
    if (!rejectBox.hidden) reason.focus();
  });
  return section(t('decide.title'), { class: 'card needs-you', 'data-testid': 'decide' },
    h('p', null, t('decide.lead')),
    facts([
      [t('term.employer'), names.employer ?? c.terms.employer],
      [t('term.position'), c.terms.position],
      [t('term.basic_wage'), termValue(c.terms, 'basic_wage')],
      [t('term.hours_per_day'), termValue(c.terms, 'hours_per_day')],
      [t('term.worker_fees'), termValue(c.terms, 'worker_fees')],
    ]),
    h('p', null, h('a', { href: '#terms' }, t('decide.read_all'))),
    h('p', { class: 'rights' }, t('rights.text')),
    h('div', { class: 'buttons' },
      actionButton(t('decide.accept'), async () => {
        await post(`/api/v1/contracts/${c.id}/accept`);
        refresh();
      }, { action: 'accept', out }),
      showReject),
    rejectBox,
    out);
}

// The destination officer checks the contract presented on arrival against the attested one.
function authenticate(c: Contract): HTMLElement {
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const T = c.terms;
  const text = (name: string, value: string | number, mode: 'text' | 'numeric' | 'decimal' = 'text') =>
    h('input', { name, value: String(value), inputmode: mode, autocomplete: 'off', dir: mode === 'text' ? 'auto' : 'ltr' });
  const inputs = {
    position: text('position', T.position),
    basic_wage: text('basic_wage', T.basic_wage.amount, 'decimal'),
    hours_per_day: text('hours_per_day', T.hours_per_day, 'numeric'),
    days_per_week: text('days_per_week', T.days_per_week, 'numeric'),
    weekly_rest_day: select('weekly_rest_day',
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, t(`day.${d}`)]), T.weekly_rest_day),
    overtime_percent: text('overtime_percent', T.overtime_percent, 'numeric'),
    annual_leave_days: text('annual_leave_days', T.annual_leave_days, 'numeric'),
    notice_period_days: text('notice_period_days', T.notice_period_days, 'numeric'),
    accommodation: select('accommodation',
      ['provided_free', 'allowance', 'worker_arranged'].map((a) => [a, t(`accommodation.${a}`)]), T.accommodation),
    worker_fees: text('worker_fees', T.worker_fees.amount, 'decimal'),
  };
  const presented = (): ContractTerms => {
    const n = (el: HTMLInputElement, f: string) => {
      const v = asciiDigits(el.value);
      if (!/^[0-9]{1,4}$/.test(v)) throw new ApiError(422, '/problems/invalid', '', '', f);
      return Number(v);
    };
    const money = (el: HTMLInputElement, f: string, currency: string) => {
      const v = asciiDigits(el.value);
      if (!/^[0-9]{1,9}(\.[0-9]{1,3})?$/.test(v)) throw new ApiError(422, '/problems/invalid', '', '', f);
      return { amount: v, currency };
    };
    return {
      ...T,
      position: inputs.position.value.trim(),
      basic_wage: money(inputs.basic_wage, 'basic_wage', T.basic_wage.currency),
      hours_per_day: n(inputs.hours_per_day, 'hours_per_day'),
      days_per_week: n(inputs.days_per_week, 'days_per_week'),
      // The selects offer only the API's values; the node checks them again.
      weekly_rest_day: inputs.weekly_rest_day.value as ContractTerms['weekly_rest_day'],
      overtime_percent: n(inputs.overtime_percent, 'overtime_percent'),
      annual_leave_days: n(inputs.annual_leave_days, 'annual_leave_days'),
      notice_period_days: n(inputs.notice_period_days, 'notice_period_days'),
      accommodation: inputs.accommodation.value as ContractTerms['accommodation'],
      worker_fees: money(inputs.worker_fees, 'worker_fees', T.worker_fees.currency),
    };
  };
  const result = h('div', { 'data-testid': 'authenticate-result' });
  const run = async () => {
    result.replaceChildren();
    const terms = presented();
    try {
      await post(`/api/v1/contracts/${c.id}/authenticate`, { terms });
      refresh();
    } catch (err) {
      if (err instanceof ApiError && err.type === '/problems/substitution') {
        result.replaceChildren(
          h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'substitution-refused' },
            h('p', null, h('strong', null, t('authenticate.refused'))),
            h('p', null, t('authenticate.refused_explain')),
            diffTable(t('substitution.caption'), err.differences ?? [], t('diff.attested'), t('diff.presented'), c.terms, terms)));
        return;
      }
      throw err;
    }
  };
  const form = h('form', { class: 'grid-form', novalidate: true },
    Object.entries(inputs).map(([name, el]) => field(t(`term.${name}`), el)));
  form.addEventListener('submit', (e) => e.preventDefault());
  return section(t('authenticate.title'), { class: 'card needs-you', 'data-testid': 'authenticate' },
    h('p', null, t('authenticate.lead')),
    form,
    actionButton(t('authenticate.submit'), run, { action: 'authenticate', out }),
    out,
    result);
}

// The destination officer ends an active contract (expiry, termination).
function endContract(c: Contract): HTMLElement {
  const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const reason = select('reason', ['expiry', 'resignation', 'termination', 'final_exit'].map((r) => [r, t(`end.${r}`)]));
  const on = h('input', { type: 'date', name: 'on', required: true, value: new Date().toISOString().slice(0, 10) });
  const box = h('details', { class: 'end-box' },
    h('summary', null, t('end.title')),
    field(t('end.reason'), reason),
    field(t('end.on'), on),
    actionButton(t('end.submit'), async () => {
      await post(`/api/v1/contracts/${c.id}/end`, { reason: reason.value, on: on.value });
      refresh();
    }, { action: 'end', out, cls: 'danger', confirm: t('confirm.end') }),
    out);
  return section(t('step.title'), { class: 'card', 'data-testid': 'steps' }, box);
}

// The printable contract (with its QR code) comes from the node; it needs the session's token,
// so it is fetched and shown from a local copy in a new tab.
function printable(c: Contract): HTMLElement {
  const id = uid('print-lang');
  const choice = select('lang', LANGUAGES.map((l) => [l.code, l.name]), language().code);
  choice.id = id;
  const out = h('div', { 'aria-live': 'polite' });
  const open = h('button', { type: 'button', class: 'secondary', 'data-action': 'print' }, t('print.open'));
  open.addEventListener('click', async () => {
    // The tab opens now, while the click counts as the reader's; the page follows.
    const tab = window.open('', '_blank');
    open.disabled = true;
    out.replaceChildren(busy(t('print.loading')));
    try {
      const r = await raw('GET', `/api/v1/contracts/${c.id}/document?lang=${encodeURIComponent(choice.value)}`, { accept: 'text/html' });
      const blob = new Blob([await r.text()], { type: 'text/html;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
      if (tab) {
        tab.location.href = url;
        out.replaceChildren(notice(t('print.opened')));
      } else {
        out.replaceChildren(h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener' }, t('print.link'))));
      }
    } catch (err) {
      tab?.close();
      out.replaceChildren(problem(err));
    } finally {
      open.disabled = false;
    }
  });
  return section(t('print.title'), { 'data-testid': 'print' },
    h('p', { class: 'hint' }, t('print.help')),
    h('div', { class: 'inline-form' }, h('label', { for: id }, t('print.language')), choice, open),
    out);
}

function timeline(history: LedgerEvent[]): HTMLElement {
  return section(t('history.title'), { 'data-testid': 'history' },
    h('ol', { class: 'timeline' }, history.map((e) => h('li', { 'data-event': e.type },
      h('span', { class: 'when' }, formatTime(e.time)), ' ',
      h('span', { class: 'what' }, label('event', e.type)), ' ',
      h('span', { class: 'who' }, t('history.by', { who: actor(e.actor) }))))));
}
