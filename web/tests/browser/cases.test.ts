// Protection in a real browser against a real demo corridor (docs/formats/cases.md): a worker
// reports a problem from a 360-pixel phone in three steps and is acknowledged with its reference,
// follows it and answers the case team without ever being shown who handles it; the caseworker
// opens the most urgent case of her queue (ordered by the node) and takes a step its
// allowed_actions offer; the supervisor triages the intake queue; the hotline records a tip; the
// embassy sees its nationals' cases; and a reader who may not see a case gets exactly the page of
// a missing one. Every page passes axe-core, fits 360 pixels, and is screenshotted in English and
// Arabic.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage, chooseLanguage, Client, launch, login, newPage, password, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Case {
  id: string; state: string; next_due: string | null; assignee: string;
  allowed_actions: string[]; actions: Array<{ id: string; done: boolean }>;
}
interface Complaint { id: string; reference: string; text: string; state: string; case: string | null }
interface Message { from: string; text: string; author?: string }

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];

async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

async function language(code: string): Promise<void> {
  await chooseLanguage(page, code);
  expect(await page.getAttribute('html', 'dir')).toBe(code === 'ar' ? 'rtl' : 'ltr');
}

async function goto(base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await settled(page);
}

// The visible text of the main region.
async function mainText(): Promise<string> {
  return (await page.textContent('main')) ?? '';
}

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

let reference = '';

describe('worker: report a problem', () => {
  it('files a complaint in three steps on a 360-pixel phone and is acknowledged with its reference', async () => {
    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    await language('en');
    // Her home lists the complaint she filed before, and the way to report another.
    await page.waitForSelector('[data-testid=my-complaints] li[data-complaint]');
    await page.click('nav a[href="/app/report"]');
    await settled(page);
    expect(await page.textContent('[data-testid=step]')).toContain('1');
    await check('worker-report-step1-en');
    // Nothing chosen: the step says so and does not move on.
    await page.click('button[data-action=next]');
    await page.waitForSelector('[data-testid=report-form] [role=alert]');
    await page.check('input[name=category][value=unpaid_wages]');
    await page.check('input[name=category][value=excessive_hours]');
    await page.click('button[data-action=next]');
    await page.waitForSelector('textarea[name=text]:visible');
    await page.fill('textarea[name=text]', 'I work from six in the morning to midnight and the overtime is never paid.');
    await page.click('button[data-action=next]');
    await page.waitForSelector('textarea[name=safe_contact]:visible');
    await page.fill('textarea[name=safe_contact]', 'Sundays after 8 pm');
    await check('worker-report-step3-en');
    await page.click('button[data-action=send-complaint]');
    await page.waitForSelector('[data-testid=acknowledgement]');
    reference = (await page.textContent('[data-testid=acknowledgement] [data-testid=reference]'))!.trim();
    expect(reference).toMatch(/^CP-[A-Za-z0-9]{16}$/);
    await check('worker-acknowledged-en');

    // The node holds exactly what she said, under that reference, waiting for triage.
    const sita = await Client.login(demo, 'kuwait', 'worker');
    const own = await sita.call<Complaint & { progress: string }>('GET', `/api/v1/complaints/${reference}`);
    expect(own.text).toContain('overtime is never paid');
    expect(own.progress).toBe('received');

    // The same in Arabic, right to left, still within 360 pixels.
    await goto(demo.kuwait, '/app/report');
    await language('ar');
    await check('worker-report-step1-ar');
  });

  it('follows her complaint and answers the case team, never shown who handles it', async () => {
    await language('en');
    await goto(demo.kuwait, '/');
    // The complaint she filed earlier (the demo's), answered by the case team.
    const sita = await Client.login(demo, 'kuwait', 'worker');
    const mine = await sita.all<Complaint & { progress: string }>('/api/v1/complaints');
    const answered = [];
    for (const c of mine) {
      const msgs = await sita.call<{ items: Message[] }>('GET', `/api/v1/complaints/${c.id}/messages`);
      if (msgs.items.some((m) => m.from === 'case_team')) answered.push(c.id);
    }
    expect(answered.length).toBe(1);
    await page.click(`[data-testid=my-complaints] li[data-complaint="${answered[0]}"] a`);
    await settled(page);
    expect(await page.getAttribute('article.complaint', 'data-complaint')).toBe(answered[0]);
    await page.waitForSelector('[data-testid=messages] li[data-from=case_team]');
    await page.fill('textarea[name=message]', 'Thank you. Sunday evening is best.');
    await page.click('button[data-action=post-message]');
    await page.waitForSelector('[data-testid=messages] li[data-from=worker]');
    await check('worker-complaint-en');
    // No account of the case team is named anywhere on her page.
    const staff = await Client.login(demo, 'kuwait', 'casesupervisor');
    const handlers = await staff.call<{ items: Message[] }>('GET', `/api/v1/complaints/${answered[0]}/messages`);
    const authors = handlers.items.filter((m) => m.from === 'case_team').map((m) => m.author!);
    expect(authors.length).toBeGreaterThan(0);
    const text = await mainText();
    for (const a of authors) expect(text).not.toContain(a);
    expect(text).not.toContain('casesupervisor');
    await language('ar');
    await check('worker-complaint-ar');
  });
});

