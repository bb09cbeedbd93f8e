// Names for the ids in records (workers, employers, agencies), fetched once per id and kept for
// the session's page views. A name the reader may not see stays an id: the node answers 404.

import { ApiError, get } from './api';
import type { Agency, Employer, Worker } from './types';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T | null> {
  let p = cache.get(key) as Promise<T | null> | undefined;
  if (!p) {
    p = load().catch((err) => {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
      cache.delete(key);
      throw err;
    });
    cache.set(key, p);
  }
  return p;
}

export function forgetNames(): void {
  cache.clear();
}

export const workerRecord = (id: string) => once<Worker>(`w:${id}`, () => get<Worker>(`/api/v1/workers/${encodeURIComponent(id)}`));
export const employerRecord = (id: string) => once<Employer>(`e:${id}`, () => get<Employer>(`/api/v1/employers/${encodeURIComponent(id)}`));
export const agencyRecord = (id: string) => once<Agency>(`a:${id}`, () => get<Agency>(`/api/v1/agencies/${encodeURIComponent(id)}`));

// "Sita Kumari Thapa", from the passport's Latin names (title case for reading).
export function workerName(w: Worker): string {
  const cap = (s: string) => s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  return cap([w.given_names_latin ?? '', w.family_name_latin].filter(Boolean).join(' '));
}

export async function workerLabel(id: string): Promise<string> {
  const w = await workerRecord(id).catch(() => null);
  return w ? workerName(w) : id;
}

export async function employerLabel(id: string): Promise<string> {
  const e = await employerRecord(id).catch(() => null);
  return e ? e.name : id;
}

export async function agencyLabel(id: string): Promise<string> {
  const a = await agencyRecord(id).catch(() => null);
  return a ? a.name : id;
}

// Labels for many ids at once.
export async function labels(ids: Iterable<string>, one: (id: string) => Promise<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const values = await Promise.all(unique.map(one));
  return new Map(unique.map((id, i) => [id, values[i]]));
}
