// The statistics page's pure part: the dimensions of an indicator's tables, the address's filters
// checked against the releases, the bars of a table, the open-data links and the labels.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from './i18n';
import {
  barKey, choiceSearch, dimensionLabel, downloads, hasWithheld, indicatorTitle, releasedIndicators,
  resolveFilters, rowBars, tableDimensions, tablePath, valueLabel,
  type Definitions, type Release, type StatTable,
} from './statistics';

const defs = JSON.parse(readFileSync(join(__dirname, '../../data/statistics/indicators.json'), 'utf8')) as Definitions;
const en = JSON.parse(readFileSync(join(__dirname, 'i18n/en.json'), 'utf8')) as Record<string, unknown>;
const def = (id: string) => defs.indicators.find((d) => d.id === id)!;

function release(id: string, indicators: string[]): Release {
  return {
    id, month: id, reference_date: `${id}-30`, made_at: `${id}-30T00:00:00Z`,
    disclosure: { threshold: 5, rounding_base: 3 }, sha256: '0'.repeat(64), indicators, tables: 0, figures: 0,
  };
}

// Newest first, as the API lists them.
const releases = [
  release('2026-11', ['contracts_by_state', 'permits_issued', 'crossings', 'watchlist_hits']),
  release('2026-10', ['permits_issued']),
];
const q = (s: string) => new URLSearchParams(s);

describe('the dimensions of an indicator\'s tables', () => {
  it('are its own breakdown first, then the common dimensions its definition lists', () => {
    expect(tableDimensions(def('crossings'))).toEqual(['direction', 'origin', 'destination', 'month', 'sex', 'age_band']);
    expect(tableDimensions(def('watchlist_hits'))).toEqual(['outcome', 'destination', 'month']);
    expect(tableDimensions(def('permits_issued'))).toEqual(['origin', 'destination', 'month', 'isco_major', 'sex', 'age_band', 'employer_size_band']);
  });

  it('leave out the month of a stock, which is published at its release\'s month', () => {
    expect(tableDimensions(def('contracts_by_state'))).toEqual(['state', 'origin', 'destination', 'isco_major', 'sex', 'age_band', 'employer_size_band']);
    expect(tableDimensions(def('arrears_outstanding'))).not.toContain('month');
  });

  it('are those the release publishes, in the definition file\'s order', () => {
    expect(releasedIndicators(defs.indicators, release('x', ['watchlist_hits', 'permits_issued', 'nope'])).map((d) => d.id))
      .toEqual(['permits_issued', 'watchlist_hits']);
  });
});

describe('the address\'s filters', () => {
  it('say plainly that there is no release yet', () => {
    expect(resolveFilters(q(''), [], defs.indicators)).toEqual({ kind: 'none' });
  });

  it('default to the latest release, its first indicator and that one\'s first dimension', () => {
    const r = resolveFilters(q(''), releases, defs.indicators);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect([r.choice.release.id, r.choice.indicator.id, r.choice.rows, r.choice.cols]).toEqual(['2026-11', 'contracts_by_state', 'state', '']);
  });

  it('take a release, an indicator and two dimensions, and give them back as an address', () => {
    const search = 'release=2026-10&indicator=permits_issued&rows=sex&cols=isco_major';
    const r = resolveFilters(q(search), releases, defs.indicators);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect([r.choice.release.id, r.choice.indicator.id, r.choice.rows, r.choice.cols]).toEqual(['2026-10', 'permits_issued', 'sex', 'isco_major']);
    const c = { release: '2026-10', indicator: 'permits_issued', rows: 'sex', cols: 'isco_major' };
    expect(choiceSearch(c)).toBe(search);
    expect(tablePath(r.choice)).toBe('/api/v1/statistics/tables/permits_issued?rows=sex&release=2026-10&cols=isco_major');
    expect(choiceSearch({ ...c, cols: '' })).toBe('release=2026-10&indicator=permits_issued&rows=sex');
  });

  it('refuse a release that does not exist, listing those that do', () => {
    const r = resolveFilters(q('release=2031-01'), releases, defs.indicators);
    expect(r).toMatchObject({ kind: 'bad', error: { field: 'release', key: 'stats.bad.release', params: { value: '2031-01' }, names: ['2026-11', '2026-10'] } });
  });

  it('refuse an indicator the release does not publish, even one another release does', () => {
    const r = resolveFilters(q('release=2026-10&indicator=crossings'), releases, defs.indicators);
    expect(r).toMatchObject({
      kind: 'bad',
      error: { field: 'indicator', key: 'stats.bad.indicator', params: { value: 'crossings', release: '2026-10' }, names: ['permits_issued'] },
      fallback: { indicator: { id: 'permits_issued' }, rows: 'origin', cols: '' },
    });
    expect(resolveFilters(q('indicator=no_such'), releases, defs.indicators)).toMatchObject({ kind: 'bad', error: { field: 'indicator' } });
  });

  it('refuse a dimension the indicator\'s tables do not have, naming theirs', () => {
    // A stock has no month; watchlist hits have no sex.
    expect(resolveFilters(q('indicator=contracts_by_state&rows=month'), releases, defs.indicators)).toMatchObject({
      kind: 'bad',
      error: { field: 'rows', key: 'stats.bad.dimension', params: { value: 'month', indicator: 'contracts_by_state' }, names: tableDimensions(def('contracts_by_state')) },
    });
    expect(resolveFilters(q('indicator=watchlist_hits&rows=outcome&cols=sex'), releases, defs.indicators)).toMatchObject({
      kind: 'bad',
      error: { field: 'cols', params: { value: 'sex' }, names: ['outcome', 'destination', 'month'] },
      fallback: { rows: 'outcome', cols: '' },
    });
  });

  it('refuse the same dimension twice and a filter named twice', () => {
    expect(resolveFilters(q('indicator=crossings&rows=sex&cols=sex'), releases, defs.indicators)).toMatchObject({
      kind: 'bad', error: { field: 'cols', key: 'stats.bad.same', params: { value: 'sex' } },
    });
    expect(resolveFilters(q('rows=sex&rows=origin'), releases, defs.indicators)).toMatchObject({
      kind: 'bad', error: { field: 'rows', key: 'stats.bad.twice', params: { name: 'rows' } },
    });
  });

  it('say so when a release publishes no indicator the portal knows', () => {
    expect(resolveFilters(q(''), [release('2026-11', [])], defs.indicators)).toMatchObject({
      kind: 'bad', error: { field: 'indicator', key: 'stats.bad.no_indicator' }, fallback: null,
    });
  });
});

