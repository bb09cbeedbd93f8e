// Wage protection, the border and the federation in a real browser against a real demo corridor:
// an employer uploads a payroll file with a planted underpayment and sees the finding, the worker
// sees the shortfall, the authority and the embassy see it in their queues; a border officer
// records crossings from machine-readable zones, a watchlisted traveller raises hits that are
// confirmed and dismissed with reasons; the federation view renders for officers and is refused
// to others; and no role sees what belongs to another. Every new page passes axe-core, fits a
// 360-pixel screen and is saved as a screenshot.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  catalog, checkPage, chooseLanguage, Client, corridor, launch, login, logout, newPage, password, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Allowance { kind: 'none' | 'cash' | 'in_kind'; amount?: { amount: string; currency: string } }
interface Terms {
  worker: string; employer: string; position: string;
  basic_wage: { amount: string; currency: string };
  housing: Allowance; food: Allowance; transport: Allowance;
}
interface Contract { id: string; state: string; active_from: string | null; terms: Terms }
interface Employer { id: string; registration_number: string; name: string }
interface Worker { id: string; family_name_latin: string; given_names_latin?: string; date_of_birth: string; sex: string; nationality: string; passport: { number: string; issuing_state: string; expiry?: string } }
interface Finding { code: string; worker: string; expected: string; actual: string; month: string }
interface PayrollFile { id: string; employer: string; month: string; version: number; current: boolean }
interface WageHistory { months: Array<{ month: string; employer: string; expected: string; paid: string; arrears: string; currency: string }> }
interface Hit { id: string; state: string; decision_reason: string; listed_name: string }

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];
let scratch: string;

async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

async function goto(base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await settled(page);
}

async function english(): Promise<void> {
  await chooseLanguage(page, 'en');
}

// ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A-Z as 10-35, '<' as 0.
function checkDigit(s: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  [...s].forEach((c, i) => {
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3];
  });
  return String(sum % 10);
}

// A TD3 (passport) zone for a registered worker, with every check digit computed.
function td3(w: Worker): string {
  const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);
  const name = `${w.family_name_latin.replace(/ /g, '<')}<<${(w.given_names_latin ?? '').replace(/ /g, '<')}`;
  const line1 = pad(`P<${w.passport.issuing_state}${name}`, 44);
  const number = pad(w.passport.number, 9);
  const dob = w.date_of_birth.slice(2).replace(/-/g, '');
  const expiry = (w.passport.expiry ?? '2032-01-01').slice(2).replace(/-/g, '');
  const optional = '<'.repeat(14);
  const a = number + checkDigit(number);
  const b = dob + checkDigit(dob);
  const c = expiry + checkDigit(expiry);
  const d = optional + '0';
  const line2 = `${a}${w.nationality}${b}${w.sex}${c}${d}${checkDigit(a + b + c + d)}`;
  return `${line1}\n${line2}`;
}

// The ICAO specimen passport (Doc 9303 part 4), valid check digits, expired in 2012.
const SPECIMEN = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

beforeAll(async () => {
  demo = await startDemo();
  scratch = mkdtempSync(join(tmpdir(), 'corridor-wages-'));
  // A national list naming the specimen's holder, imported into the running node's store: the
  // node screens against the versions it finds there.
  const list = join(scratch, 'wanted.csv');
  writeFileSync(list, 'list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,document_number,document_country,reason\n' +
    'PORTAL-TEST,1,person,Anna Maria Eriksson,,1974-08-12,,F,,,,court warrant 2026/1 (test list)\n');
  await corridor(['screen', 'import', '--store', `sqlite:${join(demo.dir, 'kuwait.db')}`, '--list', 'csv', list]);
  browser = await launch();
  ({ page, errors } = await newPage(browser));
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Shared across the steps: the file uploaded, its month, the worker paid short.
let month = '';
let fileId = '';
let currentId = '';  // the same file sent again: the version in force
let shortWorker = '';
let employerName = '';

// The days of a month "YYYY-MM".
function daysIn(m: string): number {
  const [y, mm] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mm, 0)).getUTCDate();
}

function nextMonth(m: string): string {
  const [y, mm] = m.split('-').map(Number);
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}

// Subtracts 20 from a decimal amount, keeping its decimals ("120.000" -> "100.000").
function minus20(amount: string): string {
  const decimals = (amount.split('.')[1] ?? '').length;
  return (Number(amount) - 20).toFixed(decimals);
}

