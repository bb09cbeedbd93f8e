// Watchlist imports in a real browser against a real demo corridor: the administrator imports a
// national list made here, watching the upload's progress and then the import, and sees what
// each list gained; a file with an error is refused naming its line and changes nothing; the
// border officer's next crossing is screened against the new list; a worker cannot reach the
// page. Every page passes axe-core, fits a 360-pixel screen and is saved as a screenshot.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage, chooseLanguage, Client, launch, login, logout, newPage, password, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Version { list_id: string; version: number; entries: number; digest: string }

const HEADER = 'list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,document_number,document_country,reason\n';
// The ICAO specimen passport (Doc 9303 part 4), valid check digits, expired in 2012.
const SPECIMEN = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];
let scratch: string;

async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

// Records, from inside the page, each stage the import's outcome area went through.
async function watchStages(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { stages: string[] };
    w.stages = [];
    const out = document.querySelector('[data-testid=import-outcome]')!;
    new MutationObserver(() => {
      const note = (s: string) => {
        if (w.stages[w.stages.length - 1] !== s) w.stages.push(s);
      };
      if (out.querySelector('[data-testid=import-progress]')) {
        note((out as HTMLElement).dataset.stage === 'importing' ? 'importing' : 'sending');
      }
    }).observe(out, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}

const stages = () => page.evaluate(() => (window as unknown as { stages: string[] }).stages);

async function lists(): Promise<Version[]> {
  const api = await Client.login(demo, 'kuwait', 'admin');
  return api.all<Version>('/api/v1/watchlists');
}

beforeAll(async () => {
  demo = await startDemo();
  scratch = mkdtempSync(join(tmpdir(), 'corridor-lists-'));
  browser = await launch();
  ({ page, errors } = await newPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('administrator', () => {
  it('imports a national list with its progress and sees what it added', async () => {
    const before = await lists();
    expect(before.map((l) => l.list_id)).not.toContain('PORTAL-IMPORT');
    // Many entries, so the upload has something to show progress of; the specimen's holder among
    // them.
    let rows = 'PORTAL-IMPORT,1,person,Anna Maria Eriksson,,1974-08-12,,F,,,,court warrant 2026/9 (test list)\n';
    for (let i = 2; i <= 3000; i += 1) {
      rows += `PORTAL-IMPORT,${i},document,,,,,,passport,TST${String(i).padStart(6, '0')},NPL,reported stolen (test list)\n`;
    }
    const file = join(scratch, 'portal-import.csv');
    writeFileSync(file, HEADER + rows);

    await login(page, demo.kuwait, 'admin', password(demo, 'kuwait', 'admin'));
    await page.waitForSelector('[data-testid=import-watchlist] form');
    await page.waitForSelector('nav a[href="/app/watchlists"]');
    await check('admin-home-watchlists');
    await page.selectOption('[data-testid=import-watchlist] select[name=format]', 'csv');
    await page.setInputFiles('[data-testid=import-watchlist] input[name=file]', file);
    await watchStages();
    await page.click('button[data-action=import]');
    await page.waitForSelector('[data-testid=import-result]');
    // The bar showed the upload, then the node's work.
    expect(await stages()).toEqual(expect.arrayContaining(['importing']));
    const row = page.locator('[data-testid=import-result-table] tbody tr', { hasText: 'PORTAL-IMPORT' });
    await expect(row.count()).resolves.toBe(1);
    const cells = await row.locator('td').allTextContents();
    // list, version, entries, added, changed, removed, replaces, digest
    expect(cells.slice(0, 7)).toEqual(['PORTAL-IMPORT', '1', '3,000', '3,000', '0', '0', 'new list']);
    await page.waitForSelector('[data-testid=watchlists] td >> text=PORTAL-IMPORT');
    await check('admin-import-result');

    const after = await lists();
    const imported = after.find((l) => l.list_id === 'PORTAL-IMPORT')!;
    expect(imported.entries).toBe(3000);
    expect(cells[7]).toBe(imported.digest.slice(0, 16));
    expect(after.length).toBe(before.length + 1);
    // The format stays chosen for the next file.
    await expect(page.inputValue('[data-testid=import-watchlist] select[name=format]')).resolves.toBe('csv');

    // The same page right to left.
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.selectOption('[data-testid=import-watchlist] select[name=format]', 'ofac-csv');
    await page.waitForSelector('[data-testid=import-watchlist] input[name=alias]', { state: 'visible' });
    await check('admin-watchlists-ar');
    await chooseLanguage(page, 'en');
  });

  it('a file with an error is refused naming its line, and nothing changes', async () => {
    const before = await lists();
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, HEADER +
      'PORTAL-IMPORT,1,person,Anna Maria Eriksson,,1974-08-12,,F,,,,x\n' +
      'PORTAL-IMPORT,2,person,Someone Else,,1974-13-40,,F,,,,y\n');
    await page.goto(`${demo.kuwait}/app/watchlists`);
    await settled(page);
    await page.selectOption('[data-testid=import-watchlist] select[name=format]', 'csv');
    await page.setInputFiles('[data-testid=import-watchlist] input[name=file]', bad);
    await page.click('button[data-action=import]');
    const alert = page.locator('[data-testid=import-outcome] [role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('bad.csv: line 3: date_of_birth');
    await check('admin-import-refused');
    expect(await lists()).toEqual(before);
    await logout(page);
  });
});

describe('border officer', () => {
  it('screens the next crossing against the imported list', async () => {
    await login(page, demo.kuwait, 'border', password(demo, 'kuwait', 'border'));
    await chooseLanguage(page, 'en');
    await page.waitForSelector('[data-testid=watchlists] td >> text=PORTAL-IMPORT');
    await page.fill('input[name=port]', 'KWI airport');
    await page.fill('textarea[name=mrz]', SPECIMEN);
    await page.selectOption('[data-testid=record-crossing] select[name=direction]', 'entry');
    await page.click('button[data-action=record-crossing]');
    await page.waitForSelector('[data-testid=crossing-hits]');
    const card = page.locator('[data-testid=crossing-outcome] .hit').first();
    await expect(card.textContent()).resolves.toContain('Anna Maria Eriksson');
    await expect(card.textContent()).resolves.toContain('PORTAL-IMPORT');
    await expect(page.locator('[data-testid=import-watchlist]').count()).resolves.toBe(0);
    await check('border-screened-against-import');
    await logout(page);
  });
});

describe('worker', () => {
  it('cannot reach the page nor import through the API', async () => {
    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    await expect(page.locator('nav a[href="/app/watchlists"]').count()).resolves.toBe(0);
    await page.goto(`${demo.kuwait}/app/watchlists`);
    await settled(page);
    await expect(page.locator('[data-testid=import-watchlist]').count()).resolves.toBe(0);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(1);
    await check('worker-watchlists-refused');
    const api = await Client.login(demo, 'kuwait', 'worker');
    const r = await fetch(`${demo.kuwait}/api/v1/watchlists/imports?format=csv`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${(api as unknown as { token: string }).token}` },
      body: `${HEADER}X,1,person,A B,,,,,,,,x\n`,
    });
    expect(r.status).toBe(403);
    await logout(page);
  });
});
