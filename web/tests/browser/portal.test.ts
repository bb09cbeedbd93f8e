// The portal in a real browser against a real demo corridor: each role logs in and does its main
// task, what another role must not see stays hidden, the worker's pages speak her language, Arabic
// mirrors the layout, every page passes axe-core and fits a 360-pixel screen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axe, catalog, checkPage, chooseLanguage, Client, horizontalOverflow, launch, login, logout, newPage, password, screenshot, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Terms { [k: string]: unknown; worker: string; employer: string; position: string; basic_wage: { amount: string; currency: string } }
interface Contract { id: string; state: string; digest: string; attested_digest: string; terms: Terms }
interface Worker { id: string; passport: { number: string } }

let demo: Demo;
let browser: Browser;
let page: Page;
let errors: string[];

// Every page the tests visit gets the same checks.
async function check(name: string): Promise<void> {
  await checkPage(page, errors, name);
}

async function goto(base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await settled(page);
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launch();
  ({ page, errors } = await newPage(browser));
  // Steps that cannot be undone ask first; the tests say yes.
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the checks themselves', () => {
  it('axe-core finds a missing label and faint text; a wide page scrolls sideways', async () => {
    const { page: p } = await newPage(browser);
    await p.setContent('<html lang="en"><body><main><h1>Test</h1><input>' +
      '<p style="color:#bbb;background:#fff">faint</p><div style="width:600px">wide</div></main></body></html>');
    const ids = (await axe(p)).map((v) => v.id);
    expect(ids).toContain('label');
    expect(ids).toContain('color-contrast');
    expect(await horizontalOverflow(p)).toBeGreaterThan(0);
    await p.close();
  });
});

describe('login', () => {
  it('names the node, refuses a wrong password, and passes the checks', async () => {
    await goto(demo.kuwait, '/');
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await expect(page.textContent('main')).resolves.toContain('Kuwait');
    await page.fill('input[name=username]', 'worker');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[data-action=login]');
    await page.waitForSelector('main [role=alert]');
    await expect(page.textContent('main [role=alert]')).resolves.toContain(catalog('en')['login.failed'] as string);
    await check('login-refused');
  });
});

describe('keyboard', () => {
  it('logs in and reaches the main content with the keyboard alone', async () => {
    await goto(demo.kuwait, '/app/login');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    // From the main content, the first field is the user name.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('username');
    await page.keyboard.type('embassy');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password(demo, 'kuwait', 'embassy'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=nationals]');
    await settled(page);
    // The new page's heading has the focus, so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await logout(page);
  });
});

