// The statistics page (the analyst's home, and /app/statistics for the administrator and the
// officers): a release's disclosure-controlled tables (docs/statistics.md, "Releases"), chosen
// by release, indicator and dimensions in the page's address, drawn as a table with its margins
// and a bar chart of its rows, with the release's open-data files. Only released figures are
// read, from the public API; nothing here can show a person's record.

import { get } from '../api';
import { barChart } from '../chart';
import { h } from '../dom';
import { formatDate, formatList, formatMonth, formatNumber, formatTime, language, t } from '../i18n';
import { navigate } from '../router';
import {
  barKey, choiceSearch, dimensionLabel, downloads, hasWithheld, indicatorTitle, releasedIndicators,
  resolveFilters, rowBars, tableDimensions, tablePath, valueLabel,
  type Choice, type Definitions, type FilterError, type Release, type StatTable,
} from '../statistics';
import type { Account, ListOf } from '../types';
import { code, empty, facts, field, heading, problem, section, select } from '../ui';

export const STATISTICS_PATH = '/app/statistics';
const ERROR_ID = 'filter-error';

export async function renderStatistics(_account: Account): Promise<HTMLElement> {
  const [defs, list] = await Promise.all([
    get<Definitions>('/api/v1/statistics/indicators'),
    get<ListOf<Release>>('/api/v1/statistics/releases'),
  ]);
  const releases = list.items;
  const page = h('div', { class: 'statistics' },
    heading(t('stats.title')),
    h('p', { class: 'hint' }, t('stats.intro')));
  const resolved = resolveFilters(new URLSearchParams(location.search), releases, defs.indicators);
  if (resolved.kind === 'none') {
    page.append(section(t('stats.releases'), { 'data-testid': 'no-release' },
      h('p', null, t('stats.none'))));
    return page;
  }
  const choice = resolved.kind === 'ok' ? resolved.choice : resolved.fallback;
  const error = resolved.kind === 'bad' ? resolved.error : null;
  if (error) page.append(filterError(error));
  if (choice) page.append(filters(choice, releases, defs, error));
  if (resolved.kind === 'ok') {
    page.append(releaseFacts(choice!.release), await tableSection(choice!));
  }
  if (choice) page.append(downloadSection(choice.release.id, resolved.kind === 'ok' ? choice.indicator.id : ''));
  return page;
}

// The address's filters could not be shown: which one and why, with what the release offers.
function filterError(e: FilterError): HTMLElement {
  const names = e.names ?? [];
  let list = '';
  if (e.field === 'release') list = formatList(names.map((r) => formatMonth(r)));
  else if (e.field === 'indicator') list = formatList(names.map(indicatorTitle));
  else list = formatList(names.map(dimensionLabel));
  const params: Record<string, string> = { ...e.params, list };
  if (params.indicator) params.indicator = indicatorTitle(params.indicator);
  if (e.key === 'stats.bad.same') params.value = dimensionLabel(params.value);
  // What the address said, isolated so that "2031-01" keeps its order in a right-to-left sentence.
  for (const k of ['value', 'release', 'name']) if (params[k]) params[k] = `\u2068${params[k]}\u2069`;
  return h('div', { id: ERROR_ID, class: 'alert alert-error', role: 'alert', 'data-testid': 'filter-error', 'data-field': e.field },
    h('p', null, t(e.key, params)),
    h('p', null, t('stats.bad.hint')));
}

