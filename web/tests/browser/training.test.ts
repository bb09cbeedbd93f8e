// Orientation and training in a real browser against a real demo corridor
// (docs/formats/training.md): the Kathmandu centre's staff schedule a session, enrol workers by
// their number and complete it with one marked absent, the worker present gets a certificate on
// her home and at the public check, which names no one; the origin's officer sees it on her record,
// registers a centre and changes a licence. Bad input is refused beside the field it names and
// changes nothing; a centre asking for another centre's session gets exactly the page of a missing
// one. Every page passes axe-core and fits 360 pixels, and is screenshotted in English, Nepali and
// Arabic.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage, chooseLanguage, Client, launch, login, newPage, password, screenshot, settled, startDemo, type Browser, type Demo,
} from './harness';

interface Session {
  id: string; centre: string; course: string; date: string; state: string; enrolled: number;
  capacity: number; allowed_actions: string[];
}
interface Attendance { id: string; worker: string | null; outcome: string; certificate: string | null }
interface Centre { id: string; name: string; licence_status: string; licence_valid_until: string }
interface Worker { id: string; nationality: string; family_name_latin: string; passport: { number: string; issuing_state: string } }
interface Account { worker: string | null; centre?: string | null }

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

async function mainText(): Promise<string> {
  return (await page.textContent('main')) ?? '';
}

