// Departure clearance in a real browser against a real demo corridor (docs/formats/clearance.md):
// the origin's officer opens the queue of attested contracts not yet cleared, opens the contract
// whose clearance was revoked, records a new insurance policy (a policy whose cover has ended is
// refused beside its field and changes nothing) and the medical fitness the check says is missing,
// and issues the clearance once the node offers it; the worker sees it on her home with its
// printable document; the officer revokes it with a reason, and the contract is back in the queue.
// Every page passes axe-core and fits 360 pixels, and is screenshotted in English and Arabic.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  Client, axe, chooseLanguage, describeViolations, horizontalOverflow, launch, login, newPage,
  password, screenshot, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Requirement { requirement: string; met: boolean; detail: string }
interface QueueItem {
  contract: string; worker: string; ready: boolean; missing: Requirement[];
  last_clearance: { id: string; standing: string } | null; allowed_actions: string[];
}
interface Check { ready: boolean; requirements: Requirement[]; allowed_actions: string[] }
interface Clearance { id: string; contract: string; state: string; valid: boolean; allowed_actions: string[] }
interface Policy { id: string }

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];

async function check(name: string): Promise<void> {
  await settled(page);
  await screenshot(page, name);
  const violations = await axe(page);
  expect(violations, `axe on ${name}:\n${describeViolations(violations)}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
  expect(errors, `page errors on ${name}`).toEqual([]);
}

async function language(code: string): Promise<void> {
  await chooseLanguage(page, code);
  expect(await page.getAttribute('html', 'dir')).toBe(code === 'ar' ? 'rtl' : 'ltr');
}

async function goto(base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await settled(page);
}

// Runs `act` and waits until the portal rendered the page again (an action refreshes it).
async function rerendered(act: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate(() => Number(document.body.dataset.render ?? 0));
  await act();
  await page.waitForFunction((n) => Number(document.body.dataset.render ?? 0) > n, before);
  await settled(page);
}

// The node's UTC day, and a day `n` days from it.
const day = (n = 0) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  demo = await startDemo();
  browser = await launch();
  ({ page, errors } = await newPage(browser));
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

let contract = '';  // Maya's contract: its clearance was revoked when the insurer cancelled her policy
let worker = '';
let clearance = '';
const MAYA = { username: 'maya', password: 'a long enough password for Maya' };

describe('origin officer', () => {
  it('opens the queue: attested contracts not yet cleared, each with what it lacks', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    const queue = await api.all<QueueItem>('/api/v1/clearances/queue');
    const maya = queue.find((i) => i.last_clearance?.standing === 'revoked');
    expect(maya, 'the demo revoked one clearance').toBeTruthy();
    contract = maya!.contract;
    worker = maya!.worker;
    // Her old examination is too old now; the rest still holds.
    expect(maya!.missing.map((m) => m.requirement)).toEqual(['medical']);
    expect(maya!.allowed_actions).not.toContain('issue_clearance');

    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await language('en');
    await page.click('nav a[href="/app/clearances"]');
    await settled(page);
    expect(await page.locator('[data-queue=clearance] tbody tr').count()).toBe(queue.length);
    const row = page.locator('[data-queue=clearance] tbody tr', { has: page.locator(`a[href="/app/contract/${contract}"]`) });
    await expect(row.locator('[data-missing]').getAttribute('data-missing')).resolves.toBe('medical');
    await expect(row.locator('[data-status=revoked]').count()).resolves.toBe(1);
    await check('clearance-queue-en');
    await language('ar');
    await check('clearance-queue-ar');
    await language('en');

    await row.locator(`a[href="/app/contract/${contract}"]`).click();
    await page.waitForURL(`**/app/contract/${contract}`);
    await settled(page);
    const panel = page.locator('[data-testid=clearance]');
    await expect(panel.locator('[data-requirement=medical]').getAttribute('data-met')).resolves.toBe('false');
    await expect(panel.locator('[data-requirement=insurance]').getAttribute('data-met')).resolves.toBe('true');
    // The revoked clearance is shown; no step to issue yet, only the forms the node offers.
    await expect(panel.locator('.clearance').getAttribute('data-standing')).resolves.toBe('revoked');
    expect(await page.locator('button[data-action=issue-clearance]').count()).toBe(0);
    expect(await page.locator('[data-testid=revoke]').count()).toBe(0);
    for (const form of ['record-orientation', 'record-insurance', 'record-medical']) {
      expect(await panel.locator(`[data-testid=${form}]`).count(), form).toBe(1);
    }
    // What is missing is open; the rest is folded.
    expect(await panel.locator('[data-testid=record-medical]').getAttribute('open')).not.toBeNull();
    expect(await panel.locator('[data-testid=record-insurance]').getAttribute('open')).toBeNull();
    await check('clearance-contract-lacking-en');
  });

  it('records a new policy: one whose cover has ended is refused beside its field', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    const before = await api.all<Policy>(`/api/v1/contracts/${contract}/insurance`);
    const form = page.locator('[data-testid=record-insurance-form]');
    await page.click('[data-testid=record-insurance] summary');
    await form.locator('input[name=insurer]').fill('Himalayan Everest Insurance (synthetic)');
    await form.locator('input[name=policy_number]').fill('HEI-2026-0077');
    await form.locator('input[name=cover_from]').fill(day(-30));
    await form.locator('input[name=cover_until]').fill(day(-1));
    await form.locator('input[name=sum_insured]').fill('2500000');
    await form.locator('input[name=currency]').fill('NPR');
    await page.click('button[data-action=record-insurance]');
    const refusal = page.locator('[data-field-error=cover_until]');
    await refusal.waitFor();
    expect(await form.locator('input[name=cover_until]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('cover_until');
    expect((await api.all<Policy>(`/api/v1/contracts/${contract}/insurance`)).length).toBe(before.length);
    await check('clearance-insurance-refused-en');
    await language('ar');
    await check('clearance-insurance-refused-ar');
    await language('en');

    // Corrected: the policy covers the contract's whole term. The change of language drew the
    // page again, with the form folded and empty.
    if ((await page.locator('[data-testid=record-insurance]').getAttribute('open')) === null) {
      await page.click('[data-testid=record-insurance] summary');
    }
    await form.locator('input[name=insurer]').fill('Himalayan Everest Insurance (synthetic)');
    await form.locator('input[name=policy_number]').fill('HEI-2026-0077');
    await form.locator('input[name=cover_from]').fill(day(-30));
    await form.locator('input[name=cover_until]').fill('2031-12-31');
    await form.locator('input[name=sum_insured]').fill('2500000');
    await form.locator('input[name=currency]').fill('NPR');
    await rerendered(() => page.click('button[data-action=record-insurance]'));
    expect((await api.all<Policy>(`/api/v1/contracts/${contract}/insurance`)).length).toBe(before.length + 1);
  });

  it('records the medical fitness that was missing, then issues the clearance the node offers', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    const form = page.locator('[data-testid=record-medical-form]');
    await form.locator('input[name=centre]').fill('Kathmandu Health Check Centre');
    await form.locator('input[name=examined_on]').fill(day(-1));
    await form.locator('select[name=outcome]').selectOption('fit');
    await rerendered(() => page.click('button[data-action=record-medical]'));
    await page.waitForSelector('button[data-action=issue-clearance]');
    const ready = await api.call<Check>('GET', `/api/v1/contracts/${contract}/clearance-check`);
    expect(ready.ready).toBe(true);
    expect(ready.allowed_actions).toContain('issue_clearance');
    expect(await page.locator('[data-testid=requirements] [data-met=false]').count()).toBe(0);
    await check('clearance-contract-ready-en');

    await rerendered(() => page.click('button[data-action=issue-clearance]'));
    await page.waitForSelector('[data-testid=clearance] .clearance[data-standing=valid]');
    const issued = (await api.all<Clearance>(`/api/v1/clearances?contract=${contract}`)).find((c) => c.valid);
    expect(issued).toBeTruthy();
    clearance = issued!.id;
    await expect(page.textContent('[data-testid=clearance] [data-clearance-id]')).resolves.toBe(clearance);
    expect(await page.locator('button[data-action=issue-clearance]').count()).toBe(0);
    expect(await page.locator('[data-testid=revoke]').count()).toBe(1);
    expect(await page.getAttribute(`[data-testid=clearance] a[data-verify="${clearance}"]`, 'href')).toBe(`/verify/${clearance}`);
    // Cleared: out of the queue.
    expect((await api.all<QueueItem>('/api/v1/clearances/queue')).map((i) => i.contract)).not.toContain(contract);
    await check('clearance-issued-en');
    await language('ar');
    await check('clearance-issued-ar');
    await language('en');
  });
});

describe('the worker', () => {
  it('sees her clearance on her home, valid, with its printable document', async () => {
    expect(clearance).not.toBe('');
    const admin = await Client.login(demo, 'nepal', 'admin');
    await admin.call('POST', '/api/v1/accounts', {
      username: MAYA.username, password: MAYA.password, role: 'worker', worker,
      display_name: 'Maya', language: 'en',
    });
    await login(page, demo.nepal, MAYA.username, MAYA.password);
    await language('en');
    const mine = page.locator('[data-testid=my-clearance]');
    await mine.locator(`.clearance[data-clearance="${clearance}"][data-standing=valid]`).waitFor();
    expect(await mine.locator('[data-testid=revoke]').count()).toBe(0);
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page'),
      mine.locator('button[data-action=clearance-document]').first().click(),
    ]);
    await tab.waitForURL((u) => u.protocol === 'blob:');
    await tab.waitForLoadState();
    await expect(tab.content()).resolves.toContain(clearance);
    await tab.close();
    await check('clearance-worker-home-en');
    await language('ar');
    await check('clearance-worker-home-ar');
    await language('en');
    // Her contract's page shows it too, with what it required; she records nothing.
    await goto(demo.nepal, `/app/contract/${contract}`);
    await page.locator(`[data-testid=clearance] .clearance[data-clearance="${clearance}"]`).waitFor();
    expect(await page.locator('[data-testid=requirements] li').count()).toBe(6);
    expect(await page.locator('[data-testid^=record-], button[data-action=issue-clearance], [data-testid=revoke]').count()).toBe(0);
    await check('clearance-worker-contract-en');
  });
});

describe('origin officer, again', () => {
  it('revokes the clearance with a reason; a missing explanation is refused beside it', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await language('en');
    await goto(demo.nepal, `/app/contract/${contract}`);
    await page.click('[data-testid=revoke] summary');
    await page.selectOption('[data-testid=revoke-form] select[name=reason]', 'issued_in_error');
    await page.click('button[data-action=revoke-clearance]');  // confirmed in the dialog
    await page.locator('[data-field-error=note]').waitFor();
    expect((await api.call<Clearance>('GET', `/api/v1/clearances/${clearance}`)).state).toBe('issued');
    await check('clearance-revoke-refused-en');
    await page.fill('[data-testid=revoke-form] textarea[name=note]', 'issued before the new policy was confirmed');
    await rerendered(() => page.click('button[data-action=revoke-clearance]'));
    await page.waitForSelector(`[data-testid=clearance] .clearance[data-clearance="${clearance}"][data-standing=revoked]`);
    const revoked = await api.call<Clearance>('GET', `/api/v1/clearances/${clearance}`);
    expect(revoked).toMatchObject({ state: 'revoked', valid: false, allowed_actions: [] });
    expect(await page.locator('[data-testid=revoke]').count()).toBe(0);
    // Back in the queue, ready to be cleared again.
    const back = (await api.all<QueueItem>('/api/v1/clearances/queue')).find((i) => i.contract === contract);
    expect(back).toMatchObject({ ready: true, last_clearance: { id: clearance, standing: 'revoked' } });
    await check('clearance-revoked-en');
    await goto(demo.nepal, '/app/clearances');
    await expect(page.locator(`[data-queue=clearance] a[href="/app/contract/${contract}"]`).count()).resolves.toBe(1);
    await language('ar');
    await check('clearance-queue-after-ar');
  });

  it('the queue is the origin officer\'s: others are told the page is not theirs', async () => {
    await login(page, demo.nepal, MAYA.username, MAYA.password);
    expect(await page.locator('nav a[href="/app/clearances"]').count()).toBe(0);
    await goto(demo.nepal, '/app/clearances');
    expect(await page.locator('[data-queue=clearance]').count()).toBe(0);
    await check('clearance-queue-not-hers-en');
    const border = await Client.login(demo, 'nepal', 'border');
    await expect(border.call('GET', '/api/v1/clearances/queue')).rejects.toThrow(/: 403 /);
  });
});