// The choice as a form: changing the release or the indicator offers that one's indicators or
// dimensions; showing puts the choice in the address, so a table can be bookmarked and shared.
function filters(choice: Choice, releases: Release[], defs: Definitions, error: FilterError | null): HTMLElement {
  const release = select('release', releases.map((r): [string, string] => [r.id, formatMonth(r.month)]), choice.release.id);
  const indicator = select('indicator', [], '');
  const rows = select('rows', [], '');
  const cols = select('cols', [], '');
  const fill = (s: HTMLSelectElement, options: Array<[string, string]>, want: string) => {
    s.replaceChildren(...options.map(([v, text]) => h('option', { value: v }, text)));
    s.value = options.some(([v]) => v === want) ? want : (options[0]?.[0] ?? '');
  };
  const fillCols = (want: string) => {
    const def = defs.indicators.find((d) => d.id === indicator.value);
    const dims = def ? tableDimensions(def).filter((d) => d !== rows.value) : [];
    fill(cols, [['', t('stats.cols_none')], ...dims.map((d): [string, string] => [d, dimensionLabel(d)])], want);
  };
  const fillDims = (wantRows: string, wantCols: string) => {
    const def = defs.indicators.find((d) => d.id === indicator.value);
    fill(rows, (def ? tableDimensions(def) : []).map((d): [string, string] => [d, dimensionLabel(d)]), wantRows);
    fillCols(wantCols);
  };
  const fillIndicators = (want: string, wantRows: string, wantCols: string) => {
    const r = releases.find((x) => x.id === release.value) ?? choice.release;
    fill(indicator, releasedIndicators(defs.indicators, r).map((d): [string, string] => [d.id, indicatorTitle(d.id)]), want);
    fillDims(wantRows, wantCols);
  };
  fillIndicators(choice.indicator.id, choice.rows, choice.cols);
  release.addEventListener('change', () => fillIndicators(indicator.value, rows.value, cols.value));
  indicator.addEventListener('change', () => fillDims(rows.value, cols.value));
  rows.addEventListener('change', () => fillCols(cols.value));
  const controls: Record<string, HTMLSelectElement> = { release, indicator, rows, cols };
  if (error) {
    controls[error.field].setAttribute('aria-invalid', 'true');
    controls[error.field].setAttribute('aria-describedby', ERROR_ID);
  }
  const form = h('form', { class: 'stats-filters', 'data-testid': 'stats-filters', 'aria-label': t('stats.filters') },
    h('div', { class: 'grid-form' },
      field(t('stats.release'), release),
      field(t('stats.indicator'), indicator),
      field(t('stats.rows'), rows),
      field(t('stats.cols'), cols)),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'show-table' }, t('stats.show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`${STATISTICS_PATH}?${choiceSearch({ release: release.value, indicator: indicator.value, rows: rows.value, cols: cols.value })}`);
  });
  return section(t('stats.choose'), { 'data-testid': 'stats-choose' }, form);
}

function releaseFacts(r: Release): HTMLElement {
  return h('details', { class: 'card release-facts', 'data-testid': 'release', 'data-release': r.id },
    h('summary', null, t('stats.release_summary', { month: formatMonth(r.month) })),
    facts([
      [t('stats.covers'), t('stats.covers_value', { month: formatMonth(r.month) })],
      [t('stats.reference_date'), formatDate(r.reference_date)],
      [t('stats.made'), formatTime(r.made_at)],
      [t('stats.figures'), formatNumber(r.figures)],
      [t('stats.sha256'), code(r.sha256)],
    ]));
}

// The withheld mark, and the words a screen reader says in its place.
function withheldCell(tag: 'td' | 'th', cls: string): HTMLElement {
  return h(tag, { class: `num withheld ${cls}`, 'data-withheld': true },
    h('span', { 'aria-hidden': 'true' }, t('stats.withheld_mark')),
    h('span', { class: 'visually-hidden' }, t('stats.withheld')));
}

function figure(n: number | null | undefined, cls = ''): HTMLElement {
  if (n === null || n === undefined) return withheldCell('td', cls);
  return h('td', { class: `num ${cls}`.trim() }, formatNumber(n));
}

function tableOf(tbl: StatTable, caption: string): HTMLElement {
  const rowsDim = tbl.rows.dimension;
  const colsDim = tbl.cols?.dimension ?? '';
  const colValues = tbl.cols?.values ?? [];
  const capId = `cap-${tbl.indicator}`;
  const head = colsDim
    ? [
        h('tr', null, h('td', null), h('th', { scope: 'colgroup', colspan: colValues.length + 1, class: 'dim' }, dimensionLabel(colsDim))),
        h('tr', null, h('th', { scope: 'col', class: 'dim' }, dimensionLabel(rowsDim)),
          colValues.map((v) => h('th', { scope: 'col', class: 'num' }, h('bdi', null, valueLabel(colsDim, v)))),
          h('th', { scope: 'col', class: 'num total' }, t('stats.total'))),
      ]
    : [h('tr', null, h('th', { scope: 'col', class: 'dim' }, dimensionLabel(rowsDim)), h('th', { scope: 'col', class: 'num' }, t('stats.count')))];
  const body = tbl.rows.values.map((v, i) => h('tr', { 'data-value': v },
    h('th', { scope: 'row' }, h('bdi', null, valueLabel(rowsDim, v))),
    colsDim ? colValues.map((_, j) => figure(tbl.cells?.[i]?.[j])) : null,
    figure(tbl.row_totals[i], colsDim ? 'total' : '')));
  const totals = h('tr', { class: 'total', 'data-value': '' },
    h('th', { scope: 'row' }, t('stats.total')),
    colsDim ? colValues.map((_, j) => figure(tbl.col_totals?.[j], 'total')) : null,
    figure(tbl.total, 'total'));
  // The title stays in view above the box that scrolls; the table keeps it as its caption.
  return h('div', { class: 'stats-table-block' },
    h('h3', { id: capId, class: 'table-title' }, caption),
    h('div', { class: 'table-wrap stats-wrap', role: 'group', 'aria-labelledby': capId, tabindex: 0 },
      h('table', { class: 'stats-table', 'data-testid': 'stats-table' },
        h('caption', { class: 'visually-hidden' }, caption),
        h('thead', null, head),
        h('tbody', null, body),
        h('tfoot', null, totals))));
}

