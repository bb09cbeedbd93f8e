// One complaint (docs/formats/cases.md section 1.1). The worker sees what she said, how far it has
// come and every message, each marked as hers or the case team's, and may answer; she is never
// shown who handles it or who else may see it (the node's OwnComplaint view carries none of
// that). Those handling it see the whole record, its messages with their authors, and the steps
// its allowed_actions name: open a case from it, join it to a case, post a message.

import { all, ApiError, get, post } from '../api';
import { h } from '../dom';
import { formatList, formatTime, t } from '../i18n';
import { navigate, refresh } from '../router';
import type { Account, Case, Complaint, ComplaintMessage, ListOf, OwnComplaint } from '../types';
import {
  actionButton, code, empty, facts, field, heading, label, link, section, select, statusBadge,
} from '../ui';

export function isOwn(c: Complaint | OwnComplaint): c is OwnComplaint {
  return 'progress' in c;
}

export function categories(list: string[]): string {
  return formatList(list.map((c) => label('category', c)));
}

// The same page for a complaint that does not exist and one the reader may not see: the node
// answers both with 404, and so does the portal.
export function missing(kind: 'complaint' | 'case', id: string): HTMLElement {
  return h('div', { 'data-testid': `${kind}-missing` },
    heading(t(`${kind}.missing_title`)),
    h('p', null, t(`${kind}.missing`, { id })),
    h('p', null, link('/', t('common.back_home'))));
}

// Whether a deadline has passed: shown beside it, never used to decide anything.
export function missedBadge(due: string | null | undefined): HTMLElement | null {
  if (!due || new Date(due).getTime() > Date.now()) return null;
  return h('span', { class: 'badge status-missed', 'data-missed': 'true' }, t('case.missed'));
}

function progressOf(c: OwnComplaint): HTMLElement {
  return h('div', { class: 'progress-note' },
    statusBadge('progress', c.progress),
    h('p', null, t(`progress.${c.progress}_text`)),
    c.outcome ? h('p', null, h('strong', null, t('complaint.outcome')), ' ', label('outcome', c.outcome)) : null);
}

