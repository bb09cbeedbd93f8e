// One protection case (docs/formats/cases.md section 1.2): what it is about, its next deadline,
// the eleven forced-labour indicators, its actions, the signals and complaints it gathered, its
// history, who read it, and exactly the steps its allowed_actions name (the node decides who may
// take which step from which state; the portal re-implements none of it). A case the reader may
// not see is shown exactly as a missing one.

import { ApiError, get, post } from '../api';
import { h } from '../dom';
import { formatDate, formatTime, t } from '../i18n';
import { workerLabel } from '../names';
import { refresh } from '../router';
import type {
  Account, Case, CaseAction, CaseAssignee, CaseRead, CaseStep, Complaint, IndicatorAssessment,
  OwnComplaint,
} from '../types';
import { INDICATORS, OUTCOMES } from '../types';
import { asciiDigits } from '../text';
import {
  actionButton, code, empty, facts, field, heading, label, link, section, select, stateBadge,
  statusBadge, table,
} from '../ui';
import { categories, complaintsOf, isOwn, missedBadge, missing } from './cases_complaint';

export function flagBadge(k: Case): HTMLElement | null {
  return k.trafficking_flag
    ? h('span', { class: 'badge status-flagged', 'data-flagged': 'true' }, t('case.flagged'))
    : null;
}

// The record's own subject: a name only for a reader the node shows workers to.
async function subject(account: Account, k: Case): Promise<HTMLElement | string> {
  if (!k.worker) return t('case.no_worker');
  if (account.role === 'embassy') return link(`/app/worker/${k.worker}`, await workerLabel(k.worker));
  return code(k.worker);
}

function deadline(k: Case): HTMLElement | string {
  if (!k.next_due) return t('case.no_deadline');
  return h('span', { 'data-testid': 'next-due' }, formatTime(k.next_due), ' ', missedBadge(k.next_due));
}

function indicatorValue(value: IndicatorAssessment['value']): HTMLElement {
  return h('span', { class: `badge indicator-${value}` }, label('indicatorvalue', value));
}