const oneDim: StatTable = {
  indicator: 'permits_issued', release: '2026-11',
  rows: { dimension: 'sex', values: ['F', 'M', 'X'] },
  row_totals: [null, 12, 0], total: 15, suppressed: 'null marks a figure withheld by disclosure control', disclosure: { threshold: 5, rounding_base: 3 },
};

describe('a table', () => {
  it('draws its rows as bars and lists the withheld ones apart', () => {
    expect(rowBars(oneDim)).toEqual({ bars: [{ key: 'M', value: 12 }, { key: 'X', value: 0 }], withheld: ['F'] });
  });

  it('knows whether any of its figures is withheld, margins included', () => {
    expect(hasWithheld(oneDim)).toBe(true);
    expect(hasWithheld({ ...oneDim, row_totals: [3, 12, 0] })).toBe(false);
    expect(hasWithheld({
      ...oneDim, row_totals: [3, 12, 0], cols: { dimension: 'month', values: ['2026-07'] },
      cells: [[3], [12], [0]], col_totals: [null],
    })).toBe(true);
    expect(hasWithheld({ ...oneDim, row_totals: [3, 12, 0], cells: [[null], [12], [0]] })).toBe(true);
  });

  it('keeps a bar\'s class name safe for any value', () => {
    expect(barKey('60+')).toBe('60_2b');
    expect(barKey('2-9')).toBe('2-9');
    expect(barKey('F')).toBe('F');
  });
});

it('links the release\'s open-data files and the indicator\'s SDMX-CSV', () => {
  expect(downloads('2026-11', 'permits_issued').map((d) => d.href)).toEqual([
    '/open-data/2026-11/indicators.csv',
    '/open-data/2026-11/dictionary.csv',
    '/open-data/2026-11/permits_issued.sdmx.csv',
    '/open-data/2026-11/release.json',
  ]);
});

describe('labels', () => {
  beforeEach(async () => {
    await setLanguage('en');
  });

  it('name every indicator and every dimension of the definition file', () => {
    const dims = new Set([...Object.keys(defs.dimensions), ...defs.indicators.flatMap((d) => (d.extra_dimension ? [d.extra_dimension] : []))]);
    expect(defs.indicators.map((d) => `stats.ind.${d.id}`).filter((k) => !(k in en))).toEqual([]);
    expect([...dims].map((d) => `stats.dim.${d}`).filter((k) => !(k in en))).toEqual([]);
    expect(indicatorTitle('permits_issued')).toBe('Permits issued');
    expect(dimensionLabel('employer_size_band')).toBe('Employer size (contracts)');
    expect(indicatorTitle('not_yet_known')).toBe('not_yet_known');
  });

  it('name the values of each indicator\'s own breakdown (docs/statistics.md)', () => {
    const values: Record<string, string[]> = {
      status: ['active', 'suspended'],
      end_reason: ['expired', 'transfer', 'resignation', 'termination', 'expiry', 'final_exit'],
      notice: ['served', 'waived_arrears', 'waived_other'],
      exit_kind: ['final', 'returning'],
      direction: ['entry', 'exit'],
      outcome: ['flagged', 'departed', 'raised', 'confirmed', 'dismissed', 'pending'],
    };
    const missing = Object.entries(values).flatMap(([dim, vs]) => vs.filter((v) => valueLabel(dim, v) === v).map((v) => `${dim}=${v}`));
    expect(missing).toEqual([]);
    expect(valueLabel('state', 'authenticated')).toBe(en['state.authenticated']);
    expect(valueLabel('finding_code', 'unpaid')).toBe(en['finding.unpaid']);
  });

  it('say a value as the portal does elsewhere, or its code', async () => {
    expect(valueLabel('sex', 'F')).toBe('Female');
    expect(valueLabel('origin', 'NPL')).toBe('Nepal');
    expect(valueLabel('month', '2026-07')).toBe('July 2026');
    expect(valueLabel('isco_major', '5')).toBe('5 · Services and sales workers');
    expect(valueLabel('age_band', '60+')).toBe('60+');
    expect(valueLabel('sex', 'unknown')).toBe('Not known');
    expect(valueLabel('direction', 'sideways')).toBe('sideways');
    await setLanguage('ar');
    expect(valueLabel('destination', 'KWT')).toBe('الكويت');
    expect(valueLabel('direction', 'entry')).toBe('دخول');
  });
});