describe('employer: payroll', () => {
  it('uploads an extended payroll file with an underpayment and sees the finding, with its progress', async () => {
    const api = await Client.login(demo, 'kuwait', 'employer');
    const me = await api.call<{ employer: string }>('GET', '/api/v1/me');
    const employer = await api.call<Employer>('GET', `/api/v1/employers/${me.employer}`);
    employerName = employer.name;
    const active = (await api.all<Contract>('/api/v1/contracts')).filter((c) => c.state === 'active' && c.terms.employer === me.employer);
    expect(active.length).toBeGreaterThan(0);
    // The first whole month of the first active contract.
    const target = active[0];
    const from = target.active_from ?? '';
    month = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
    shortWorker = target.terms.worker;
    const paid = `${nextMonth(month)}-05`;
    const allowance = (a: Allowance) => (a.kind === 'cash' ? a.amount!.amount : a.kind === 'in_kind' ? 'in_kind' : '');
    const header = 'contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,payment_channel,currency';
    const lines = active.map((c) => [
      c.id, c.terms.worker, employer.registration_number, month, daysIn(month), 0,
      c.id === target.id ? minus20(c.terms.basic_wage.amount) : c.terms.basic_wage.amount,
      allowance(c.terms.housing), allowance(c.terms.food), allowance(c.terms.transport), '', 0, 0, '', paid, 'bank',
      c.terms.basic_wage.currency,
    ].join(','));
    const csv = `${header}\n${lines.join('\n')}\n`;

    await login(page, demo.kuwait, 'employer', password(demo, 'kuwait', 'employer'));
    // This employer works in Arabic: the new sections read right to left.
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.waitForSelector('[data-testid=payroll-upload] form');
    await check('employer-payroll-ar');
    await english();

    // A SIF is told apart by content and asks for the day the salaries were credited.
    await page.setInputFiles('[data-testid=payroll-upload] input[type=file]', {
      name: 'wps.sif', mimeType: 'text/plain', buffer: Buffer.from('EDR,12345678901234,123456789,1234,2026-12-01,2026-12-31,31,100.000,0.000,0\n'),
    });
    await page.waitForSelector('input[name=paid_on]:visible');
    await page.setInputFiles('[data-testid=payroll-upload] input[type=file]', {
      name: `payroll-${month}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv),
    });
    await page.waitForSelector('input[name=paid_on]', { state: 'hidden' });
    await page.fill('input[name=month]', month);
    // Remember whether the progress bar showed while the file went and was checked.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=upload-progress]')) w.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.click('button[data-action=upload]');
    await page.waitForSelector('[data-testid=upload-report]');
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
    fileId = (await page.getAttribute('[data-testid=upload-report]', 'data-file'))!;
    expect(fileId).toMatch(/^PF-/);

    // The finding, as the node reports it, is on the screen: worker, month, rule, expected, actual.
    const report = await api.call<{ findings: Finding[] }>('GET', `/api/v1/payroll/files/${fileId}`);
    const planted = report.findings.find((f) => f.code === 'below_contract_basic' && f.worker === shortWorker)!;
    expect(planted).toBeTruthy();
    const row = page.locator('[data-testid=upload-report] tr', { has: page.locator('[data-code=below_contract_basic]') });
    await expect(row.count()).resolves.toBe(1);
    const text = (await row.textContent())!;
    const w = await api.call<Worker>('GET', `/api/v1/workers/${shortWorker}`);
    expect(text.toLowerCase()).toContain(w.family_name_latin.toLowerCase());
    expect(text).toContain(catalog('en')['finding.below_contract_basic'] as string);
    const [expected, currency] = planted.expected.split(' ');
    const actual = planted.actual.split(' ')[0];
    const money = (a: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(a));
    expect(text).toContain(money(expected));
    expect(text).toContain(money(actual));
    expect(text).toContain(new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`)));

    // The list of files has it, and the compliance chart and table count the worker paid short.
    await page.waitForSelector(`[data-testid=files-table] a[href="/app/payroll/${fileId}"]`);
    await page.waitForSelector('[data-testid=compliance] svg.chart-groups');
    const compliance = await api.call<{ months: Array<{ month: string; workers_short: number }> }>('GET', `/api/v1/employers/${me.employer}/compliance`);
    const cm = compliance.months.find((m) => m.month === month)!;
    expect(cm.workers_short).toBeGreaterThanOrEqual(1);
    const compRow = await page.locator('[data-testid=compliance-table] tbody tr', { has: page.locator(`a[href="/app/payroll/${fileId}"]`) }).textContent();
    expect(compRow).toContain(String(cm.workers_short));
    await check('employer-payroll-uploaded');

    // The same file again is version 2; both stay listed.
    await page.setInputFiles('[data-testid=payroll-upload] input[type=file]', { name: `payroll-${month}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('input[name=month]', month);
    await page.click('button[data-action=upload]');
    await page.waitForSelector(`[data-testid=upload-report]:not([data-file="${fileId}"])`);
    currentId = (await page.getAttribute('[data-testid=upload-report]', 'data-file'))!;
    const files = await api.all<PayrollFile>(`/api/v1/payroll/files?month=${month}`);
    const first = files.find((f) => f.id === fileId)!;
    const second = files.find((f) => f.id === currentId)!;
    expect(second.version).toBe(first.version + 1);
    expect([first.current, second.current]).toEqual([false, true]);
    await expect(page.locator('[data-testid=files-table] [data-current=false]').count()).resolves.toBeGreaterThanOrEqual(1);
  });

  it('opens the report of a file, with its versions and each worker\'s expected and paid', async () => {
    await goto(demo.kuwait, `/app/payroll/${fileId}`);
    await page.waitForSelector('[data-testid=file-findings] [data-code=below_contract_basic]');
    await page.waitForSelector('[data-testid=file-lines] tbody tr');
    await page.waitForSelector('[data-testid=file-versions] tbody tr >> nth=1');
    await check('employer-payroll-report');
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await expect(page.textContent('[data-testid=file-findings] [data-code=below_contract_basic]')).resolves.toContain(catalog('ar')['finding.below_contract_basic'] as string);
    await check('employer-payroll-report-ar');
    await english();
    await logout(page);
  });

  it('another employer sees neither the file nor the border', async () => {
    await login(page, demo.kuwait, 'employer2', password(demo, 'kuwait', 'employer2'));
    await english();
    await page.waitForSelector('[data-testid=payroll-files]');
    await expect(page.locator(`a[href="/app/payroll/${fileId}"]`).count()).resolves.toBe(0);
    await expect(page.textContent('main')).resolves.not.toContain(employerName);
    expect(await page.locator('[data-testid=record-crossing], [data-testid=hits-queue]').count()).toBe(0);
    // A file the node refuses says which line and field, and changes nothing.
    const api = await Client.login(demo, 'kuwait', 'employer2');
    const before = (await api.all<PayrollFile>('/api/v1/payroll/files')).length;
    await page.setInputFiles('[data-testid=payroll-upload] input[type=file]', {
      name: 'broken.csv', mimeType: 'text/csv',
      buffer: Buffer.from('contract_ref,worker_id,employer_id,month\nC-1,W-1,E-1,not-a-month\n'),
    });
    await page.fill('input[name=month]', month);
    await page.click('button[data-action=upload]');
    await page.waitForSelector('[data-testid=upload-outcome] [role=alert]');
    await expect(page.textContent('[data-testid=upload-outcome] [role=alert]')).resolves.toMatch(/line|column/i);
    expect((await api.all<PayrollFile>('/api/v1/payroll/files')).length).toBe(before);
    await check('employer2-payroll-refused');
    await goto(demo.kuwait, `/app/payroll/${fileId}`);
    await page.waitForSelector('[data-testid=payroll-missing]');
    await goto(demo.kuwait, '/app/federation');
    await page.waitForSelector('[data-testid=federation-refused]');
    await logout(page);
  });
});

describe('worker: wages', () => {
  it('sees the month paid short, as a chart and a table, and what is still owed', async () => {
    const api = await Client.login(demo, 'kuwait', 'worker');
    const me = await api.call<{ worker: string }>('GET', '/api/v1/me');
    expect(me.worker).toBe(shortWorker);
    const history = await api.call<WageHistory>('GET', `/api/v1/workers/${me.worker}/wages`);
    const m = history.months.find((x) => x.month === month)!;
    expect(Number(m.paid)).toBeLessThan(Number(m.expected));

    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    await page.waitForSelector('[data-testid=wages] svg.chart-groups');
    await check('worker-wages-ne');
    await english();
    const money = (a: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(Number(a));
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
    const row = (await page.locator('[data-testid=wages-table] tbody tr', { hasText: monthName }).textContent())!;
    expect(row).toContain(money(m.expected));
    expect(row).toContain(money(m.paid));
    expect(row).toContain(money(m.arrears));
    // What is still owed is the employer's latest month's arrears (they accumulate): later than
    // the short month once a later month's wages have fallen due.
    const latest = history.months.filter((x) => x.employer === m.employer).at(-1)!;
    await expect(page.textContent('[data-testid=arrears]')).resolves.toContain(money(latest.arrears));
    // The chart carries the same numbers.
    await expect(page.textContent('[data-testid=wages] figure')).resolves.toContain(money(m.paid));
    // The message about the finding leads to the worker's own line of the file.
    await page.waitForSelector(`[data-testid=messages] a[href="/app/payroll/${fileId}"]`);
    // No border queue and no federation for a worker.
    expect(await page.locator('[data-testid=hits-queue]').count()).toBe(0);
    expect(await page.locator('nav a[href="/app/federation"]').count()).toBe(0);
    await check('worker-wages');
    await goto(demo.kuwait, `/app/payroll/${fileId}`);
    await page.waitForSelector('[data-testid=file-findings] [data-code=below_contract_basic]');
    await check('worker-payroll-line');
    await goto(demo.kuwait, '/app/federation');
    await page.waitForSelector('[data-testid=federation-refused]');
    await check('worker-federation-refused');
    await logout(page);
  });
});

describe('authorities: wage queue, alerts, federation', () => {
  it('the destination officer sees the file in the wage queue and the federation view', async () => {
    await login(page, demo.kuwait, 'officer', password(demo, 'kuwait', 'officer'));
    await english();
    // The version in force is in the queue; the replaced one is not.
    const api = await Client.login(demo, 'kuwait', 'officer');
    await page.waitForSelector(`[data-testid=wage-queue] a[href="/app/payroll/${currentId}"]`);
    expect(await page.locator(`[data-testid=wage-queue] a[href="/app/payroll/${fileId}"]`).count()).toBe(0);
    await check('destination-officer-wage-queue');
    await page.click('nav a[href="/app/federation"]');
    await page.waitForSelector('[data-testid=federation-peers]');
    const peers = await api.call<{ items: unknown[] }>('GET', '/api/v1/federation/peers');
    await expect(page.locator('[data-testid=federation-peers] .peer').count()).resolves.toBe(peers.items.length);
    await page.waitForSelector('[data-testid=federation-messages] [data-testid=messages] :is(table, .empty)');
    await page.waitForSelector('[data-testid=federation-refusals]');
    await check('destination-officer-federation');
    await page.selectOption('[data-testid=federation-messages] select[name=direction]', 'received');
    await page.waitForSelector('[data-testid=federation-messages] [data-testid=messages] :is(table, .empty)');
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await check('destination-officer-federation-ar');
    await english();
    await logout(page);
  });

  it('the origin officer sees the federation view and the wage alerts', async () => {
    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await page.waitForSelector('[data-testid=wage-alerts]');
    await english();
    await page.click('nav a[href="/app/federation"]');
    await page.waitForSelector('[data-testid=federation-peers]');
    await page.waitForSelector('[data-testid=federation-refusals]');
    await check('origin-officer-federation');
    await logout(page);
  });

  it('the embassy sees its national owed wages', async () => {
    await login(page, demo.kuwait, 'embassy', password(demo, 'kuwait', 'embassy'));
    await english();
    await page.waitForSelector('[data-testid=wage-alerts]');
    await page.waitForSelector(`[data-testid=owed-table] a[href="/app/worker/${shortWorker}"]`);
    await check('embassy-wage-alerts');
    // The national's page shows the wages month by month.
    await goto(demo.kuwait, `/app/worker/${shortWorker}`);
    await page.waitForSelector('[data-testid=wages] [data-testid=wages-table]');
    await check('embassy-worker-wages');
    expect(await page.locator('nav a[href="/app/federation"]').count()).toBe(0);
    await logout(page);
  });
});

describe('border officer', () => {
  it('records a registered worker\'s entry from her passport zone', async () => {
    const officer = await Client.login(demo, 'kuwait', 'officer');
    const sita = await officer.call<Worker>('GET', `/api/v1/workers/${shortWorker}`);
    await login(page, demo.kuwait, 'border', password(demo, 'kuwait', 'border'));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.waitForSelector('[data-testid=record-crossing] textarea[name=mrz]');
    await check('border-home-ar');
    await english();
    await page.fill('input[name=port]', 'KWI airport');
    // Typed with spaces and in lower case, as a hurried officer might: the zone is cleaned.
    await page.fill('textarea[name=mrz]', td3(sita).toLowerCase().replace(/^(.{10})/gm, '$1 '));
    await page.selectOption('[data-testid=record-crossing] select[name=direction]', 'entry');
    await page.click('button[data-action=record-crossing]');
    await page.waitForSelector('[data-testid=crossing-outcome]');
    const codes = await page.$$eval('[data-testid=crossing-findings] li', (lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes).toContain('registered_worker');
    expect(codes).toContain('permit_active');
    await page.waitForSelector(`[data-testid=crossing-outcome] a[href="/app/worker/${sita.id}"]`);
    await check('border-crossing-registered');
  });

  it('a watchlisted traveller raises a hit, confirmed with a reason; a second is dismissed from the queue', async () => {
    const api = await Client.login(demo, 'kuwait', 'border');
    const before = (await api.all<Hit>('/api/v1/screening/hits')).length;
    await page.fill('textarea[name=mrz]', SPECIMEN);
    await page.click('button[data-action=record-crossing]');
    await page.waitForSelector('[data-testid=crossing-hits]');
    const codes = await page.$$eval('[data-testid=crossing-findings] li', (lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['not_registered', 'document_expired']));
    const card = page.locator('[data-testid=crossing-outcome] .hit').first();
    await expect(card.getAttribute('data-state')).resolves.toBe('pending');
    await expect(card.textContent()).resolves.toContain('Anna Maria Eriksson');
    await check('border-hit-raised');
    // A decision needs a reason.
    await card.locator('button[data-action=confirm-hit]').click();
    await card.locator('[role=alert]').waitFor();
    await card.locator('textarea[name=reason]').fill('Photo and date of birth match the warrant; held for the police.');
    await card.locator('button[data-action=confirm-hit]').click();
    await page.waitForSelector('[data-testid=crossing-outcome] .hit[data-state=confirmed]');
    const hitId = await card.getAttribute('data-hit');
    const entryCrossing = await page.getAttribute('[data-testid=crossing-outcome]', 'data-crossing');

    // The same traveller leaves: a second hit, decided from the queue after a reload. The entry's
    // outcome is still on the page until the exit's replaces it.
    await page.selectOption('[data-testid=record-crossing] select[name=direction]', 'exit');
    await page.fill('textarea[name=mrz]', SPECIMEN);
    await page.click('button[data-action=record-crossing]');
    await page.waitForSelector(`[data-testid=crossing-outcome]:not([data-crossing="${entryCrossing}"]) [data-testid=crossing-hits]`);
    const exitCrossing = await page.getAttribute('[data-testid=crossing-outcome]', 'data-crossing');
    await page.reload();
    await settled(page);
    const queued = page.locator(`[data-testid=hits] .hit[data-state=pending][data-crossing="${exitCrossing}"]`);
    await expect(queued.count()).resolves.toBe(1);
    await expect(page.locator(`[data-testid=hits] .hit[data-hit="${hitId}"]`).count()).resolves.toBe(0);
    await page.waitForSelector('[data-testid=watchlists] td >> text=PORTAL-TEST');
    await page.waitForSelector('[data-testid=overstays]');
    await check('border-queue');
    const second = queued.first();
    const secondId = await second.getAttribute('data-hit');
    await second.locator('textarea[name=reason]').fill('Different person: the passport photo does not match the listing.');
    await second.locator('button[data-action=dismiss-hit]').click();
    await page.waitForSelector(`[data-testid=hits] .hit[data-hit="${secondId}"][data-state=dismissed]`);
    await check('border-hit-dismissed');

    const hits = await api.all<Hit>('/api/v1/screening/hits');
    expect(hits.length).toBe(before + 2);
    const one = hits.find((x) => x.id === hitId)!;
    const two = hits.find((x) => x.id === secondId)!;
    expect(one.state).toBe('confirmed');
    expect(one.decision_reason).toContain('held for the police');
    expect(two.state).toBe('dismissed');
    expect(two.decision_reason).toContain('does not match');
  });

  it('a zone with a wrong check digit is refused with the check named, and nothing is recorded', async () => {
    const api = await Client.login(demo, 'kuwait', 'border');
    const before = (await api.all<{ id: string }>('/api/v1/crossings')).length;
    await page.fill('textarea[name=mrz]', SPECIMEN.replace('7408122', '7408123'));
    await page.click('button[data-action=record-crossing]');
    await page.waitForSelector('[data-testid=record-crossing] [role=alert]');
    await expect(page.textContent('[data-testid=record-crossing] [role=alert]')).resolves.toContain('check');
    expect((await api.all<{ id: string }>('/api/v1/crossings')).length).toBe(before);
    await page.waitForSelector('[data-testid=record-crossing] input[name=accept_invalid_reason]:visible');
    expect(await page.locator('nav a[href="/app/federation"]').count()).toBe(0);
    await logout(page);
  });
});
