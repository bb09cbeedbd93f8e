// The watchlists an administrator keeps: importing a publisher's file (the UN consolidated list,
// OFAC's SDN files, a national list) with the upload's progress and then the node's work, the
// lists replaced with what changed, and the versions loaded (docs/border.md section 5).

import { ApiError, get, has, upload } from '../api';
import { h } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import type { Account, ListOf, WatchlistImport, WatchlistVersion } from '../types';
import { code, empty, field, heading, notice, problem, section, select, table } from '../ui';

// The node's cap on an import's body (docs/openapi.yaml).
const MAX_BYTES = 16 * 1024 * 1024;
const FORMATS = ['un-xml', 'ofac-csv', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export function mayImportLists(account: Account): boolean {
  return account.role === 'administrator' && has('POST', '/api/v1/watchlists/imports');
}

function kib(bytes: number): string {
  return t('payroll.kib', { n: Math.max(1, Math.ceil(bytes / 1024)) });
}

// The versions every crossing is screened against.
export function listsTable(lists: WatchlistVersion[]): HTMLElement {
  if (!lists.length) return empty(t('crossing.no_lists'));
  return table(t('watchlist.title'), [
    { head: t('watchlist.list'), cell: (l: WatchlistVersion) => h('span', { dir: 'ltr' }, l.list_id) },
    { head: t('watchlist.version'), cell: (l: WatchlistVersion) => formatNumber(l.version), cls: 'num' },
    { head: t('watchlist.entries'), cell: (l: WatchlistVersion) => formatNumber(l.entries), cls: 'num' },
    { head: t('watchlist.imported'), cell: (l: WatchlistVersion) => formatTime(l.imported_at) },
    { head: t('watchlist.digest'), cell: (l: WatchlistVersion) => code(l.digest.slice(0, 16)) },
  ], lists, { 'data-testid': 'watchlists-table' });
}

// What an import replaced: per list, the new version and how it differs from the one before.
function resultView(r: WatchlistImport): HTMLElement {
  type Row = WatchlistImport['lists'][number];
  return h('div', { class: 'import-result', 'data-testid': 'import-result', tabindex: -1 },
    notice(t('listimport.done')),
    table(t('listimport.result'), [
      { head: t('watchlist.list'), cell: (x: Row) => h('span', { dir: 'ltr' }, x.now.list_id) },
      { head: t('watchlist.version'), cell: (x: Row) => formatNumber(x.now.version), cls: 'num' },
      { head: t('watchlist.entries'), cell: (x: Row) => formatNumber(x.now.entries), cls: 'num' },
      { head: t('listimport.added'), cell: (x: Row) => formatNumber(x.now.added), cls: 'num' },
      { head: t('listimport.changed'), cell: (x: Row) => formatNumber(x.now.changed), cls: 'num' },
      { head: t('listimport.removed'), cell: (x: Row) => formatNumber(x.now.removed), cls: 'num' },
      { head: t('listimport.previous'), cell: (x: Row) => (x.previous ? formatNumber(x.previous.version) : t('listimport.new_list')), cls: 'num' },
      { head: t('watchlist.digest'), cell: (x: Row) => code(x.now.digest.slice(0, 16)) },
    ], r.lists, { 'data-testid': 'import-result-table' }));
}

// The import form: format, the file (several for a national list; OFAC's alias file apart),
// a progress bar while the files go, then while the node imports and rebuilds its index.
function importForm(onDone: (r: WatchlistImport) => void): HTMLElement {
  const format = select('format', FORMATS.map((f): [string, string] => [f, t(`listimport.format.${f}`)]), 'csv');
  const file = h('input', { type: 'file', name: 'file', required: true });
  const alias = h('input', { type: 'file', name: 'alias', accept: '.csv,text/csv' });
  const fileHint = h('p', { class: 'hint', 'aria-live': 'polite' });
  const aliasField = field(t('listimport.alias'), alias, t('listimport.alias_hint'));
  const fileField = field(t('listimport.file'), file);
  fileField.append(fileHint);
  const chosen = (): Format => format.value as Format;
  const update = () => {
    const f = chosen();
    file.multiple = f === 'csv';
    file.accept = f === 'un-xml' ? '.xml,application/xml,text/xml' : '.csv,text/csv';
    fileHint.textContent = t(`listimport.file_hint.${f}`);
    aliasField.hidden = f !== 'ofac-csv';
  };
  format.addEventListener('change', update);
  update();
  const out = h('div', { class: 'outcome', 'aria-live': 'polite', 'data-testid': 'import-outcome' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'import' }, t('listimport.submit'));
  const form = h('form', { class: 'upload-form', novalidate: true, 'data-testid': 'import-form' },
    field(t('listimport.format'), format),
    fileField,
    aliasField,
    submit,
    out);
  const fail = (text: string, focus: HTMLElement) => {
    out.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, text)));
    focus.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = chosen();
    const files = [...(file.files ?? [])];
    if (f === 'ofac-csv' && alias.files?.[0]) files.push(alias.files[0]);
    if (!file.files?.length) return fail(t('listimport.need_file'), file);
    const emptyFile = files.find((x) => x.size === 0);
    if (emptyFile) return fail(t('listimport.empty_file', { name: emptyFile.name }), file);
    const size = files.reduce((n, x) => n + x.size, 0);
    if (size > MAX_BYTES) return fail(t('listimport.too_large', { size: kib(size) }), file);
    const body = new FormData();
    for (const x of files) body.append('file', x, x.name);
    submit.disabled = true;
    const bar = h('progress', { max: size, value: 0, 'aria-label': t('listimport.sending'), 'data-testid': 'import-progress' });
    const text = h('span', null, t('listimport.sending_of', { sent: kib(0), total: kib(size) }));
    out.replaceChildren(h('div', { class: 'busy', role: 'status' }, bar, text));
    try {
      const result = await upload<WatchlistImport>(`/api/v1/watchlists/imports?format=${f}`, body, null,
        (sent, total) => {
          if (sent >= total) {
            // Everything is sent: the node parses, stores and rebuilds the index.
            bar.removeAttribute('value');
            bar.setAttribute('aria-label', t('listimport.importing'));
            text.textContent = t('listimport.importing');
            out.dataset.stage = 'importing';
          } else {
            bar.max = total;
            bar.value = sent;
            text.textContent = t('listimport.sending_of', { sent: kib(sent), total: kib(total) });
          }
        });
      // The format stays, for the next file of the same kind.
      file.value = '';
      alias.value = '';
      out.replaceChildren();
      onDone(result);
    } catch (err) {
      out.replaceChildren(problem(err));
    } finally {
      submit.disabled = false;
      delete out.dataset.stage;
    }
  });
  return form;
}