function legend(tbl: StatTable): HTMLElement {
  const { threshold, rounding_base: base } = tbl.disclosure;
  return h('div', { class: 'stats-legend', 'data-testid': 'legend' },
    hasWithheld(tbl)
      ? h('p', null, h('span', { class: 'withheld-mark', 'aria-hidden': 'true' }, t('stats.withheld_mark')), ' ',
          t('stats.legend_mark'))
      : null,
    h('p', null, t('stats.legend_threshold', { threshold, one: 1, below: Math.max(1, threshold - 1) })),
    h('p', null, t('stats.legend_rounding', { base })));
}

// Up to this many characters of a value's label fit beside a bar; the table above has them all.
const SHORT = 16;
const short = (s: string) => ([...s].length > SHORT ? `${[...s].slice(0, SHORT - 1).join('')}…` : s);

function chartOf(tbl: StatTable, title: string): HTMLElement {
  const dim = tbl.rows.dimension;
  const { bars, withheld } = rowBars(tbl);
  const note = withheld.length ? t('stats.chart_withheld', { list: formatList(withheld.map((v) => valueLabel(dim, v))) }) : undefined;
  if (!bars.length) return h('div', { 'data-testid': 'stats-chart' }, empty(note ?? t('stats.no_figures')));
  return h('div', { 'data-testid': 'stats-chart' },
    barChart(title, bars.map((b) => ({ key: barKey(b.key), label: valueLabel(dim, b.key), short: short(valueLabel(dim, b.key)), value: b.value })), note));
}

async function tableSection(c: Choice): Promise<HTMLElement> {
  const title = indicatorTitle(c.indicator.id);
  const def = c.indicator;
  const translated = language().code !== 'en';
  const about = h('div', { class: 'indicator-about' },
    h('p', null, c.indicator.kind === 'stock'
      ? t('stats.kind_stock', { date: formatDate(c.release.reference_date) })
      : t(c.indicator.kind === 'share' ? 'stats.kind_share' : 'stats.kind_flow', { month: formatMonth(c.release.month) })),
    h('div', { class: 'definition' },
      h('strong', null, t(translated ? 'stats.definition_en' : 'stats.definition')),
      h('p', { lang: 'en', dir: 'ltr' }, def.definition)));
  const out = section(title, { 'data-testid': 'stats-result', 'data-indicator': c.indicator.id }, about);
  let tbl: StatTable;
  try {
    tbl = await get<StatTable>(tablePath(c));
  } catch (err) {
    out.append(problem(err));
    return out;
  }
  const caption = c.cols
    ? t('stats.caption_2d', { indicator: title, rows: dimensionLabel(c.rows), cols: dimensionLabel(c.cols) })
    : t('stats.caption_1d', { indicator: title, rows: dimensionLabel(c.rows) });
  if (!tbl.rows.values.length) {
    out.append(empty(t('stats.no_figures')), legend(tbl));
    return out;
  }
  out.append(
    tableOf(tbl, caption),
    legend(tbl),
    h('p', { class: 'hint' }, h('a', { href: tablePath(c), 'data-testid': 'table-json' }, t('stats.as_json'))),
    h('h3', { class: 'chart-title' }, t('stats.chart')),
    chartOf(tbl, t('stats.chart_title', { indicator: title, rows: dimensionLabel(c.rows) })));
  return out;
}

function downloadSection(release: string, indicator: string): HTMLElement {
  const files = downloads(release, indicator).filter((d) => indicator || d.key !== 'sdmx');
  return section(t('stats.downloads'), { 'data-testid': 'downloads' },
    h('p', { class: 'hint' }, t('stats.downloads_hint', { month: formatMonth(release) })),
    h('ul', { class: 'plain downloads' }, files.map((d) => h('li', null,
      h('a', { href: d.href, download: d.file, 'data-download': d.key },
        t(`stats.dl.${d.key}`, { indicator: indicator ? indicatorTitle(indicator) : '' })),
      ' ', code(d.file)))),
    h('p', null, h('a', { href: '/open-data/', 'data-download': 'all' }, t('stats.dl.all'))));
}