describe('caseworker: her queue and a case', () => {
  it('opens the most urgent case of her queue and takes a step it allows', async () => {
    await login(page, demo.kuwait, 'caseworker', password(demo, 'kuwait', 'caseworker'));
    await language('en');
    const api = await Client.login(demo, 'kuwait', 'caseworker');
    // The queue shows the node's order: the nearest deadline first, closed cases last.
    const queue = (await api.call<{ items: Case[] }>('GET', '/api/v1/cases?order=due')).items;
    expect(queue.length).toBeGreaterThanOrEqual(2);
    expect(queue[queue.length - 1].state).toBe('closed');
    const shown = await page.$$eval('[data-queue=cases] tbody tr td:first-child a', (as) => as.map((a) => a.textContent?.trim()));
    expect(shown).toEqual(queue.map((k) => k.id));
    await check('caseworker-queue-en');
    await page.click('[data-queue=cases] tbody tr:first-child td:first-child a');
    await settled(page);
    const k = queue[0];
    expect(await page.getAttribute('article.case', 'data-case')).toBe(k.id);
    // Exactly the steps the node offers: add and complete actions, assess, close; never assign.
    expect(k.allowed_actions).toContain('complete_action');
    expect(k.allowed_actions).not.toContain('assign');
    expect(await page.locator('button[data-action=assign]').count()).toBe(0);
    expect(await page.locator('button[data-action=complete-action]').count()).toBe(k.actions.filter((a) => !a.done).length);
    await check('caseworker-case-en');
    const open = k.actions.find((a) => !a.done)!;
    await page.fill(`input[name="note-${open.id}"]`, 'Payslips received; the shortfall is confirmed.');
    await page.click(`li[data-action-id="${open.id}"] button[data-action=complete-action]`);
    await page.waitForSelector(`li[data-action-id="${open.id}"][data-done=true]`);
    const after = await api.call<Case>('GET', `/api/v1/cases/${k.id}`);
    expect(after.actions.find((a) => a.id === open.id)!.done).toBe(true);
    await language('ar');
    await check('caseworker-case-ar');
  });

  it('a reader who may not see a case gets the same page as for a missing one', async () => {
    const api = await Client.login(demo, 'kuwait', 'caseworker');
    const theirs = (await api.call<{ items: Case[] }>('GET', '/api/v1/cases?order=due')).items[0].id;
    await login(page, demo.kuwait, 'investigator', password(demo, 'kuwait', 'investigator'));
    await language('en');
    await goto(demo.kuwait, `/app/case/${theirs}`);
    await page.waitForSelector('[data-testid=case-missing]');
    const refused = (await mainText()).replace(theirs, '#');
    const missingId = 'CS-AAAAAAAAAAAAAAAA';
    await goto(demo.kuwait, `/app/case/${missingId}`);
    await page.waitForSelector('[data-testid=case-missing]');
    expect((await mainText()).replace(missingId, '#')).toBe(refused);
    await check('investigator-case-refused-en');
    // The worker herself is no reader of cases either.
    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    await language('en');
    await goto(demo.kuwait, `/app/case/${theirs}`);
    await page.waitForSelector('[data-testid=case-missing]');
    expect((await mainText()).replace(theirs, '#')).toBe(refused);
  });
});

