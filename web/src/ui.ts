// Small building blocks shared by the pages: headings, sections, lists of facts, tables, state
// badges, progress while work runs, problems explained in the reader's language, and buttons
// that show their work and their outcome.

import { ApiError } from './api';
import { h, uid, type Child } from './dom';
import { has, t } from './i18n';
import { navigate } from './router';

// The page's heading: focused after each navigation so screen readers announce the new page.
export function heading(text: string, ...extra: Child[]): HTMLElement {
  return h('header', { class: 'page-head' }, h('h1', { tabindex: -1, id: 'page-title' }, text), ...extra);
}

export function section(title: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const id = uid('sec');
  return h('section', { 'aria-labelledby': id, class: 'card', ...attrs }, h('h2', { id }, title), ...children);
}

// Text from a record (a name, a position) isolated from the text around it, so that a Latin
// name in an Arabic sentence keeps its punctuation where it belongs.
export function isolate(c: Child): Child {
  return typeof c === 'string' ? h('bdi', null, c) : c;
}

// An in-portal link: follows the router without reloading the page.
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', {
    href,
    onclick: (e: Event) => {
      const me = e as MouseEvent;
      if (me.ctrlKey || me.metaKey || me.shiftKey || me.button !== 0) return;
      e.preventDefault();
      navigate(href);
    },
  }, ...children.map(isolate));
}

// Facts as a description list; empty values are left out.
export function facts(rows: Array<[string, Child] | null | false>, cls = 'facts'): HTMLElement {
  const dl = h('dl', { class: cls });
  for (const row of rows) {
    if (!row) continue;
    const [k, v] = row;
    if (v === '' || v === null || v === undefined) continue;
    dl.append(h('div', null, h('dt', null, k), h('dd', null, isolate(v))));
  }
  return dl;
}

export interface Column<T> {
  head: string;
  cell: (row: T) => Child;
  cls?: string;
}

// A table that scrolls inside itself on a narrow screen, never the page.
export function table<T>(caption: string, columns: Column<T>[], rows: T[], attrs: Record<string, string> = {}): HTMLElement {
  const capId = uid('cap');
  const tbl = h('table', { class: 'stack', ...attrs },
    h('caption', { class: 'visually-hidden', id: capId }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.cls }, c.head)))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.cls, 'data-label': c.head }, isolate(c.cell(r))))))));
  return h('div', { class: 'table-wrap', role: 'group', 'aria-labelledby': capId, tabindex: 0 }, tbl);
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

// A translated enumeration value (state, kind, reason), or the raw value if unknown.
export function label(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : value;
}

export function stateBadge(state: string): HTMLElement {
  return h('span', { class: `badge state-${state}`, 'data-state': state }, label('state', state));
}

export function statusBadge(prefix: string, status: string): HTMLElement {
  return h('span', { class: `badge status-${status}`, 'data-status': status }, label(prefix, status));
}

// A code (digest, id) that may break anywhere on a narrow screen.
export function code(text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('code', { class: 'code', dir: 'ltr', translate: 'no', ...attrs }, text);
}

// Work in progress: an indeterminate bar, or a determinate one when the total is known.
export function busy(text: string, value?: number, max?: number): HTMLElement {
  const bar = h('progress', { 'aria-label': text });
  if (value !== undefined && max !== undefined) {
    bar.max = max;
    bar.value = value;
  }
  return h('div', { class: 'busy', role: 'status' }, bar, h('span', null, text));
}

// A problem from the API, said in the reader's language; the server's own words follow in
// English for whoever needs the detail.
export function problemText(err: unknown): { message: string; detail: string } {
  if (err instanceof ApiError) {
    let message: string;
    if (err.type === '/problems/substitution') message = t('problem.substitution');
    else if (err.type === '/problems/data-loss') message = t('problem.integrity');
    else if (err.status === 404) message = t('problem.not_found');
    else if (err.status === 403) message = t('problem.forbidden');
    else if (err.status === 409) message = t('problem.conflict');
    else if (err.status === 422) message = err.field ? t('problem.invalid_field', { field: fieldName(err.field) }) : t('problem.invalid');
    else if (err.status === 429) message = t('problem.too_many');
    else if (err.status === 401) message = t('problem.session');
    else message = t('problem.server');
    return { message, detail: err.detail };
  }
  return { message: t('problem.network'), detail: err instanceof Error ? err.message : '' };
}

export function fieldName(field: string): string {
  const key = `term.${field.replace(/^terms\./, '')}`;
  return has(key) ? t(key) : field;
}

export function problem(err: unknown): HTMLElement {
  const { message, detail } = problemText(err);
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('p', null, message),
    detail ? h('p', { class: 'detail', lang: 'en', dir: 'ltr' }, detail) : null);
}

export function notice(text: string, cls = 'alert-ok'): HTMLElement {
  return h('div', { class: `alert ${cls}`, role: 'status' }, h('p', null, text));
}

// A button that runs `work`, shows progress while it runs and its outcome after, in `out`.
export function actionButton(
  text: string,
  work: () => Promise<void>,
  opts: { cls?: string; action?: string; out?: HTMLElement; confirm?: string } = {},
): HTMLElement {
  const out = opts.out ?? h('div', { class: 'outcome', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: opts.cls ?? 'primary', 'data-action': opts.action }, text);
  button.addEventListener('click', async () => {
    // A step that cannot be undone asks first.
    if (opts.confirm && !window.confirm(opts.confirm)) return;
    button.disabled = true;
    out.replaceChildren(busy(t('common.working')));
    try {
      await work();
      out.replaceChildren();
    } catch (err) {
      out.replaceChildren(problem(err));
    } finally {
      button.disabled = false;
    }
  });
  return opts.out ? button : h('div', { class: 'action' }, button, out);
}

// A labelled form field.
export function field(text: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  let hintEl: HTMLElement | null = null;
  if (hint) {
    const hid = uid('hint');
    hintEl = h('p', { class: 'hint', id: hid }, hint);
    control.setAttribute('aria-describedby', hid);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, text), hintEl, control);
}

export function select(name: string, options: Array<[string, string]>, value?: string): HTMLSelectElement {
  const s = h('select', { name });
  for (const [v, text] of options) {
    const o = h('option', { value: v }, text);
    if (v === value) o.selected = true;
    s.append(o);
  }
  return s;
}
