// Languages of the portal: message catalogs (src/i18n/<code>.json, flat keys, {name}
// placeholders, plural forms as {one, other, ...} objects chosen by Intl.PluralRules) and
// locale-aware formatting of numbers, money, dates and lists through the Intl APIs.
//
// Browsers do not all carry every locale's data (Chromium has none for Nepali): when Intl does
// not know the language, numbers are grouped as in `fallback` and written in the catalog's own
// digits (format.digits), dates are built from the catalog's month names (month.1 to month.12,
// format.date) and lists joined with format.and.
//
// English is bundled; every other catalog is loaded when first chosen. A key missing from a
// catalog falls back to English (the unit tests require every catalog to be complete).

import languageList from '../../data/i18n/languages.json';
import en from './i18n/en.json';

export type Catalog = Record<string, string | Record<string, string>>;

export interface Language {
  code: string;       // the API's language code (account.language, ?lang= of the document)
  name: string;       // the language's own name, shown in the switcher
  locale: string;     // BCP 47 locale for Intl
  dir: 'ltr' | 'rtl';
  fallback: string;   // a locale Intl always has, with the same digit grouping
}

// The languages the portal offers: those of the one list (data/i18n/languages.json, which the
// node compiles in too) that have a `portal` entry, in the list's order (English first).
interface ListedLanguage {
  code: string;
  name: string;
  dir: string;
  portal?: { locale: string; fallback: string };
}

export const LANGUAGES: Language[] = (languageList.languages as ListedLanguage[]).flatMap((l) =>
  l.portal
    ? [{ code: l.code, name: l.name, locale: l.portal.locale, dir: l.dir === 'rtl' ? 'rtl' : 'ltr', fallback: l.portal.fallback }]
    : [],
);

const loaders = import.meta.glob<Catalog>(['./i18n/*.json', '!./i18n/en.json'], {
  import: 'default',
});

const english = en as Catalog;
let current: Language = LANGUAGES[0];
let catalog: Catalog = english;
let intlKnows = true;  // whether Intl has the current language's data
const listeners: Array<() => void> = [];

export function language(): Language {
  return current;
}

export function findLanguage(code: string | null | undefined): Language | undefined {
  if (!code) return undefined;
  const base = code.toLowerCase().split('-')[0];
  return LANGUAGES.find((l) => l.code === base || (base === 'fil' && l.code === 'tl'));
}

// Loads the catalog and switches the document's language and direction.
export async function setLanguage(code: string): Promise<void> {
  const lang = findLanguage(code) ?? LANGUAGES[0];
  if (lang === current && typeof document !== 'undefined' && document.documentElement.lang === lang.code) return;
  let next = english;
  if (lang.code !== 'en') {
    const load = loaders[`./i18n/${lang.code}.json`];
    if (load) next = await load();
  }
  current = lang;
  catalog = next;
  intlKnows = knows(lang.locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang.code;
    document.documentElement.dir = lang.dir;
  }
  for (const f of listeners) f();
}

const LANG_KEY = 'corridor.language';

// The reader's last choice on this device.
export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

