// The statistics page in a real browser against a real demo corridor (docs/statistics.md,
// "Releases" and "The API"): the analyst of a node with no release (Kuwait) is told so plainly; on
// Nepal, after the administrator made two releases, the analyst's home is the latest one's tables.
// (The demo's history is small, so most of its figures are withheld: what disclosure control is
// for.) She
// picks an indicator and two dimensions, sees the table the API serves with a withheld figure
// marked and the legend that explains disclosure control, the chart of its rows and the release's
// open-data files; the filters are in the address, and a bad one is named precisely on a page that
// still works. The administrator and the officers reach it from the navigation; other roles do not
// have it. Every page passes axe-core and fits 360 pixels, in English and in Arabic.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage, chooseLanguage, Client, launch, login, newPage, password, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Release { id: string; indicators: string[]; disclosure: { threshold: number; rounding_base: number } }
interface IndicatorDef { id: string; kind: string; extra_dimension?: string; dimensions: string[] }
interface Table {
  rows: { dimension: string; values: string[] };
  cols?: { dimension: string; values: string[] };
  cells?: Array<Array<number | null>>;
  row_totals: Array<number | null>;
  col_totals?: Array<number | null>;
  total: number | null;
}

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];

async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

// Text without its bidirectional isolates.
const plain = (s: string | null) => (s ?? '').replace(/[\u2066-\u2069]/g, '');

async function goto(base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await settled(page);
}

// Months on the node's clock (the demo's clock has caught up with the present): the last month
// that has ended, and the one before.
function monthBefore(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}
const latest = monthBefore(new Date().toISOString().slice(0, 7));
const earlier = monthBefore(latest);