describe('supervisor, investigator, hotline and embassy', () => {
  it('the supervisor opens a case from the worker\'s complaint and assigns it', async () => {
    await login(page, demo.kuwait, 'casesupervisor', password(demo, 'kuwait', 'casesupervisor'));
    await language('en');
    await page.waitForSelector(`[data-queue=intake] a[href="/app/complaint/${reference}"]`);
    await check('supervisor-home-en');
    await page.click(`[data-queue=intake] a[href="/app/complaint/${reference}"]`);
    await settled(page);
    await check('supervisor-complaint-en');
    await page.click('button[data-action=open-case]');
    await page.waitForSelector('article.case[data-state=intake]');
    await settled(page);
    const caseId = (await page.getAttribute('article.case', 'data-case'))!;
    await page.selectOption('select[name=assignee]', { label: 'Caseworker (Caseworker)' });
    await page.click('button[data-action=assign]');
    await page.waitForSelector('article.case[data-state=in_progress]');
    const api = await Client.login(demo, 'kuwait', 'caseworker');
    const k = await api.call<Case>('GET', `/api/v1/cases/${caseId}`);
    expect(k.state).toBe('in_progress');
    await check('supervisor-case-en');
    await language('ar');
    await check('supervisor-case-ar');
  });

  it('the investigator sees her flagged case first', async () => {
    await login(page, demo.kuwait, 'investigator', password(demo, 'kuwait', 'investigator'));
    await language('en');
    await page.waitForSelector('[data-queue=cases] [data-flagged=true]');
    await check('investigator-home-en');
  });

  it('the hotline records an anonymous tip and reads the reference back', async () => {
    await login(page, demo.kuwait, 'hotline', password(demo, 'kuwait', 'hotline'));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await check('hotline-home-ar');
    await language('en');
    await page.check('input[name=channel][value=anonymous_tip]');
    await page.check('input[name=category][value=threats]');
    await page.fill('textarea[name=text]', 'A caller says workers at a farm are threatened with deportation if they complain.');
    await page.click('button[data-action=send-complaint]');
    await page.waitForSelector('[data-testid=acknowledgement] [data-testid=reference]');
    const tip = (await page.textContent('[data-testid=acknowledgement] [data-testid=reference]'))!.trim();
    expect(tip).toMatch(/^CP-/);
    // The operator sees nothing of it afterwards; the intake queue has it.
    const hotline = await Client.login(demo, 'kuwait', 'hotline');
    await expect(hotline.call('GET', `/api/v1/complaints/${tip}`)).rejects.toThrow(/404/);
    const staff = await Client.login(demo, 'kuwait', 'casesupervisor');
    const intake = await staff.all<Complaint>('/api/v1/complaints?state=received');
    expect(intake.some((c) => c.id === tip)).toBe(true);
    await check('hotline-acknowledged-en');
  });

  it('the embassy sees its nationals\' cases', async () => {
    await login(page, demo.kuwait, 'embassy', password(demo, 'kuwait', 'embassy'));
    await language('en');
    await page.waitForSelector('[data-queue=cases] tbody tr');
    await check('embassy-home-en');
    await page.click('[data-queue=cases] tbody tr:first-child td:first-child a');
    await settled(page);
    await page.waitForSelector('article.case');
    expect(await page.locator('button[data-action=close]').count()).toBe(0);
    await check('embassy-case-en');
  });
});