// The administrator's watchlists: the import form, what the last import did, the lists loaded.
export async function watchlistsSection(): Promise<HTMLElement> {
  const loaded = async () => (await get<ListOf<WatchlistVersion>>('/api/v1/watchlists')).items;
  const listsBox = h('div', { 'data-testid': 'watchlists' }, listsTable(await loaded()));
  const result = h('div', { 'aria-live': 'polite' });
  const form = importForm(async (r) => {
    const view = resultView(r);
    result.replaceChildren(view);
    view.focus();
    try {
      listsBox.replaceChildren(listsTable(await loaded()));
    } catch (err) {
      listsBox.replaceChildren(problem(err));
    }
  });
  return h('div', { class: 'watchlists' },
    section(t('listimport.title'), { class: 'card needs-you', 'data-testid': 'import-watchlist' },
      h('p', { class: 'hint' }, t('listimport.lead')),
      form,
      result),
    section(t('watchlist.title'), { 'data-testid': 'loaded-watchlists' },
      h('p', { class: 'hint' }, t('watchlist.hint')),
      listsBox));
}

// /app/watchlists: the administrator's page; any other role is told it is not theirs.
export async function renderWatchlists(account: Account): Promise<HTMLElement> {
  if (!mayImportLists(account)) {
    throw new ApiError(403, '/problems/forbidden', 'Not allowed', '');
  }
  return h('div', { class: 'page-watchlists' }, heading(t('listimport.page')), await watchlistsSection());
}