// The dimensions of an indicator's tables, as docs/statistics.md says a release builds them.
function dimensionsOf(d: IndicatorDef): string[] {
  return [...(d.extra_dimension ? [d.extra_dimension] : []), ...d.dimensions.filter((x) => !(d.kind === 'stock' && x === 'month'))];
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launch();
  ({ page, errors } = await newPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

// The table the test shows: a two-dimensional table of the latest release with a withheld cell
// and at least one published row total (a bar to draw), found through the public API.
let chosen: { indicator: string; rows: string; cols: string; table: Table } | null = null;
let release: Release | null = null;

describe('no release yet', () => {
  it('the analyst is told plainly that the node has released nothing', async () => {
    await login(page, demo.kuwait, 'analyst', password(demo, 'kuwait', 'analyst'));
    await page.locator('[data-testid=no-release]').waitFor();
    await expect(page.textContent('[data-testid=no-release]')).resolves.toContain('has not released any statistics yet');
    expect(await page.locator('[data-testid=stats-filters], [data-testid=stats-table]').count()).toBe(0);
    expect(await page.getAttribute('nav a[href="/app/statistics"]', 'href')).toBe('/app/statistics');
    await check('statistics-none-en');
  });
});

describe('the analyst', () => {
  beforeAll(async () => {
    const admin = await Client.login(demo, 'nepal', 'admin');
    for (const id of [earlier, latest]) {
      const made = await admin.call<Release>('POST', '/api/v1/statistics/releases', { id });
      expect(made.id).toBe(id);
    }
    const releases = await admin.call<{ items: Release[] }>('GET', '/api/v1/statistics/releases');
    expect(releases.items.map((r) => r.id)).toEqual([latest, earlier]);
    release = releases.items[0];
    const defs = await admin.call<{ indicators: IndicatorDef[] }>('GET', '/api/v1/statistics/indicators');
    for (const d of defs.indicators.filter((x) => release!.indicators.includes(x.id))) {
      const dims = dimensionsOf(d);
      for (const rows of dims) {
        for (const cols of dims.filter((x) => x !== rows)) {
          const table = await admin.call<Table>('GET', `/api/v1/statistics/tables/${d.id}?rows=${rows}&cols=${cols}&release=${latest}`);
          const withheld = (table.cells ?? []).some((r) => r.some((x) => x === null));
          const bars = table.row_totals.some((x) => x !== null && x > 0);
          if (withheld && bars) {
            chosen = { indicator: d.id, rows, cols, table };
            break;
          }
        }
        if (chosen) break;
      }
      if (chosen) break;
    }
  });

  it('sees the latest release on her home, and its downloads', async () => {
    await login(page, demo.nepal, 'analyst', password(demo, 'nepal', 'analyst'));
    await page.locator('[data-testid=stats-result]').waitFor();
    expect(await page.inputValue('select[name=release]')).toBe(latest);
    expect(await page.getAttribute('[data-testid=release]', 'data-release')).toBe(latest);
    // Both releases can be chosen, newest first.
    expect(await page.locator('select[name=release] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([latest, earlier]);
    // Only the indicators the release publishes are offered.
    const offered = await page.locator('select[name=indicator] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((id) => release!.indicators.includes(id))).toBe(true);
    const hrefs = await page.locator('[data-testid=downloads] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      `/open-data/${latest}/indicators.csv`,
      `/open-data/${latest}/dictionary.csv`,
      `/open-data/${latest}/${offered[0]}.sdmx.csv`,
      `/open-data/${latest}/release.json`,
      '/open-data/',
    ]);
    await check('statistics-home-en');
  });

  it('picks an indicator and two dimensions: the table with a withheld figure marked, the chart', async () => {
    expect(chosen, 'the demo\'s release has a two-dimensional table with a withheld cell').not.toBeNull();
    const c = chosen!;
    await page.selectOption('select[name=indicator]', c.indicator);
    await page.selectOption('select[name=rows]', c.rows);
    // The column dimension offers every other dimension, never the rows'.
    const cols = await page.locator('select[name=cols] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(cols).not.toContain(c.rows);
    expect(cols[0]).toBe('');
    await page.selectOption('select[name=cols]', c.cols);
    await page.click('button[data-action=show-table]');
    await page.waitForURL((u) => u.pathname === '/app/statistics' && u.searchParams.get('cols') === c.cols);
    await settled(page);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ release: latest, indicator: c.indicator, rows: c.rows, cols: c.cols });
    expect(await page.getAttribute('[data-testid=stats-result]', 'data-indicator')).toBe(c.indicator);

    // The table is the API's: a row per value, a column per value and the totals; the figures
    // the API withholds are marked, and no other.
    const table = page.locator('[data-testid=stats-table]');
    expect(await table.locator('tbody tr').count()).toBe(c.table.rows.values.length);
    expect(await table.locator('thead tr').last().locator('th').count()).toBe(c.table.cols!.values.length + 2);
    const nulls = [...(c.table.cells ?? []).flat(), ...c.table.row_totals, ...(c.table.col_totals ?? []), c.table.total]
      .filter((x) => x === null).length;
    expect(nulls).toBeGreaterThan(0);
    expect(await table.locator('[data-withheld]').count()).toBe(nulls);
    await expect(table.locator('[data-withheld]').first().textContent()).resolves.toBe('xwithheld');
    // A published figure is shown as the API has it (the first published cell).
    const firstRow = c.table.cells![0];
    const j = firstRow.findIndex((x) => x !== null);
    if (j >= 0) {
      await expect(table.locator('tbody tr').first().locator('td').nth(j).textContent()).resolves.toBe(firstRow[j]!.toLocaleString('en-GB'));
    }
    const legend = (await page.textContent('[data-testid=legend]')) ?? '';
    expect(legend).toContain('withheld by disclosure control');
    expect(legend).toContain(`A count below ${release!.disclosure.threshold} is never published`);
    expect(legend).toContain(`rounded to a multiple of ${release!.disclosure.rounding_base}`);

    // The chart draws the rows' published totals, each with its figure; the withheld ones are
    // listed under it.
    const drawn = c.table.row_totals.filter((x) => x !== null).length;
    expect(await page.locator('[data-testid=stats-chart] svg g[data-key]').count()).toBe(drawn);
    const i = c.table.row_totals.findIndex((x) => x !== null && x > 0);
    await expect(page.locator('[data-testid=stats-chart] svg g[data-key] .chart-value').nth(
      c.table.row_totals.slice(0, i).filter((x) => x !== null).length).textContent()).resolves.toBe(c.table.row_totals[i]!.toLocaleString('en-GB'));
    if (drawn < c.table.rows.values.length) {
      await expect(page.textContent('[data-testid=stats-chart] figure .hint')).resolves.toContain('Withheld, so not drawn');
    }
    expect(await page.getAttribute('[data-testid=table-json]', 'href'))
      .toBe(`/api/v1/statistics/tables/${c.indicator}?rows=${c.rows}&release=${latest}&cols=${c.cols}`);
    expect(await page.getAttribute('[data-testid=downloads] a[data-download=sdmx]', 'href')).toBe(`/open-data/${latest}/${c.indicator}.sdmx.csv`);
    await check('statistics-table-en');

    // The same page in Arabic, right to left, still 360 pixels wide: the table scrolls in its box.
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('[data-testid=stats-table] [data-withheld]').count()).toBe(nulls);
    await check('statistics-table-ar');
    await chooseLanguage(page, 'en');
  });

  it('a bookmarked address shows the same table after reloading; a bad filter is named, the page still works', async () => {
    const c = chosen!;
    await page.reload();
    await settled(page);
    expect(await page.inputValue('select[name=cols]')).toBe(c.cols);

    // A dimension the indicator's tables do not have.
    await goto(demo.nepal, `/app/statistics?release=${latest}&indicator=${c.indicator}&rows=planet`);
    const error = page.locator('[data-testid=filter-error]');
    expect(await error.getAttribute('data-field')).toBe('rows');
    // The address's words are isolated (U+2068...U+2069) so they keep their order in Arabic.
    expect(plain(await error.textContent())).toContain('“planet” is not a dimension of the tables of');
    expect(await page.getAttribute('select[name=rows]', 'aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid=stats-table]').count()).toBe(0);
    await check('statistics-bad-rows-en');
    // The form still shows a table.
    await page.click('button[data-action=show-table]');
    await page.waitForSelector('[data-testid=stats-table]');
    await settled(page);
    expect(await page.locator('[data-testid=filter-error]').count()).toBe(0);

    // A release that does not exist, in Arabic.
    await chooseLanguage(page, 'ar');
    await goto(demo.nepal, '/app/statistics?release=2031-01');
    expect(await page.getAttribute('[data-testid=filter-error]', 'data-field')).toBe('release');
    expect(plain(await page.textContent('[data-testid=filter-error]'))).toContain('«2031-01»');
    await check('statistics-bad-release-ar');
    await chooseLanguage(page, 'en');
    // The same dimension twice.
    await goto(demo.nepal, `/app/statistics?indicator=${c.indicator}&rows=${c.rows}&cols=${c.rows}`);
    expect(await page.getAttribute('[data-testid=filter-error]', 'data-field')).toBe('cols');
    await expect(page.textContent('[data-testid=filter-error]')).resolves.toContain('Rows and columns cannot both be');
    expect(errors).toEqual([]);
  });
});

describe('other roles', () => {
  it('the administrator and the origin\'s officer reach the page from the navigation', async () => {
    for (const who of ['admin', 'officer']) {
      await login(page, demo.nepal, who, password(demo, 'nepal', who));
      await page.click('nav a[href="/app/statistics"]');
      await page.waitForURL((u) => u.pathname === '/app/statistics');
      await settled(page);
      expect(await page.inputValue('select[name=release]')).toBe(latest);
      await page.locator('[data-testid=stats-table]').waitFor();
    }
    await check('statistics-officer-en');
  });

  it('an employer has no statistics page', async () => {
    await login(page, demo.kuwait, 'employer', password(demo, 'kuwait', 'employer'));
    expect(await page.locator('nav a[href="/app/statistics"]').count()).toBe(0);
    await goto(demo.kuwait, '/app/statistics');
    expect(await page.locator('[data-testid=stats-filters]').count()).toBe(0);
    await expect(page.textContent('main h1')).resolves.not.toContain('Statistics');
  });
});