// The indicators, and the form to assess them when the step is allowed: only changed rows are
// sent, evidence beside each.
function indicators(k: Case): HTMLElement {
  // One line each on a phone: the indicator and its finding; evidence and time when assessed.
  const rows = h('ul', { class: 'indicators', 'data-testid': 'indicators-list' }, INDICATORS.map((name) => {
    const i = k.indicators.find((x) => x.indicator === name);
    return h('li', { 'data-indicator': name, 'data-value': i?.value ?? 'unknown' },
      h('span', { class: 'indicator-name' }, label('indicator', name)), ' ',
      indicatorValue(i?.value ?? 'unknown'),
      i?.evidence ? h('p', { class: 'evidence', dir: 'auto' }, i.evidence) : null,
      i?.assessed_at ? h('p', { class: 'when' }, t('case.assessed_on', { date: formatTime(i.assessed_at) })) : null);
  }));
  if (!k.allowed_actions.includes('assess_indicators')) {
    return section(t('case.indicators'), { 'data-testid': 'indicators' }, rows);
  }
  const controls = INDICATORS.map((name) => {
    const now = k.indicators.find((i) => i.indicator === name);
    const value = select(name, (['unknown', 'present', 'absent'] as const).map((v) => [v, label('indicatorvalue', v)]), now?.value ?? 'unknown');
    const evidence = h('textarea', { name: `${name}-evidence`, rows: 2, maxlength: 2000 });
    evidence.value = now?.evidence ?? '';
    return { name, value, evidence, before: now?.value ?? 'unknown', beforeEvidence: now?.evidence ?? '' };
  });
  const form = h('details', { class: 'assess' },
    h('summary', null, t('case.assess')),
    h('form', { novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
      controls.map((c) => h('fieldset', { class: 'indicator-row' },
        h('legend', null, label('indicator', c.name)),
        field(t('case.value'), c.value),
        field(t('case.evidence'), c.evidence, t('case.evidence_hint'))))),
    actionButton(t('case.save_assessment'), async () => {
      const changes = controls
        .filter((c) => c.value.value !== c.before || c.evidence.value.trim() !== c.beforeEvidence)
        .map((c) => ({ indicator: c.name, value: c.value.value, ...(c.evidence.value.trim() ? { evidence: c.evidence.value.trim() } : {}) }));
      if (!changes.length) return;
      await post(`/api/v1/cases/${encodeURIComponent(k.id)}/indicators`, { indicators: changes });
      refresh();
    }, { action: 'assess' }));
  return section(t('case.indicators'), { 'data-testid': 'indicators' }, rows, form);
}

function actions(k: Case): HTMLElement {
  const mayComplete = k.allowed_actions.includes('complete_action');
  const item = (a: CaseAction) => {
    const note = h('input', { name: `note-${a.id}`, maxlength: 2000 });
    return h('li', { 'data-action-id': a.id, 'data-done': String(a.done) },
      h('p', { dir: 'auto' }, h('strong', null, a.description)),
      h('p', { class: 'when' },
        a.done
          ? t('case.done_on', { date: formatTime(a.done_at) })
          : [t('case.due_on', { date: formatDate(a.due_on) }), ' ', a.escalated ? h('span', { class: 'badge status-missed' }, t('case.missed')) : null]),
      a.done && a.done_note ? h('p', { dir: 'auto' }, a.done_note) : null,
      !a.done && mayComplete
        ? h('div', { class: 'inline-form' },
            field(t('case.note'), note),
            actionButton(t('case.complete'), async () => {
              await post(`/api/v1/cases/${encodeURIComponent(k.id)}/actions/${encodeURIComponent(a.id)}/complete`, { note: note.value.trim() });
              refresh();
            }, { action: 'complete-action', cls: 'secondary' }))
        : null);
  };
  let add: HTMLElement | null = null;
  if (k.allowed_actions.includes('add_action')) {
    const description = h('textarea', { name: 'description', rows: 2, maxlength: 2000 });
    const due = h('input', { type: 'date', name: 'due_on', dir: 'ltr', min: new Date().toISOString().slice(0, 10) });
    add = h('details', { class: 'add-action' },
      h('summary', null, t('case.add_action')),
      h('form', { novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
        field(t('case.what_to_do'), description),
        field(t('case.due'), due, t('case.due_hint'))),
      actionButton(t('case.add'), async () => {
        const body: Record<string, string> = { description: description.value.trim() };
        if (due.value) body.due_on = asciiDigits(due.value);
        await post(`/api/v1/cases/${encodeURIComponent(k.id)}/actions`, body);
        refresh();
      }, { action: 'add-action' }));
  }
  return section(t('case.actions'), { 'data-testid': 'actions' },
    k.actions.length ? h('ul', { class: 'cards' }, k.actions.map(item)) : empty(t('case.no_actions')),
    add);
}

function sourceLink(source: string): HTMLElement | string {
  if (source.startsWith('C-')) return link(`/app/contract/${source}`, source);
  if (source.startsWith('PF-')) return link(`/app/payroll/${source}`, source);
  return code(source);
}

async function linked(k: Case): Promise<{ el: HTMLElement; list: Array<Complaint | OwnComplaint> }> {
  const list = (await Promise.all(k.complaints.map((id) =>
    get<Complaint | OwnComplaint>(`/api/v1/complaints/${encodeURIComponent(id)}`).catch(() => null))))
    .filter((c): c is Complaint | OwnComplaint => c !== null);
  const el = section(t('case.complaints'), { 'data-testid': 'linked-complaints' },
    list.length
      ? h('ul', { class: 'cards' }, list.map((c) => h('li', { 'data-complaint': c.id },
          h('p', null, link(`/app/complaint/${c.id}`, c.id), ' · ', formatTime(c.filed_at)),
          h('p', null, categories(c.categories)),
          !isOwn(c) ? h('p', { class: 'hint' }, label('channel', c.channel)) : null,
          h('p', { class: 'free-text excerpt', dir: 'auto' }, c.text.length > 280 ? `${c.text.slice(0, 280)}…` : c.text))))
      : empty(t('case.no_complaints')),
    k.signals.length
      ? [h('h3', null, t('case.signals')), h('ul', { class: 'plain' }, k.signals.map((s) => h('li', { 'data-signal': s.kind },
          label('signal', s.kind), ' · ', sourceLink(s.source), ' · ', h('span', { class: 'when' }, formatTime(s.time)))))]
      : null);
  return { el, list };
}

// What happened to the case, oldest first, from the times the record holds.
function history(k: Case, complaints: Array<Complaint | OwnComplaint>): HTMLElement {
  const events: Array<[string, string]> = [[k.opened_at, t(k.opened_by === 'system' ? 'history.opened_signal' : 'history.opened')]];
  for (const s of k.signals) events.push([s.time, t('history.signal', { kind: label('signal', s.kind) })]);
  for (const c of complaints) events.push([c.filed_at, t('history.complaint', { id: c.id })]);
  const assessed = new Set(k.indicators.flatMap((i) => (i.assessed_at ? [i.assessed_at] : [])));
  for (const at of assessed) events.push([at, t('history.assessed')]);
  for (const a of k.actions) {
    events.push([a.added_at, t('history.action_added', { id: a.id })]);
    if (a.done_at) events.push([a.done_at, t('history.action_done', { id: a.id })]);
  }
  if (k.closed_at) events.push([k.closed_at, t('history.closed', { outcome: label('outcome', k.outcome) })]);
  events.sort((a, b) => a[0].localeCompare(b[0]));
  return section(t('case.history'), { 'data-testid': 'history' },
    h('ol', { class: 'timeline' }, events.map(([when, what]) => h('li', null, h('span', { class: 'when' }, formatTime(when)), ' ', what))),
    k.escalations ? h('p', null, t('case.escalations', { n: k.escalations })) : null);
}

async function assignForm(k: Case): Promise<HTMLElement> {
  const staff = (await get<{ items: CaseAssignee[] }>(`/api/v1/cases/${encodeURIComponent(k.id)}/assignees`)).items;
  if (!staff.length) return h('p', { class: 'hint' }, t('case.no_staff'));
  const who = select('assignee', staff.map((s) => [s.id, `${s.display_name} (${label('role', s.role)})`]), k.assignee || undefined);
  return h('div', { class: 'step-form' },
    field(t('case.assign_to'), who),
    actionButton(t('case.assign'), async () => {
      await post(`/api/v1/cases/${encodeURIComponent(k.id)}/assign`, { assignee: who.value });
      refresh();
    }, { action: 'assign' }));
}

async function joinForm(k: Case): Promise<HTMLElement> {
  const waiting = (await complaintsOf('&state=received')).filter((c) => !isOwn(c)) as Complaint[];
  if (!waiting.length) return h('p', { class: 'hint' }, t('case.no_waiting'));
  const which = select('complaint', waiting.map((c) => [c.id, `${c.id} · ${categories(c.categories)}`]));
  return h('div', { class: 'step-form' },
    field(t('case.join_complaint'), which),
    actionButton(t('complaint.join'), async () => {
      await post(`/api/v1/cases/${encodeURIComponent(k.id)}/complaints`, { complaint: which.value });
      refresh();
    }, { action: 'join-complaint', cls: 'secondary' }));
}

function closeForm(k: Case): HTMLElement {
  const outcome = select('outcome', OUTCOMES.map((o) => [o, label('outcome', o)]));
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000 });
  return h('details', { class: 'close-case' },
    h('summary', null, t('case.close')),
    h('form', { novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
      field(t('case.outcome'), outcome, t('case.outcome_hint')),
      field(t('case.reason'), reason)),
    actionButton(t('case.close_now'), async () => {
      await post(`/api/v1/cases/${encodeURIComponent(k.id)}/close`, { outcome: outcome.value, reason: reason.value.trim() });
      refresh();
    }, { action: 'close', cls: 'danger', confirm: t('case.close_confirm') }));
}

// The steps on the case as a whole; those on indicators and actions sit in their sections.
async function steps(k: Case): Promise<HTMLElement | null> {
  const parts: HTMLElement[] = [];
  const allowed = (s: CaseStep) => k.allowed_actions.includes(s);
  if (allowed('assign')) parts.push(await assignForm(k));
  if (allowed('join_complaint')) parts.push(await joinForm(k));
  if (allowed('close')) parts.push(closeForm(k));
  return parts.length ? section(t('case.steps'), { 'data-testid': 'steps' }, parts) : null;
}

async function reads(k: Case): Promise<HTMLElement | null> {
  if (!k.allowed_actions.includes('list_reads')) return null;
  const list = (await get<{ items: CaseRead[] }>(`/api/v1/cases/${encodeURIComponent(k.id)}/reads?limit=200`)).items;
  return section(t('case.reads'), { 'data-testid': 'reads' },
    h('details', null, h('summary', null, t('case.reads_count', { n: list.length })),
      table(t('case.reads'), [
        { head: t('case.when'), cell: (r: CaseRead) => formatTime(r.time) },
        { head: t('case.account'), cell: (r: CaseRead) => code(r.account) },
        { head: t('admin.role'), cell: (r: CaseRead) => label('role', r.role) },
        { head: t('case.read_action'), cell: (r: CaseRead) => r.action },
        { head: t('case.allowed'), cell: (r: CaseRead) => (r.allowed ? t('common.yes') : t('common.no')) },
      ], list)));
}

export async function renderCase(account: Account, id: string): Promise<HTMLElement> {
  let k: Case;
  try {
    k = await get<Case>(`/api/v1/cases/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return missing('case', id);
    throw err;
  }
  const [who, stepsEl, linkedEl, readsEl] = await Promise.all([subject(account, k), steps(k), linked(k), reads(k)]);
  return h('article', { class: 'case', 'data-case': k.id, 'data-state': k.state },
    heading(t('case.title'), stateBadge(k.state), flagBadge(k)),
    h('p', { class: 'lead' }, t('case.reference'), ' ', code(k.id, { 'data-testid': 'case-id' })),
    section(t('case.summary'), { 'data-testid': 'summary' },
      facts([
        [t('case.worker'), who],
        [t('case.employer'), k.employer ? code(k.employer) : t('common.none')],
        [t('complaint.categories'), categories(k.categories)],
        [t('case.next_due'), deadline(k)],
        k.trafficking_flag ? [t('case.flag'), t('case.flag_rule', { rule: k.flag_rule })] : null,
        [t('case.assignee'), k.assignee ? [code(k.assignee), ' ', label('role', k.assignee_role)] : t('case.unassigned')],
        [t('case.opened'), formatTime(k.opened_at)],
        k.outcome ? [t('case.outcome'), statusBadge('outcome', k.outcome)] : null,
        k.closure_reason ? [t('case.reason'), h('span', { class: 'free-text', dir: 'auto' }, k.closure_reason)] : null,
      ])),
    stepsEl,
    indicators(k),
    actions(k),
    linkedEl.el,
    history(k, linkedEl.list),
    readsEl);
}

