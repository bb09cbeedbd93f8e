// The browser tests' harness: a real two-node demo corridor (the corridor binary on free ports,
// SQLite files in a temporary directory, serving the built portal), Debian's Chromium driven by
// playwright-core with a fresh profile, and the checks every page gets: axe-core, no horizontal
// scroll on a 360-pixel screen, and a screenshot kept as a test artefact.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB = resolve(here, '../..');
export const SOURCE = resolve(WEB, '..');
export const BIN = process.env.CORRIDOR_BIN ?? join(SOURCE, 'build/src/app/corridor');
export const SHOTS = process.env.CORRIDOR_SCREENSHOT_DIR ?? join(SOURCE, 'build/screenshots');
const CHROMIUM = process.env.CORRIDOR_CHROMIUM ?? '/usr/bin/chromium';

export interface DemoAccount {
  node: 'nepal' | 'kuwait';
  username: string;
  password: string;
  role: string;
}

export interface Demo {
  nepal: string;
  kuwait: string;
  dir: string;  // where the nodes keep their files (nepal.db, kuwait.db)
  accounts: DemoAccount[];
  stop(): Promise<void>;
}

// Starts `corridor demo` on free ports and waits for it to print where it serves.
export async function startDemo(): Promise<Demo> {
  if (!existsSync(join(WEB, 'dist/index.html'))) {
    throw new Error('the portal is not built: run scripts/build-web (scripts/test does)');
  }
  if (!existsSync(BIN)) throw new Error(`no corridor binary at ${BIN}: run scripts/build`);
  const dir = mkdtempSync(join(tmpdir(), 'corridor-portal-'));
  const proc: ChildProcessWithoutNullStreams = spawn(BIN, [
    'demo', '--dir', dir, '--origin-port', '0', '--destination-port', '0',
    '--web-root', join(WEB, 'dist'),
  ]);
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const urls: Record<string, string> = {};
  await new Promise<void>((ok, fail) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const m = /\(country of (origin|work)\)\s+(http:\/\/\S+)/.exec(line);
      if (m) urls[m[1]] = m[2];
      if (line.includes('Press Ctrl-C')) ok();
    });
    proc.on('exit', (code) => fail(new Error(`corridor demo exited (${code}): ${stderr}`)));
  });
  const accounts = JSON.parse(readFileSync(join(dir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  return {
    nepal: urls.origin,
    kuwait: urls.work,
    dir,
    accounts,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((ok) => proc.once('exit', ok));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Runs a corridor command (e.g. `screen import` on a node's store) and returns its output.
export async function corridor(args: string[]): Promise<string> {
  const proc = spawn(BIN, args);
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => {
    out += String(d);
  });
  proc.stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await new Promise<number | null>((ok) => proc.on('exit', ok));
  if (code !== 0) throw new Error(`corridor ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

export function password(demo: Demo, node: 'nepal' | 'kuwait', username: string): string {
  const a = demo.accounts.find((x) => x.node === node && x.username === username);
  if (!a) throw new Error(`no demo account ${node}/${username}`);
  return a.password;
}

// The API, for setting the scene and for checking what the portal shows against the node.
export class Client {
  private token = '';
  constructor(readonly base: string) {}

  static async login(demo: Demo, node: 'nepal' | 'kuwait', username: string): Promise<Client> {
    const c = new Client(node === 'nepal' ? demo.nepal : demo.kuwait);
    const r = await c.call<{ token: string }>('POST', '/api/v1/session', { username, password: password(demo, node, username) });
    c.token = r.token;
    return c;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async all<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    let after = '';
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.call<{ items: T[]; next: string | null }>('GET', `${path}${sep}limit=200${after ? `&after=${after}` : ''}`);
      out.push(...page.items);
      if (!page.next) return out;
      after = page.next;
    }
  }
}

export const LAUNCH_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

// Chromium with a fresh profile, a phone-sized window, and no access beyond 127.0.0.1.
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'corridor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_FLAGS,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Asia/Kuwait',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A new tab whose page errors fail the test.
export async function newPage(b: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await b.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The portal's Content-Security-Policy must never have to refuse the portal itself.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return { page, errors };
}

// Waits until the portal finished rendering a page (main[aria-busy=false]).
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]');
  // Parts that load after the page (the chart) say so with their own progress bar.
  await page.waitForFunction(() => !document.querySelector('main .busy'));
}

// Chooses a language in the header and waits until the page is in it: the catalog loads before
// the document's language changes, so the page is not yet settled in it when the choice is made.
export async function chooseLanguage(page: Page, code: string): Promise<void> {
  await page.selectOption('#language', code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await settled(page);
}

export async function login(page: Page, base: string, username: string, pass: string): Promise<void> {
  await page.goto(`${base}/app/login`);
  await settled(page);
  // A test that failed half-way may have left someone logged in.
  if (await page.locator('button[data-action=logout]').count()) await logout(page);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', pass);
  await page.click('button[data-action=login]');
  await page.waitForURL((u) => !u.pathname.startsWith('/app/login'));
  await settled(page);
}

export async function logout(page: Page): Promise<void> {
  await page.click('button[data-action=logout]');
  await page.waitForURL((u) => u.pathname.startsWith('/app/login'));
  await settled(page);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

// axe-core's WCAG 2.1 A and AA rules and its best practices, on the page as it is now.
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated from outside the page, so the portal's Content-Security-Policy (no inline
  // scripts) stays in force for everything else.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource};0`);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n` +
    x.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')).join('\n');
}

// The page is no wider than the screen: nothing to scroll sideways.
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

let shotCount = 0;
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  shotCount += 1;
  const file = join(SHOTS, `${String(shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function catalog(lang: string): Record<string, string | Record<string, string>> {
  return JSON.parse(readFileSync(join(WEB, 'src/i18n', `${lang}.json`), 'utf8'));
}

// What every page of every browser test must hold once it has settled: it is screenshotted as
// `name`, axe-core finds nothing, nothing scrolls sideways at the page's width, and the page raised
// no error (`errors`, as newPage collects them).
export async function checkPage(page: Page, errors: string[], name: string): Promise<void> {
  await settled(page);
  await screenshot(page, name);
  const violations = await axe(page);
  expect(violations, `axe on ${name}:\n${describeViolations(violations)}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
  expect(errors, `page errors on ${name}`).toEqual([]);
}
