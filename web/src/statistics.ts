// The statistics page's pure part (docs/statistics.md, "Releases" and "The API"): which tables an
// indicator of a release has, the filters of the page's address checked against what the release
// offers, a one-dimensional table turned into bars, and the words for indicators, dimensions
// and their values. No DOM, no network: the page (pages/statistics.ts) fetches and draws.

import { formatCountry, formatMonth, has, t } from './i18n';
import type { StatisticsRelease, StatisticsTable } from './types';

// An indicator as the definition file (GET /api/v1/statistics/indicators, docs/statistics.md
// "The definition file") describes it; the API's schema leaves its members open.
export interface IndicatorDef {
  id: string;
  kind: 'flow' | 'stock' | 'share';
  definition: string;
  extra_dimension?: string;
  dimensions: string[];
}

export interface Definitions {
  disclosure: { threshold: number; rounding_base: number };
  dimensions: Record<string, string>;
  indicators: IndicatorDef[];
}

// A release's summary (GET /api/v1/statistics/releases, newest first), and one stored table
// (GET /api/v1/statistics/tables/{indicator}), where null is a withheld figure.
export type Release = StatisticsRelease;
export type StatTable = StatisticsTable;

// The dimensions an indicator's tables have, in the order a release builds them: its own
// breakdown first, then the common dimensions its definition lists; a stock is published at its
// release's month, so `month` is not one of its dimensions.
export function tableDimensions(def: IndicatorDef): string[] {
  const out: string[] = [];
  if (def.extra_dimension) out.push(def.extra_dimension);
  for (const d of def.dimensions) {
    if (def.kind === 'stock' && d === 'month') continue;
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

// The indicators a release publishes, in the definition file's order.
export function releasedIndicators(defs: IndicatorDef[], release: Release): IndicatorDef[] {
  const published = new Set(release.indicators);
  return defs.filter((d) => published.has(d.id));
}

export const FILTERS = ['release', 'indicator', 'rows', 'cols'] as const;
export type FilterName = (typeof FILTERS)[number];

// The page's choice: a release, one of its indicators, a row dimension and perhaps a column one.
export interface Choice {
  release: Release;
  indicator: IndicatorDef;
  rows: string;
  cols: string;  // '' for a one-dimensional table
}

// Why the address's filters cannot be shown, said precisely: the filter at fault, the message
// key and what it names.
export interface FilterError {
  field: FilterName;
  key: string;
  params: Record<string, string>;
  names?: string[];  // the valid values, for the message's list (labelled by the page)
}

// A refusal carries the nearest valid choice (`fallback`, for the form), when there is one.
export type Resolved =
  | { kind: 'none' }
  | { kind: 'ok'; choice: Choice }
  | { kind: 'bad'; error: FilterError; fallback: Choice | null };

// Checks the address's filters (release, indicator, rows, cols) against the releases and the
// definitions. Absent filters take their defaults: the latest release, its first indicator, that
// indicator's first dimension, no columns. A filter named twice, a release that does not exist,
// an indicator the release does not publish, a dimension the indicator's tables do not have, or
// the same dimension twice is refused, naming the filter.
export function resolveFilters(search: URLSearchParams, releases: Release[], defs: IndicatorDef[]): Resolved {
  if (!releases.length) return { kind: 'none' };
  for (const f of FILTERS) {
    if (search.getAll(f).length > 1) {
      return { kind: 'bad', error: { field: f, key: 'stats.bad.twice', params: { name: f } }, fallback: defaultChoice(releases[0], defs) };
    }
  }
  const want = (f: FilterName) => (search.get(f) ?? '').trim();

  const releaseId = want('release');
  const release = releaseId ? releases.find((r) => r.id === releaseId) : releases[0];
  if (!release) {
    return {
      kind: 'bad',
      error: { field: 'release', key: 'stats.bad.release', params: { value: releaseId }, names: releases.map((r) => r.id) },
      fallback: defaultChoice(releases[0], defs),
    };
  }
  const offered = releasedIndicators(defs, release);
  if (!offered.length) {
    return { kind: 'bad', error: { field: 'indicator', key: 'stats.bad.no_indicator', params: { release: release.id } }, fallback: null };
  }
  const indicatorId = want('indicator');
  const indicator = indicatorId ? offered.find((d) => d.id === indicatorId) : offered[0];
  if (!indicator) {
    return {
      kind: 'bad',
      error: { field: 'indicator', key: 'stats.bad.indicator', params: { value: indicatorId, release: release.id }, names: offered.map((d) => d.id) },
      fallback: firstTable(release, offered[0]),
    };
  }
  const dims = tableDimensions(indicator);
  const rows = want('rows') || dims[0];
  if (!dims.includes(rows)) {
    return {
      kind: 'bad',
      error: { field: 'rows', key: 'stats.bad.dimension', params: { value: rows, indicator: indicator.id }, names: dims },
      fallback: firstTable(release, indicator),
    };
  }
  const cols = want('cols');
  if (cols && !dims.includes(cols)) {
    return {
      kind: 'bad',
      error: { field: 'cols', key: 'stats.bad.dimension', params: { value: cols, indicator: indicator.id }, names: dims },
      fallback: { release, indicator, rows, cols: '' },
    };
  }
  if (cols && cols === rows) {
    return {
      kind: 'bad',
      error: { field: 'cols', key: 'stats.bad.same', params: { value: cols } },
      fallback: { release, indicator, rows, cols: '' },
    };
  }
  return { kind: 'ok', choice: { release, indicator, rows, cols } };
}

function firstTable(release: Release, indicator: IndicatorDef): Choice {
  return { release, indicator, rows: tableDimensions(indicator)[0] ?? '', cols: '' };
}

function defaultChoice(release: Release, defs: IndicatorDef[]): Choice | null {
  const first = releasedIndicators(defs, release)[0];
  return first ? firstTable(release, first) : null;
}

// The page's address for a choice: every filter named, so a bookmark keeps showing the same
// release even after a later one is made.
export function choiceSearch(c: { release: string; indicator: string; rows: string; cols: string }): string {
  const q = new URLSearchParams({ release: c.release, indicator: c.indicator, rows: c.rows });
  if (c.cols) q.set('cols', c.cols);
  return q.toString();
}

// The table's API path for a choice.
export function tablePath(c: Choice): string {
  const q = new URLSearchParams({ rows: c.rows, release: c.release.id });
  if (c.cols) q.set('cols', c.cols);
  return `/api/v1/statistics/tables/${encodeURIComponent(c.indicator.id)}?${q}`;
}

// The release's open-data files (docs/statistics.md, "Open data"), and the indicator's SDMX-CSV.
export interface Download {
  key: 'indicators' | 'dictionary' | 'sdmx' | 'release';
  href: string;
  file: string;
}

export function downloads(release: string, indicator: string): Download[] {
  const base = `/open-data/${encodeURIComponent(release)}/`;
  return [
    { key: 'indicators', file: 'indicators.csv', href: `${base}indicators.csv` },
    { key: 'dictionary', file: 'dictionary.csv', href: `${base}dictionary.csv` },
    { key: 'sdmx', file: `${indicator}.sdmx.csv`, href: `${base}${encodeURIComponent(indicator)}.sdmx.csv` },
    { key: 'release', file: 'release.json', href: `${base}release.json` },
  ];
}

// The bars of a table's rows (the one-dimensional table of its row dimension: a two-dimensional
// table's row totals are that table's figures). A withheld figure has no length to draw: it is
// left out of the bars and listed apart.
export interface RowBars {
  bars: Array<{ key: string; value: number }>;
  withheld: string[];
}

export function rowBars(table: StatTable): RowBars {
  const bars: RowBars['bars'] = [];
  const withheld: string[] = [];
  table.rows.values.forEach((v, i) => {
    const n = table.row_totals[i];
    if (n === null || n === undefined) withheld.push(v);
    else bars.push({ key: v, value: n });
  });
  return { bars, withheld };
}

// Whether any figure of the table (cells, margins, total) is withheld.
export function hasWithheld(table: StatTable): boolean {
  if (table.total === null) return true;
  if (table.row_totals.some((x) => x === null)) return true;
  if ((table.col_totals ?? []).some((x) => x === null)) return true;
  return (table.cells ?? []).some((r) => r.some((x) => x === null));
}

// A bar's CSS class may only hold safe characters: a dimension value ("60+", "2-9") is mapped.
export function barKey(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

// Labels. Indicator and dimension names are catalog entries (stats.ind.*, stats.dim.*; a unit
// test checks that the definition file's every id has one); a value is said as the portal says
// it elsewhere (a country, a month, a sex, a contract state, a payroll finding), an ISCO-08 major
// group with its number and title, an indicator's own breakdown from stats.val.*, and a band or
// anything unknown to the catalog as its code.
export function indicatorTitle(id: string): string {
  return has(`stats.ind.${id}`) ? t(`stats.ind.${id}`) : id;
}

export function dimensionLabel(dim: string): string {
  return has(`stats.dim.${dim}`) ? t(`stats.dim.${dim}`) : dim;
}

const VALUE_PREFIX: Record<string, string> = {
  sex: 'sex',
  state: 'state',
  finding_code: 'finding',
};

export function valueLabel(dim: string, value: string): string {
  if (value === 'unknown') return t('stats.unknown');
  switch (dim) {
    case 'origin':
    case 'destination':
      return formatCountry(value);
    case 'month':
      return formatMonth(value);
    case 'isco_major':
      return has(`isco.${value}`) ? t('format.code_name', { code: value, name: t(`isco.${value}`) }) : value;
    case 'age_band':
    case 'employer_size_band':
      return value;
  }
  const key = `${VALUE_PREFIX[dim] ?? `stats.val.${dim}`}.${value}`;
  return has(key) ? t(key) : value;
}
