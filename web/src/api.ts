// The node's HTTP API (docs/openapi.yaml) as the portal uses it: JSON in and out, the session's
// bearer token on every call, problems (RFC 9457) turned into ApiError, and the list of the
// API's operations read from /api/v1/openapi.json so pages for capabilities the node does not
// have are never shown.

import type { Account, FieldDiff, ListOf } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
    readonly differences?: FieldDiff[],
  ) {
    super(detail || title);
  }
}

const TOKEN_KEY = 'corridor.session';

interface Stored {
  token: string;
  account: Account;
}

let session: Stored | null = null;
let onExpired: () => void = () => {};

export function loadSession(): Stored | null {
  if (session) return session;
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    session = raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    session = null;
  }
  return session;
}

export function currentAccount(): Account | null {
  return loadSession()?.account ?? null;
}

export function setOnExpired(f: () => void): void {
  onExpired = f;
}

function saveSession(s: Stored | null): void {
  session = s;
  if (s) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(TOKEN_KEY);
}

// A random key for a creating POST, so a retry never creates twice.
function idempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function problemOf(r: Response): Promise<ApiError> {
  let p: Record<string, unknown> = {};
  try {
    p = (await r.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: the status alone speaks.
  }
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  return new ApiError(
    r.status,
    str('type') || `/problems/http-${r.status}`,
    str('title') || r.statusText,
    str('detail'),
    str('field') || undefined,
    Array.isArray(p.differences) ? (p.differences as FieldDiff[]) : undefined,
  );
}

export interface CallOptions {
  body?: unknown;
  idempotent?: boolean;  // a creating POST: send an Idempotency-Key
  accept?: string;
}

export async function raw(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  const s = loadSession();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idempotent) headers['Idempotency-Key'] = idempotencyKey();
  const r = await fetch(path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (r.status === 401 && s) {
    // The session ended (expired, or logged out elsewhere): back to the login page.
    saveSession(null);
    onExpired();
  }
  if (!r.ok) throw await problemOf(r);
  return r;
}

export async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const r = await raw(method, path, opts);
  if (r.status === 204) return undefined as T;
  return (await r.json()) as T;
}

// Sends a file as the request body (or files as a multipart form, `contentType` null: the
// browser writes the boundary) with XMLHttpRequest, whose upload events (unlike fetch's) tell
// how much has gone: `progress` hears (sent, total) while it goes and (total, total) once the
// node has it all and is working on it. A problem answer throws ApiError, as `call` does.
export function upload<T>(
  path: string,
  file: Blob | FormData,
  contentType: string | null,
  progress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey());
    const s = loadSession();
    if (s) xhr.setRequestHeader('Authorization', `Bearer ${s.token}`);
    let total = file instanceof Blob ? file.size : 0;
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      total = e.total;
      progress(e.loaded, e.total);
    });
    xhr.upload.addEventListener('load', () => progress(total, total));
    xhr.addEventListener('error', () => reject(new TypeError('network error')));
    xhr.addEventListener('abort', () => reject(new TypeError('upload aborted')));
    xhr.addEventListener('load', () => {
      const body = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((body ? JSON.parse(body) : undefined) as T);
        } catch (err) {
          reject(err);
        }
        return;
      }
      if (xhr.status === 401 && s) {
        saveSession(null);
        onExpired();
      }
      // The same problem reading as for fetch, from the text already received.
      void problemOf(new Response(body, { status: xhr.status, statusText: xhr.statusText })).then(reject);
    });
    xhr.send(file);
  });
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown, idempotent = false) =>
  call<T>('POST', path, { body, idempotent });

// Every page of a list, following `next`; `progress` hears the count so far.
export async function all<T>(
  path: string,
  progress?: (count: number) => void,
  cap = 10000,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let after = '';
  const sep = path.includes('?') ? '&' : '?';
  for (;;) {
    const page = await get<ListOf<T>>(`${path}${sep}limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    items.push(...page.items);
    progress?.(items.length);
    if (!page.next) return { items, complete: true };
    if (items.length >= cap) return { items, complete: false };
    after = page.next;
  }
}

export async function login(username: string, password: string): Promise<Account> {
  const r = await call<{ token: string; account: Account }>('POST', '/api/v1/session', {
    body: { username, password },
  });
  saveSession({ token: r.token, account: r.account });
  return r.account;
}

export async function logout(): Promise<void> {
  try {
    if (loadSession()) await call('DELETE', '/api/v1/session');
  } finally {
    saveSession(null);
  }
}

// The API's operations ("GET /api/v1/contracts/{id}"), from its OpenAPI document.
let operations: Set<string> | null = null;

export async function loadOperations(): Promise<void> {
  const set = new Set<string>();
  try {
    const r = await fetch('/api/v1/openapi.json', { credentials: 'omit' });
    const doc = (await r.json()) as { paths?: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(item)) set.add(`${method.toUpperCase()} ${path}`);
    }
  } catch {
    // Without the document the portal shows only what every node has.
  }
  operations = set;
}

// Whether the node offers an operation, e.g. has('GET', '/api/v1/workers/{id}/wages').
export function has(method: string, path: string): boolean {
  return operations?.has(`${method} ${path}`) ?? false;
}

// The node: its name and country, for the login page and the header.
export interface NodeInfo {
  name: string;
  country: string;
}