// The account a demo login is (its worker, its centre).
async function accountOf(username: string): Promise<Account> {
  const r = await fetch(`${demo.nepal}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password: password(demo, 'nepal', username) }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { account: Account }).account;
}

// The node's UTC day, which its date rules count in.
const today = () => new Date().toISOString().slice(0, 10);

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

let sessionId = '';
let sita = '';       // the demo worker's number: she attends
let absentee = '';   // another Nepali worker: marked absent
let certificate = '';

describe('orientation centre', () => {
  it('sees its centre, its licence and its sessions; a bad session is refused beside its field', async () => {
    await login(page, demo.nepal, 'centre', password(demo, 'nepal', 'centre'));
    // The centre's staff work in Nepali.
    expect(await page.getAttribute('html', 'lang')).toBe('ne');
    await check('centre-home-ne');
    await language('en');
    const me = await accountOf('centre');
    expect(await page.getAttribute('[data-centre]', 'data-centre')).toBe(me.centre);
    await expect(page.textContent('[data-testid=centre-facts]')).resolves.toContain('DOFE-OC-2026-014');
    // The demo's session, completed two days ago, is among the past ones.
    const api = await Client.login(demo, 'nepal', 'centre');
    const before = await api.all<Session>('/api/v1/training/sessions');
    expect(before.length).toBe(1);
    await page.waitForSelector(`[data-testid=sessions-past] a[href="/app/session/${before[0].id}"]`);
    await check('centre-home-en');

    // No room: refused, the node's words beside the field, nothing scheduled.
    await page.fill('input[name=date]', today());
    await page.fill('input[name=place]', 'Hall 1, New Baneshwor, Kathmandu');
    await page.fill('input[name=trainer]', 'Bishnu Adhikari');
    await page.fill('input[name=capacity]', '0');
    await page.click('button[data-action=schedule]');
    const refusal = page.locator('[data-field-error=capacity]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('must be between 1 and 500');
    expect(await page.getAttribute('input[name=capacity]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('capacity');
    expect(page.url()).toBe(`${demo.nepal}/`);
    expect((await api.all<Session>('/api/v1/training/sessions')).length).toBe(1);
    await check('centre-schedule-refused-en');

    // Corrected, it is scheduled and its page opens.
    await page.fill('input[name=capacity]', '25');
    await page.click('button[data-action=schedule]');
    await page.waitForURL(/\/app\/session\/TS-/);
    await settled(page);
    sessionId = page.url().split('/').pop()!;
    const s = await api.call<Session>('GET', `/api/v1/training/sessions/${sessionId}`);
    expect(s).toMatchObject({ centre: me.centre, course: 'NPL-PDO-GCC', date: today(), state: 'scheduled', capacity: 25, enrolled: 0 });
    expect(await page.getAttribute('article.session', 'data-state')).toBe('scheduled');
    // Exactly the steps the node allows.
    expect(s.allowed_actions.sort()).toEqual(['cancel', 'complete', 'enrol']);
    expect(await page.locator('[data-testid=enrol-form]').count()).toBe(1);
    expect(await page.locator('[data-testid=complete-form]').count()).toBe(1);
    expect(await page.locator('button[data-action=cancel-session]').count()).toBe(1);
    await check('centre-session-new-en');
  });

  it('enrols workers by their number or passport; an unknown one is refused beside its field', async () => {
    expect(sessionId).not.toBe('');
    const officer = await Client.login(demo, 'nepal', 'officer');
    sita = (await accountOf('worker')).worker!;
    const nationals = await officer.all<Worker>('/api/v1/workers');
    const other = nationals.find((w) => w.id !== sita && w.nationality === 'NPL' && w.passport.issuing_state === 'NPL')!;
    absentee = other.id;
    expect(absentee).toBeTruthy();
    const api = await Client.login(demo, 'nepal', 'centre');

    await page.fill('input[name=worker]', 'W-AAAAAAAAAAAAAAAA');
    await page.click('button[data-action=enrol]');
    const refusal = page.locator('[data-field-error=worker]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('W-AAAAAAAAAAAAAAAA does not exist');
    expect((await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${sessionId}/attendees`)).items).toEqual([]);
    await check('centre-enrol-refused-en');

    // A passport no worker registered here holds: refused beside the passport.
    await page.fill('input[name=worker]', '');
    await page.fill('input[name=passport_number]', 'PX0000000');
    await page.click('button[data-action=enrol]');
    await page.locator('[data-field-error=passport_number]', { hasText: 'PX0000000' }).waitFor();
    expect((await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${sessionId}/attendees`)).items).toEqual([]);
    await page.fill('input[name=passport_number]', '');

    // Sita by her worker number, the other by the passport she shows.
    await page.fill('input[name=worker]', sita.toLowerCase());  // typed as it comes
    await page.click('button[data-action=enrol]');
    await page.waitForSelector(`[data-attendees] code:text-is("${sita}")`);
    await settled(page);
    await page.fill('input[name=passport_number]', other.passport.number.toLowerCase());
    await page.click('button[data-action=enrol]');
    await page.waitForSelector(`[data-attendees] code:text-is("${absentee}")`);
    await settled(page);
    // The roll names them, as the node gives it to those who run the session.
    await expect(page.locator('[data-attendees] .roll-name').allTextContents())
      .resolves.toEqual(expect.arrayContaining([expect.stringContaining(other.family_name_latin)]));
    // Enrolled once only: the second time is refused beside the worker's field (the node names
    // it) and changes nothing.
    await page.fill('input[name=worker]', sita);
    await page.click('button[data-action=enrol]');
    await page.locator('[data-field-error=worker]', { hasText: 'is enrolled in session' }).waitFor();
    const list = (await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${sessionId}/attendees`)).items;
    expect(list.map((a) => a.worker)).toEqual([sita, absentee]);
    expect(await page.locator('[data-attendees] tbody tr').count()).toBe(2);
    await check('centre-session-enrolled-en');

    // Sita, at home in her own browser, reads when and where her session is.
    const own = await launch();
    const hers = await newPage(own);
    try {
      await login(hers.page, demo.nepal, 'worker', password(demo, 'nepal', 'worker'));
      const waiting = hers.page.locator('[data-testid=my-training] .sessions-mine li');
      await waiting.first().waitFor();
      await expect(hers.page.locator('[data-testid=my-training] [data-where]').first().textContent())
        .resolves.toContain('Hall 1, New Baneshwor, Kathmandu');
      expect(await hers.page.locator('[data-testid=my-training] [data-when]').count()).toBeGreaterThan(0);
      await checkPage(hers.page, hers.errors, 'worker-session-waiting-en');
    } finally {
      await own.close();
    }
  });

  it('completes the session with one attendee absent; the other is certified', async () => {
    expect(absentee).not.toBe('');
    const api = await Client.login(demo, 'nepal', 'centre');
    const list = (await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${sessionId}/attendees`)).items;
    const away = list.find((a) => a.worker === absentee)!;
    await page.check(`[data-testid=absent] input[value="${away.id}"]`);
    await page.click('button[data-action=complete-session]');  // confirmed in the dialog
    await page.waitForSelector('article.session[data-state=completed]');
    await settled(page);
    const after = (await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${sessionId}/attendees`)).items;
    const present = after.find((a) => a.worker === sita)!;
    expect(present.outcome).toBe('completed');
    expect(present.certificate).toMatch(/^CT-/);
    expect(after.find((a) => a.worker === absentee)).toMatchObject({ outcome: 'absent', certificate: null });
    certificate = present.certificate!;
    // The certificate is shown with its public check; the absent worker has none.
    expect(await page.getAttribute(`[data-attendees] a[data-verify="${certificate}"]`, 'href')).toBe(`/verify/${certificate}`);
    expect(await page.locator('[data-attendees] a[data-verify]').count()).toBe(1);
    // Nothing is left to do on it.
    expect(await page.locator('[data-testid=enrol-form], [data-testid=complete-form], button[data-action=cancel-session]').count()).toBe(0);
    await check('centre-session-completed-en');
    await language('ne');
    await check('centre-session-completed-ne');
    await language('ar');
    await check('centre-session-completed-ar');
    await goto(demo.nepal, '/');
    await check('centre-home-ar');
    await language('ne');
    await check('centre-home-ne-after');
  });
});