describe('employer', () => {
  let draft: Contract;

  it('sees only its own workers and contracts', async () => {
    const api = await Client.login(demo, 'kuwait', 'employer');
    const mine = await api.all<Contract>('/api/v1/contracts');
    // A new draft for Sita, to offer from the portal.
    const sita = mine.find((c) => c.state === 'active')!;
    draft = await api.call<Contract>('POST', '/api/v1/contracts', {
      ...sita.terms,
      position: 'Senior home care worker',
      basic_wage: { amount: '140.000', currency: 'KWD' },
      start_date: '2027-03-01',
    });
    await login(page, demo.kuwait, 'employer', password(demo, 'kuwait', 'employer'));
    await chooseLanguage(page, 'en');
    const rows = await page.$$eval('[data-testid=workers-table] tbody tr', (trs) => trs.map((tr) => tr.querySelector('a')!.getAttribute('href')!));
    const expected = [...new Set(mine.map((c) => c.terms.worker))].sort();
    expect(rows.map((h) => h.split('/').pop()).sort()).toEqual(expected);
    // Another employer's workers are not among them.
    const officer = await Client.login(demo, 'kuwait', 'officer');
    const others = (await officer.all<Contract>('/api/v1/contracts')).filter((c) => c.terms.employer !== sita.terms.employer);
    const otherOnly = others.map((c) => c.terms.worker).filter((w) => !expected.includes(w));
    expect(otherOnly.length).toBeGreaterThan(0);
    for (const w of otherOnly) expect(rows.some((h) => h.endsWith(w))).toBe(false);
    await expect(page.locator(`[data-testid=needs] [data-contract="${draft.id}"]`).count()).resolves.toBe(1);
    await check('employer-home');

    // Another employer's contract is simply not there.
    await goto(demo.kuwait, `/app/contract/${others[0].id}`);
    await page.waitForSelector('[data-testid=contract-missing]');
    await check('employer-other-contract-missing');
  });

  it('offers the draft to the worker', async () => {
    await goto(demo.kuwait, `/app/contract/${draft.id}`);
    await page.waitForSelector('article.contract[data-state=draft]');
    await check('employer-draft');
    await page.click('button[data-action=offer]');
    await page.waitForSelector('article.contract[data-state=offered]');
    await logout(page);
  });

  it('is what the worker accepts next, in her own language', async () => {
    await login(page, demo.kuwait, 'worker', password(demo, 'kuwait', 'worker'));
    // Sita's account prefers Nepali: the portal speaks it without being asked.
    expect(await page.getAttribute('html', 'lang')).toBe('ne');
    const ne = catalog('ne');
    await expect(page.textContent('h1')).resolves.toBe((ne['worker.hello'] as string).replace('{name}', 'Sita Kumari Thapa'));
    await page.waitForSelector(`[data-testid=needs] [data-contract="${draft.id}"]`);
    // Her employer's name, not its number.
    await expect(page.textContent('[data-testid=needs]')).resolves.toContain('Gulf Care Services');
    await check('worker-home-ne');
    await page.click(`[data-testid=needs] [data-contract="${draft.id}"] a`);
    await page.waitForSelector('[data-testid=decide]');
    await check('worker-offer-ne');
    await page.click('button[data-action=accept]');
    await page.waitForSelector('article.contract[data-state=accepted]');
    await expect(page.textContent('article.contract .page-head .badge')).resolves.toBe(ne['state.accepted']);
    await check('worker-accepted-ne');
  });
});

describe('worker', () => {
  it('opens the printable contract with its QR code', async () => {
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.click('button[data-action=print]'),
    ]);
    await tab.waitForURL((u) => u.protocol === 'blob:');
    await tab.waitForLoadState();
    const digest = await page.textContent('[data-testid=digest]');
    await expect(tab.content()).resolves.toContain(digest!);
    expect(await tab.locator('svg').count()).toBeGreaterThan(0);
    await tab.setViewportSize({ width: 800, height: 1000 });
    await screenshot(tab, 'worker-printable-contract');
    await tab.close();
  });

  it('notifies an exit without asking anyone', async () => {
    await goto(demo.kuwait, '/');
    const before = await page.locator('[data-testid=exit] [data-exit]').count();
    await page.click('[data-testid=exit] summary');
    await page.selectOption('select[name=kind]', 'final');
    const d = new Date(Date.now() + 60 * 86400e3).toISOString().slice(0, 10);
    await page.fill('input[name=departure_date]', d);
    await page.click('button[data-action=notify-exit]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=exit] [data-exit]').length === n + 1, before);
    await check('worker-exit-notified');
  });

  it('does not see another worker\'s contract', async () => {
    const officer = await Client.login(demo, 'kuwait', 'officer');
    const me = await (await Client.login(demo, 'kuwait', 'worker')).call<{ worker: string }>('GET', '/api/v1/me');
    const other = (await officer.all<Contract>('/api/v1/contracts')).find((c) => c.terms.worker !== me.worker)!;
    await goto(demo.kuwait, `/app/contract/${other.id}`);
    await page.waitForSelector('[data-testid=contract-missing]');
    await goto(demo.kuwait, `/app/worker/${other.terms.worker}`);
    await page.waitForSelector('[data-testid=worker-missing]');
    // And no contracts list in her navigation.
    expect(await page.locator('nav a[href="/app/contracts"]').count()).toBe(0);
    await logout(page);
  });
});