export function rememberLanguage(code: string): void {
  try {
    localStorage.setItem(LANG_KEY, code);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
}

export function onLanguageChange(f: () => void): void {
  listeners.push(f);
}

export type Params = Record<string, string | number>;

function lookup(key: string): string | Record<string, string> | undefined {
  return catalog[key] ?? english[key];
}

// The message `key` in the current language. Numbers in params are formatted for the locale;
// a plural message picks its form by params.n.
export function t(key: string, params: Params = {}): string {
  let message = lookup(key);
  if (message === undefined) return key;
  if (typeof message !== 'string') {
    const n = typeof params.n === 'number' ? params.n : 0;
    const form = new Intl.PluralRules(current.locale).select(n);
    message = message[form] ?? message.other ?? '';
  }
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

// Whether the current catalog (or English) has `key`: for enumerations the server may extend.
export function has(key: string): boolean {
  return lookup(key) !== undefined;
}

function knows(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

// ASCII digits written in the catalog's digits, when Intl could not do it.
function digits(text: string): string {
  const d = lookup('format.digits');
  if (typeof d !== 'string' || [...d].length !== 10) return text;
  const glyphs = [...d];
  return text.replace(/[0-9]/g, (c) => glyphs[Number(c)]);
}

export function formatNumber(n: number): string {
  if (intlKnows) return new Intl.NumberFormat(current.locale).format(n);
  return digits(new Intl.NumberFormat(current.fallback).format(n));
}

// Money from the API: {amount: "120.500", currency: "KWD"}. The amount is a decimal string; it
// is shown with the currency's own number of decimals.
export function formatMoney(m: { amount: string; currency: string } | null | undefined): string {
  if (!m) return '';
  const value = Number(m.amount);
  if (!Number.isFinite(value)) return `${m.amount} ${m.currency}`;
  try {
    if (intlKnows) {
      return new Intl.NumberFormat(current.locale, { style: 'currency', currency: m.currency }).format(value);
    }
    const decimals = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().minimumFractionDigits;
    const amount = new Intl.NumberFormat(current.fallback, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
    return `${m.currency}\u00a0${digits(amount)}`;
  } catch {
    return `${formatNumber(value)} ${m.currency}`;
  }
}

// "a, b and c" in the reader's language.
export function formatList(items: string[]): string {
  if (intlKnows) return new Intl.ListFormat(current.locale, { style: 'long', type: 'conjunction' }).format(items);
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')}${t('format.and')}${items[items.length - 1]}`;
}

function dateOf(date: Date, utc: boolean): string {
  if (intlKnows) {
    // The month by name: 01/12 means January to some readers and December to others.
    return new Intl.DateTimeFormat(current.locale, {
      day: 'numeric', month: 'long', year: 'numeric', timeZone: utc ? 'UTC' : undefined,
    }).format(date);
  }
  const day = utc ? date.getUTCDate() : date.getDate();
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  return t('format.date', { day: digits(String(day)), month: t(`month.${month}`), year: digits(String(year)) });
}

// A calendar date "YYYY-MM-DD" (no time zone: it is the same day everywhere).
export function formatDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return d;
  return dateOf(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), true);
}

// A month "YYYY-MM" (a payroll month): "December 2026".
export function formatMonth(m: string | null | undefined): string {
  if (!m) return '';
  const x = /^(\d{4})-(\d{2})$/.exec(m);
  if (!x) return m;
  const month = Number(x[2]);
  if (month < 1 || month > 12) return m;
  if (intlKnows) {
    return new Intl.DateTimeFormat(current.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(Number(x[1]), month - 1, 1)));
  }
  return t('format.month_year', { month: t(`month.${month}`), year: digits(x[1]) });
}

// An instant "YYYY-MM-DDTHH:MM:SS.mmmZ", shown in the reader's time zone.
export function formatTime(ts: string | null | undefined): string {
  if (!ts) return '';
  const date = new Date(ts);
  if (Number.isNaN(date.getTime())) return ts;
  if (intlKnows) {
    return new Intl.DateTimeFormat(current.locale, {
      day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit',
    }).format(date);
  }
  const hm = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return `${dateOf(date, false)} ${digits(hm)}`;
}

// A country code (ISO 3166 alpha-3 from the API) by name: the catalog's name for the countries
// of the corridors, Intl's for others.
const alpha3to2: Record<string, string> = {
  NPL: 'NP', KWT: 'KW', IND: 'IN', BGD: 'BD', PHL: 'PH', LKA: 'LK', PAK: 'PK', SAU: 'SA',
  ARE: 'AE', QAT: 'QA', OMN: 'OM', BHR: 'BH', IDN: 'ID', ETH: 'ET', KEN: 'KE', UGA: 'UG',
};
export function formatCountry(code: string | null | undefined): string {
  if (!code) return '';
  if (has(`country.${code}`)) return t(`country.${code}`);
  const two = alpha3to2[code];
  if (!two) return code;
  try {
    return new Intl.DisplayNames([current.locale], { type: 'region' }).of(two) ?? code;
  } catch {
    return code;
  }
}