describe('the worker and the public check', () => {
  it('the worker sees her certificate on her home, with its public check', async () => {
    expect(certificate).not.toBe('');
    await login(page, demo.nepal, 'worker', password(demo, 'nepal', 'worker'));
    await language('en');
    const cert = page.locator(`[data-testid=my-training] li[data-certificate-of="${certificate}"]`);
    await cert.waitFor();
    expect(await cert.locator('a[data-verify]').getAttribute('href')).toBe(`/verify/${certificate}`);
    await expect(page.textContent('[data-testid=worker-number]')).resolves.toBe(sita);
    await check('worker-certificates-en');
    await language('ne');
    await check('worker-certificates-ne');
    await language('ar');
    await check('worker-certificates-ar');
  });

  it('the public check confirms it and names no one', async () => {
    await page.goto(`${demo.nepal}/verify/${certificate}`);
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain(certificate);
    expect(await page.getAttribute('[data-valid]', 'data-valid')).toBe('true');
    expect(text).toContain(today());
    const officer = await Client.login(demo, 'nepal', 'officer');
    const w = await officer.call<Worker>('GET', `/api/v1/workers/${sita}`);
    for (const secret of [sita, w.family_name_latin, 'Kathmandu', sessionId]) expect(text).not.toContain(secret);
    await screenshot(page, 'verify-certificate');
    const json = await (await fetch(`${demo.nepal}/verify/${certificate}?format=json`)).json();
    expect(json).toMatchObject({ certificate, registered: true, integrity: 'verified', valid: true, course: 'NPL-PDO-GCC', completed_on: today() });
  });
});

describe('origin officer', () => {
  it('sees the certificate and the orientation it recorded on the worker\'s record', async () => {
    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await language('en');
    await goto(demo.nepal, `/app/worker/${sita}`);
    const section = page.locator('[data-testid=worker-training]');
    await section.locator(`li[data-certificate-of="${certificate}"]`).waitFor();
    // The clearance's orientation, written from the certificate.
    await expect(section.locator('li[data-orientation]').filter({ hasText: certificate }).count()).resolves.toBe(1);
    await check('officer-worker-training-en');
  });

  it('registers a centre and changes a licence; refusals name the field and change nothing', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    await goto(demo.nepal, '/');
    await page.click('nav a[href="/app/training"]');
    await settled(page);
    const centres = await api.all<Centre>('/api/v1/training/centres');
    expect(await page.locator('[data-centres] tbody tr').count()).toBe(centres.length);
    // Every centre's sessions, the new one among the past.
    await page.waitForSelector(`[data-testid=sessions-past] a[href="/app/session/${sessionId}"]`);
    await check('officer-training-en');

    await page.click('[data-testid=register] summary');
    await page.fill('[data-testid=register-form] input[name=name]', 'Pokhara Pre-departure Orientation Centre');
    await page.fill('[data-testid=register-form] input[name=address]', 'Lakeside, Pokhara');
    await page.fill('[data-testid=register-form] input[name=licence_number]', 'DOFE-OC-2026-031');
    await page.fill('[data-testid=register-form] input[name=licence_valid_until]', '2030-12-31');
    // No course chosen: refused beside the courses.
    await page.click('button[data-action=register-centre]');
    await page.locator('[data-field-error=courses]').waitFor();
    expect((await api.all<Centre>('/api/v1/training/centres')).length).toBe(centres.length);
    await check('officer-register-refused-en');
    await page.check('[data-testid=centre-courses] input[value=NPL-PDO-GCC]');
    await page.click('button[data-action=register-centre]');
    await page.waitForURL(/\/app\/centre\/TC-/);
    await settled(page);
    const id = page.url().split('/').pop()!;
    expect((await api.call<Centre>('GET', `/api/v1/training/centres/${id}`)).licence_status).toBe('active');

    // A licence valid until a day gone: refused beside the date, the licence as it was.
    await page.selectOption('select[name=licence_status]', 'suspended');
    await page.fill('input[name=licence_valid_until]', '2020-01-01');
    await page.click('button[data-action=change-licence]');
    await page.locator('[data-field-error=licence_valid_until]').waitFor();
    expect(await api.call<Centre>('GET', `/api/v1/training/centres/${id}`)).toMatchObject({ licence_status: 'active', licence_valid_until: '2030-12-31' });
    await check('officer-licence-refused-en');
    // A valid day but no reason: refused beside the reason.
    await page.fill('input[name=licence_valid_until]', '2030-12-31');
    await page.click('button[data-action=change-licence]');
    await page.locator('[data-field-error=reason]').waitFor();
    expect((await api.call<Centre>('GET', `/api/v1/training/centres/${id}`)).licence_status).toBe('active');
    await page.fill('textarea[name=reason]', 'Inspection found sessions taught without a licensed trainer.');
    await page.click('button[data-action=change-licence]');
    await page.waitForSelector('[data-testid=centre-facts] [data-status=suspended]');
    expect((await api.call<Centre>('GET', `/api/v1/training/centres/${id}`)).licence_status).toBe('suspended');
    // The node no longer offers scheduling there: the form gives way to the reason why.
    expect(await page.locator('[data-testid=schedule] form').count()).toBe(0);
    expect(await page.locator('[data-testid=schedule] .alert-error').count()).toBe(1);
    await language('ar');
    await check('officer-centre-ar');
    await language('ne');
    await check('officer-centre-ne');
  });
});