describe('a worker changing job', () => {
  it('withdraws a job change and files it again, with no one\'s consent', async () => {
    await login(page, demo.kuwait, 'worker2', password(demo, 'kuwait', 'worker2'));
    await page.waitForSelector('[data-testid=job-change] button[data-action=cancel-transfer]');
    await check('worker2-job-change-filed');
    await page.click('button[data-action=cancel-transfer]');  // confirmed in the dialog
    await page.waitForSelector('[data-testid=job-change] button[data-action=file-transfer]');
    await check('worker2-job-change-form');
    await page.click('button[data-action=file-transfer]');
    await page.waitForSelector('[data-testid=job-change] button[data-action=cancel-transfer]');
    const api = await Client.login(demo, 'kuwait', 'worker2');
    const transfers = await api.call<{ items: Array<{ state: string }> }>('GET', '/api/v1/transfers');
    expect(transfers.items.map((x) => x.state).sort()).toEqual(['cancelled', 'filed']);
    await logout(page);
  });
});

describe('origin officer', () => {
  it('attests an accepted contract from the queue', async () => {
    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await chooseLanguage(page, 'en');
    await page.waitForSelector('[data-testid=chart] svg');
    // The chart counts what the API holds.
    const api = await Client.login(demo, 'nepal', 'officer');
    const all = await api.all<Contract>('/api/v1/contracts');
    const accepted = all.filter((c) => c.state === 'accepted').length;
    await expect(page.textContent('[data-testid=chart] table')).resolves.toContain(String(accepted));
    const links = page.locator('[data-testid=queue-attest] tbody a');
    expect(await links.count()).toBe(accepted);
    await check('origin-officer-home');
    await links.first().click();
    await page.waitForSelector('article.contract[data-state=accepted]');
    await check('origin-officer-contract');
    await page.click('button[data-action=attest]');
    await page.waitForSelector('article.contract[data-state=attested]');
    const digest = await page.textContent('[data-testid=digest]');
    await expect(page.textContent('[data-testid=attestation]')).resolves.toContain(digest!);
    await check('origin-officer-attested');
    await logout(page);
  });
});

describe('destination officer', () => {
  it('sees a substitution refused with its differences, then authenticates and issues the permit', async () => {
    await login(page, demo.kuwait, 'officer', password(demo, 'kuwait', 'officer'));
    // This officer works in Arabic.
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.waitForSelector('[data-testid=chart] svg');
    await check('destination-officer-home-ar');
    await chooseLanguage(page, 'en');
    const api = await Client.login(demo, 'kuwait', 'officer');
    const flagged = new Set((await api.call<{ items: Array<{ type: string; subject: string }> }>('GET', '/api/v1/notifications')).items
      .filter((n) => n.type === 'contract.substitution_flagged').map((n) => n.subject));
    const queue = await page.$$eval('[data-testid=queue-authenticate] tbody a', (as) => as.map((a) => a.getAttribute('href')!.split('/').pop()!));
    const target = queue.find((id) => !flagged.has(id))!;
    expect(target).toBeTruthy();
    await goto(demo.kuwait, `/app/contract/${target}`);
    await page.waitForSelector('[data-testid=authenticate]');
    // The contract presented on arrival pays less for longer days.
    await page.fill('[data-testid=authenticate] input[name=basic_wage]', '90');
    await page.fill('[data-testid=authenticate] input[name=hours_per_day]', '11');
    await page.click('button[data-action=authenticate]');
    await page.waitForSelector('[data-testid=substitution-refused]');
    const fields = await page.$$eval('[data-testid=substitution-refused] tr[data-field]', (trs) => trs.map((tr) => tr.getAttribute('data-field')));
    expect(fields).toEqual(['basic_wage', 'hours_per_day']);
    const wageRow = await page.textContent('[data-testid=substitution-refused] tr[data-field=basic_wage]');
    expect(wageRow).toContain('90');
    expect(await page.getAttribute('article.contract', 'data-state')).toBe('attested');
    await check('destination-officer-substitution-refused');
    // The flag stays on the contract, with the differences, for everyone who sees it.
    await goto(demo.kuwait, `/app/contract/${target}`);
    await page.waitForSelector('[data-testid=substitution] tr[data-field=hours_per_day]');
    // The contract as attested is authenticated.
    await page.click('button[data-action=authenticate]');
    await page.waitForSelector('article.contract[data-state=authenticated]');
    const c = await api.call<Contract>('GET', `/api/v1/contracts/${target}`);
    await expect(page.textContent('[data-testid=authentication]')).resolves.toContain(c.digest);
    await page.click('button[data-action=permit]');
    await page.waitForSelector('article.contract[data-state=active]');
    await check('destination-officer-permit-issued');
    await logout(page);
  });
});