function messages(c: Complaint | OwnComplaint, list: ComplaintMessage[]): HTMLElement {
  const own = isOwn(c);
  const who = (m: ComplaintMessage) => {
    if (own) return t(m.from === 'worker' ? 'message.from_you' : 'message.from_team');
    return m.from === 'worker' ? t('message.from_worker') : [t('message.from_team'), m.author ? [' · ', code(m.author)] : null];
  };
  const text = h('textarea', { name: 'message', rows: 3, maxlength: 5000 });
  return section(t('complaint.messages'), { 'data-testid': 'messages' },
    list.length
      ? h('ol', { class: 'conversation' }, list.map((m) => h('li', { class: `msg msg-${m.from}`, 'data-from': m.from },
          h('p', { class: 'msg-head' }, h('strong', null, who(m)), ' · ', h('span', { class: 'when' }, formatTime(m.time))),
          h('p', { class: 'msg-text', dir: 'auto' }, m.text))))
      : empty(t('complaint.no_messages')),
    c.allowed_actions.includes('post_message')
      ? h('form', { class: 'message-form', novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
          field(t(own ? 'complaint.your_message' : 'complaint.message_to_worker'), text),
          actionButton(t('complaint.send_message'), async () => {
            if (!text.value.trim()) {
              text.focus();
              return;
            }
            await post(`/api/v1/complaints/${encodeURIComponent(c.id)}/messages`, { text: text.value.trim() }, true);
            refresh();
          }, { action: 'post-message' }))
      : null);
}

// The worker's own complaint.
function ownPage(c: OwnComplaint, list: ComplaintMessage[]): HTMLElement {
  return h('article', { class: 'complaint', 'data-complaint': c.id, 'data-progress': c.progress },
    heading(t('complaint.yours_title')),
    h('p', { class: 'lead' }, t('complaint.reference_is'), ' ', code(c.reference, { 'data-testid': 'reference' })),
    section(t('complaint.how_far'), { 'data-testid': 'progress' }, progressOf(c)),
    section(t('complaint.what_you_said'), {},
      facts([
        [t('complaint.filed'), formatTime(c.filed_at)],
        [t('complaint.categories'), categories(c.categories)],
        [t('complaint.own_words'), h('span', { class: 'free-text', dir: 'auto' }, c.text)],
        [t('complaint.safe_contact'), c.safe_contact ? h('span', { dir: 'auto' }, c.safe_contact) : t('complaint.no_contact')],
        c.filed_on_behalf ? [t('complaint.filed_how'), t('complaint.filed_for_you')] : null,
      ])),
    messages(c, list));
}

// Open cases the supervisor may join the complaint to (the node lists the ones the reader sees).
async function joinForm(c: Complaint): Promise<HTMLElement> {
  const open = (await all<Case>('/api/v1/cases?order=due', undefined, 500)).items.filter((k) => k.state !== 'closed');
  if (!open.length) return h('p', { class: 'hint' }, t('complaint.no_open_case'));
  const choice = select('case', open.map((k) => [k.id, `${k.id} · ${k.worker ?? k.employer ?? ''} · ${categories(k.categories)}`]));
  return h('div', { class: 'step-form' },
    field(t('complaint.join_to'), choice),
    actionButton(t('complaint.join'), async () => {
      await post(`/api/v1/cases/${encodeURIComponent(choice.value)}/complaints`, { complaint: c.id });
      navigate(`/app/case/${choice.value}`);
    }, { action: 'join-case', cls: 'secondary' }));
}

async function handlerPage(c: Complaint, list: ComplaintMessage[]): Promise<HTMLElement> {
  const steps: HTMLElement[] = [];
  if (c.allowed_actions.includes('open_case')) {
    steps.push(actionButton(t('complaint.open_case'), async () => {
      const k = await post<Case>('/api/v1/cases', { complaint: c.id }, true);
      navigate(`/app/case/${k.id}`);
    }, { action: 'open-case' }));
  }
  if (c.allowed_actions.includes('join_case')) steps.push(await joinForm(c));
  return h('article', { class: 'complaint', 'data-complaint': c.id, 'data-state': c.state },
    heading(t('complaint.title'), statusBadge('complaintstate', c.state)),
    h('p', { class: 'lead' }, t('complaint.reference_is'), ' ', code(c.reference, { 'data-testid': 'reference' })),
    steps.length ? section(t('case.steps'), { 'data-testid': 'steps' }, steps) : null,
    section(t('complaint.details'), {},
      facts([
        [t('complaint.channel'), label('channel', c.channel)],
        [t('complaint.filed'), formatTime(c.filed_at)],
        [t('complaint.filed_by'), label('role', c.filed_by_role)],
        [t('case.worker'), c.worker ? code(c.worker) : t('common.none')],
        [t('case.employer'), c.employer ? code(c.employer) : t('common.none')],
        [t('complaint.categories'), categories(c.categories)],
        [t('complaint.their_words'), h('span', { class: 'free-text', dir: 'auto' }, c.text)],
        [t('complaint.safe_contact_other'), c.safe_contact ? h('span', { dir: 'auto' }, c.safe_contact) : t('complaint.no_contact')],
        [t('complaint.language'), label('lang', c.language)],
        c.state === 'received'
          ? [t('complaint.triage_due'), [formatTime(c.triage_due), ' ', missedBadge(c.triage_due)]]
          : null,
        c.case ? [t('complaint.in_case'), link(`/app/case/${c.case}`, c.case)] : null,
      ])),
    messages(c, list));
}

export async function renderComplaint(_account: Account, id: string): Promise<HTMLElement> {
  let c: Complaint | OwnComplaint;
  try {
    c = await get<Complaint | OwnComplaint>(`/api/v1/complaints/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return missing('complaint', id);
    throw err;
  }
  const list = (await all<ComplaintMessage>(`/api/v1/complaints/${encodeURIComponent(id)}/messages`, undefined, 1000)).items;
  return isOwn(c) ? ownPage(c, list) : handlerPage(c, list);
}

// The complaints the reader may see, newest first (the worker her own; a supervisor the intake
// queue with state=received; the embassy its nationals').
export async function complaintsOf(query = ''): Promise<Array<Complaint | OwnComplaint>> {
  const page = await get<ListOf<Complaint | OwnComplaint>>(`/api/v1/complaints?limit=200${query}`);
  return page.items.sort((a, b) => b.filed_at.localeCompare(a.filed_at));
}