describe('officials\' training', () => {
  it('an official is enrolled by name, role and service number; a missing name is refused beside it', async () => {
    const api = await Client.login(demo, 'nepal', 'officer');
    const institute = await api.call<Centre>('POST', '/api/v1/training/centres', {
      name: 'Police Training Academy', kind: 'training_institute', address: 'Maharajgunj, Kathmandu',
      licence_number: 'MOHA-TI-2026-007', licence_valid_until: '2030-12-31', courses: ['NPL-OFF-HTP'],
    });
    const s = await api.call<Session>('POST', '/api/v1/training/sessions', {
      course: 'NPL-OFF-HTP', centre: institute.id, date: today(), place: 'Lecture hall A',
      trainer: 'Ramesh Shrestha', capacity: 40,
    });
    await login(page, demo.nepal, 'officer', password(demo, 'nepal', 'officer'));
    await language('en');
    await goto(demo.nepal, `/app/session/${s.id}`);
    await page.selectOption('select[name=official_role]', 'labour_inspector');
    await page.fill('input[name=service_number]', 'LI-0457');
    await page.fill('input[name=organisation]', 'Department of Labour, Kathmandu');
    await page.click('button[data-action=enrol]');
    await page.locator('[data-field-error="official.name"]').waitFor();
    expect((await api.call<{ items: Attendance[] }>('GET', `/api/v1/training/sessions/${s.id}/attendees`)).items).toEqual([]);
    await page.fill('input[name=official_name]', 'Kamala Bhandari');
    await page.click('button[data-action=enrol]');
    await page.waitForSelector('[data-attendees] tbody tr');
    await settled(page);
    await expect(page.textContent('[data-attendees]')).resolves.toContain('Kamala Bhandari');
    await expect(page.textContent('[data-attendees]')).resolves.toContain('Labour inspector');
    await check('officer-officials-session-en');
  });
});

describe('need to know', () => {
  it('a centre asking for another centre\'s session gets the page of a missing one', async () => {
    // Another centre, licensed by the officer, with a session of its own.
    const officer = await Client.login(demo, 'nepal', 'officer');
    const other = await officer.call<Centre>('POST', '/api/v1/training/centres', {
      name: 'Biratnagar Orientation Centre', kind: 'orientation_centre', address: 'Main Road, Biratnagar',
      licence_number: 'DOFE-OC-2026-052', licence_valid_until: '2030-06-30', courses: ['NPL-PDO-GCC'],
    });
    const theirs = await officer.call<Session>('POST', '/api/v1/training/sessions', {
      course: 'NPL-PDO-GCC', centre: other.id, date: today(), place: 'Room 3, Main Road, Biratnagar',
      trainer: 'Gita Rai', capacity: 20,
    });
    await login(page, demo.nepal, 'centre', password(demo, 'nepal', 'centre'));
    await language('en');
    // Not among its sessions, and its page is that of a session that does not exist.
    expect(await page.locator(`a[href="/app/session/${theirs.id}"]`).count()).toBe(0);
    await goto(demo.nepal, `/app/session/${theirs.id}`);
    await page.waitForSelector('[data-testid=session-missing]');
    const refused = (await mainText()).replace(theirs.id, '#');
    const missingId = 'TS-AAAAAAAAAAAAAAAA';
    await goto(demo.nepal, `/app/session/${missingId}`);
    await page.waitForSelector('[data-testid=session-missing]');
    expect((await mainText()).replace(missingId, '#')).toBe(refused);
    await check('centre-other-session-missing-en');
    // Nor that centre's page.
    await goto(demo.nepal, `/app/centre/${other.id}`);
    await page.waitForSelector('[data-testid=centre-missing]');
    // The worker sees no session at all.
    await login(page, demo.nepal, 'worker', password(demo, 'nepal', 'worker'));
    await goto(demo.nepal, `/app/session/${sessionId || theirs.id}`);
    await page.waitForSelector('[data-testid=session-missing]');
  });
});