describe('embassy', () => {
  it('sees its nationals with their status, and reads it all in Arabic, right to left', async () => {
    await login(page, demo.kuwait, 'embassy', password(demo, 'kuwait', 'embassy'));
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    const api = await Client.login(demo, 'kuwait', 'embassy');
    const nationals = await api.all<Worker>('/api/v1/workers');
    await expect(page.locator('[data-testid=nationals-table] tbody tr').count()).resolves.toBe(nationals.length);
    await page.waitForSelector('[data-testid=flags] li');
    await check('embassy-home');
    const width = page.viewportSize()!.width;
    const brandLtr = (await page.locator('[data-testid=brand]').boundingBox())!;
    const toolsLtr = (await page.locator('header .tools').boundingBox())!;
    expect(brandLtr.x).toBeLessThan(40);
    expect(toolsLtr.x + toolsLtr.width).toBeGreaterThan(width - 40);

    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await expect(page.textContent('h2')).resolves.toBe(catalog('ar')['embassy.nationals']);
    // The layout mirrors: the brand moves from the left edge to the right edge, the tools
    // (language, log out) from the right edge to the left.
    const brandRtl = (await page.locator('[data-testid=brand]').boundingBox())!;
    const toolsRtl = (await page.locator('header .tools').boundingBox())!;
    expect(brandRtl.x + brandRtl.width).toBeGreaterThan(width - 40);
    expect(toolsRtl.x).toBeLessThan(40);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.card')!).direction)).toBe('rtl');
    await check('embassy-home-ar');
    await page.setViewportSize({ width: 1280, height: 900 });
    await settled(page);
    await check('embassy-home-ar-wide');
    await page.setViewportSize({ width: 360, height: 740 });
    await chooseLanguage(page, 'en');
    await logout(page);
  });
});

describe('agency', () => {
  it('sees its placements and nobody else\'s', async () => {
    // A link followed before logging in leads there after logging in.
    await goto(demo.nepal, '/app/contracts?state=offered');
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await login(page, demo.nepal, 'agency', password(demo, 'nepal', 'agency'));
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/app/contracts?state=offered');
    expect(await page.inputValue('#state-filter')).toBe('offered');
    await check('agency-offered-ne');
    await goto(demo.nepal, '/');
    const api = await Client.login(demo, 'nepal', 'agency');
    const placed = await api.all<Contract>('/api/v1/contracts');
    const workers = [...new Set(placed.map((c) => c.terms.worker))];
    await expect(page.locator('[data-testid=workers-table] tbody tr').count()).resolves.toBe(workers.length);
    await check('agency-home-ne');
    await logout(page);
  });
});

describe('roles without records', () => {
  it('the analyst and the investigator see no one\'s records', async () => {
    const officer = await Client.login(demo, 'kuwait', 'officer');
    const some = (await officer.all<Contract>('/api/v1/contracts'))[0];
    for (const who of ['analyst', 'investigator']) {
      await login(page, demo.kuwait, who, password(demo, 'kuwait', who));
      await chooseLanguage(page, 'en');
      expect(await page.locator('nav a[href="/app/contracts"]').count()).toBe(0);
      await expect(page.textContent('main')).resolves.not.toContain(some.terms.position);
      await check(`${who}-home`);
      await goto(demo.kuwait, `/app/contract/${some.id}`);
      await page.waitForSelector('[data-testid=contract-missing]');
      await logout(page);
    }
  });

  it('the border officer looks a traveller up by passport and sees no wages', async () => {
    await login(page, demo.kuwait, 'border', password(demo, 'kuwait', 'border'));
    await chooseLanguage(page, 'en');
    await page.fill('input[name=passport]', 'PA0100001');
    await page.click('button[data-action=lookup]');
    await page.waitForSelector('[data-testid=traveller] h3');
    const text = await page.textContent('[data-testid=traveller]');
    expect(text).toContain('Sita Kumari Thapa');
    expect(text).not.toContain('KWD');
    await check('border-lookup');
    await logout(page);
  });
});
