// A permit's renewal in a real browser against a real demo corridor: Kuwait grants permits for a
// year at a time, so the permits the demo issued from July on end before their contracts do. The
// destination officer finds a worker's permit on her page, asks for an end beyond what the
// country grants and is refused beside the date, then renews it; the permit keeps its number and
// the worker's person number. Who may not renew is not offered the form. Every page passes
// axe-core, fits a 360-pixel screen and is saved as a screenshot.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage, chooseLanguage, Client, launch, login, logout, newPage, password, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Permit {
  id: string; worker: string; contract: string; valid_from: string; valid_until: string; status: string;
  person_number: string; allowed_actions: string[];
}
interface Contract { id: string; terms: { start_date: string; duration_months: number } }

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];

async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

// The day `months` months after `day` (YYYY-MM-DD), as the node counts months.
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
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

describe('destination officer', () => {
  let permit: Permit;
  let contractEnd: string;

  it('finds a permit that ends before its contract, with renewal offered', async () => {
    const api = await Client.login(demo, 'kuwait', 'officer');
    const permits = (await api.all<Permit>('/api/v1/permits')).filter((p) => p.allowed_actions.includes('renew'));
    expect(permits.length).toBeGreaterThan(0);
    permit = permits[0];
    const contract = await api.call<Contract>('GET', `/api/v1/contracts/${permit.contract}`);
    contractEnd = addMonths(contract.terms.start_date, contract.terms.duration_months);
    expect(permit.valid_until < contractEnd).toBe(true);
    expect(permit.valid_until).toBe(addMonths(permit.valid_from, 12));

    await login(page, demo.kuwait, 'officer', password(demo, 'kuwait', 'officer'));
    await page.goto(`${demo.kuwait}/app/worker/${permit.worker}`);
    await settled(page);
    const box = page.locator(`[data-testid=renew]:has([data-permit="${permit.id}"])`);
    expect(await box.count()).toBe(1);
    await check('permit-renew-offered-en');
  });

  it('refuses an end beyond the contract beside the date, and changes nothing', async () => {
    const api = await Client.login(demo, 'kuwait', 'officer');
    const form = page.locator(`[data-testid=renew-form][data-permit="${permit.id}"]`);
    await page.click(`[data-testid=renew]:has([data-permit="${permit.id}"]) summary`);
    await form.locator('input[name=end]').fill(addMonths(contractEnd, 1));
    await form.locator('button[data-action=renew-permit]').click();
    await page.locator('[data-field-error=end]').waitFor();
    expect(await form.locator('input[name=end]').getAttribute('aria-invalid')).toBe('true');
    expect((await api.call<Permit>('GET', `/api/v1/permits/${permit.id}`)).valid_until).toBe(permit.valid_until);
    await check('permit-renew-refused-en');
    await chooseLanguage(page, 'ar');
    await settled(page);
    await check('permit-renew-refused-ar');
    await chooseLanguage(page, 'en');
    await settled(page);
  });

  it('renews it: only the end moves', async () => {
    const api = await Client.login(demo, 'kuwait', 'officer');
    // As far as the year the country grants reaches from today, within the contract.
    const today = new Date().toISOString().slice(0, 10);
    const most = addMonths(today, 12);
    const end = most < contractEnd ? most : contractEnd;
    if ((await page.locator(`[data-testid=renew]:has([data-permit="${permit.id}"])`).getAttribute('open')) === null) {
      await page.click(`[data-testid=renew]:has([data-permit="${permit.id}"]) summary`);
    }
    const form = page.locator(`[data-testid=renew-form][data-permit="${permit.id}"]`);
    await form.locator('input[name=end]').fill(end);
    await form.locator('button[data-action=renew-permit]').click();
    await expect.poll(async () => (await api.call<Permit>('GET', `/api/v1/permits/${permit.id}`)).valid_until).toBe(end);
    await settled(page);
    const after = await api.call<Permit>('GET', `/api/v1/permits/${permit.id}`);
    expect(after.valid_until).toBe(end);
    expect(after.valid_from).toBe(permit.valid_from);
    expect(after.person_number).toBe(permit.person_number);
    expect(after.status).toBe('active');
    expect(after.allowed_actions.includes('renew')).toBe(end < contractEnd);
    await check('permit-renewed-en');
    await logout(page);
  });
});

describe('others', () => {
  it('the worker and the employer see the permit but are not offered its renewal', async () => {
    for (const who of ['worker', 'employer', 'embassy']) {
      const api = await Client.login(demo, 'kuwait', who);
      const permits = await api.all<Permit>('/api/v1/permits');
      for (const p of permits) expect(p.allowed_actions, who).not.toContain('renew');
    }
    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    await settled(page);
    expect(await page.locator('[data-testid=renew]').count()).toBe(0);
    await logout(page);
  });
});
