// The message catalogs: complete, consistent with English, plural forms for every category the
// language has, every key the code asks for present; and locale formatting.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, formatCountry, formatDate, formatList, formatMoney, setLanguage, t } from './i18n';
import {
  CENTRE_KINDS, CLEARANCE_STANDINGS, CONTRACT_STATES, LICENCE_STATUSES, OFFICIAL_ROLES, REQUIREMENTS,
  REVOCATION_REASONS,
} from './types';
import { TERM_FIELDS } from './terms';

type Catalog = Record<string, string | Record<string, string>>;
const dir = join(__dirname, 'i18n');
const load = (code: string): Catalog => JSON.parse(readFileSync(join(dir, `${code}.json`), 'utf8'));
const en = load('en');

function placeholders(v: string | Record<string, string>): Set<string> {
  const texts = typeof v === 'string' ? [v] : Object.values(v);
  const out = new Set<string>();
  for (const s of texts) for (const m of s.matchAll(/\{(\w+)\}/g)) out.add(m[1]);
  return out;
}

// Source files and the literal keys they ask for.
function sourceKeys(): string[] {
  const keys = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([a-z_.A-Z0-9]+)'/g)) keys.add(m[1]);
      }
    }
  };
  walk(__dirname);
  return [...keys];
}

describe('languages', () => {
  it('are the portal entries of the one list the node compiles in too', () => {
    const list = JSON.parse(readFileSync(join(__dirname, '../../data/i18n/languages.json'), 'utf8'));
    const portal = list.languages.filter((l: { portal?: unknown }) => l.portal);
    expect(LANGUAGES.map((l) => l.code)).toEqual(portal.map((l: { code: string }) => l.code));
    expect(LANGUAGES[0].code).toBe('en');
    expect(LANGUAGES.find((l) => l.code === 'ar')?.dir).toBe('rtl');
    expect(LANGUAGES.find((l) => l.code === 'tl')?.locale).toBe('fil-PH');
  });
});

describe('catalogs', () => {
  it('exist for every language of the switcher, and only for those', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', '')).sort();
    expect(files).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const lang of LANGUAGES.filter((l) => l.code !== 'en')) {
    describe(lang.code, () => {
      const cat = load(lang.code);
      it('has exactly the English keys', () => {
        expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      });
      it('keeps every placeholder and invents none', () => {
        for (const [k, v] of Object.entries(cat)) {
          const want = placeholders(en[k]);
          const got = placeholders(v);
          for (const p of got) expect(want.has(p), `${lang.code} ${k}: {${p}} is not in English`).toBe(true);
          for (const p of want) {
            // A plural form may spell the number out ("ساعة واحدة"); other placeholders stay.
            if (p === 'n' && typeof v !== 'string') continue;
            expect(got.has(p), `${lang.code} ${k}: {${p}} is missing`).toBe(true);
          }
        }
      });
      it('has every plural form the language uses', () => {
        const categories = new Intl.PluralRules(lang.locale).resolvedOptions().pluralCategories;
        for (const [k, v] of Object.entries(en)) {
          if (typeof v === 'string') {
            expect(typeof cat[k], `${lang.code} ${k}`).toBe('string');
            continue;
          }
          const forms = cat[k] as Record<string, string>;
          expect(typeof forms, `${lang.code} ${k}`).toBe('object');
          for (const c of categories) expect(forms[c], `${lang.code} ${k} needs the form '${c}'`).toBeTruthy();
        }
      });
      it('is translated, not copied from English', () => {
        // Sentences left in English would be unreadable to the people these pages are for.
        // (Patterns and some country names are the same in every language.)
        const copied = Object.entries(cat).filter(([k, v]) =>
          typeof v === 'string' && v === en[k] && v.split(' ').length >= 3 && !v.includes('Corridor') &&
          !k.startsWith('format.') && !k.startsWith('country.'));
        expect(copied.map(([k]) => k)).toEqual([]);
      });
      it('has no empty message', () => {
        for (const [k, v] of Object.entries(cat)) {
          const texts = typeof v === 'string' ? [v] : Object.values(v);
          for (const s of texts) expect(s.trim(), `${lang.code} ${k}`).not.toBe('');
        }
      });
    });
  }

  it('has every key the code asks for', () => {
    const missing = sourceKeys().filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });

  it('has a label for every state, term and role the API uses', () => {
    const want = [
      ...CONTRACT_STATES.map((s) => `state.${s}`),
      ...TERM_FIELDS.map((f) => `term.${f}`),
      ...['administrator', 'origin_officer', 'destination_officer', 'embassy', 'employer', 'agency',
        'worker', 'border_officer', 'investigator', 'analyst', 'caseworker', 'case_supervisor',
        'hotline_operator', 'orientation_centre'].map((r) => `role.${r}`),
      ...['active', 'suspended', 'cancelled', 'expired'].map((s) => `permit.${s}`),
      ...['filed', 'completed', 'cancelled'].map((s) => `transferstate.${s}`),
      ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => `day.${d}`),
      ...['scheduled', 'completed', 'cancelled'].map((s) => `session.${s}`),
      ...['enrolled', 'completed', 'absent'].map((s) => `attendance.${s}`),
      ...CENTRE_KINDS.map((k) => `centrekind.${k}`),
      ...LICENCE_STATUSES.map((s) => `licence.${s}`),
      ...OFFICIAL_ROLES.map((r) => `officialrole.${r}`),
      ...REQUIREMENTS.map((r) => `requirement.${r}`),
      ...REVOCATION_REASONS.map((r) => `revocation.${r}`),
      ...CLEARANCE_STANDINGS.map((s) => `clearancestanding.${s}`),
      ...['met', 'missing', 'ready'].map((s) => `requirementstate.${s}`),
      ...['fit', 'unfit'].map((o) => `medical.${o}`),
      ...['workers_rights_and_contract', 'wage_protection_and_complaints', 'safe_migration_and_trafficking',
        'destination_laws_and_culture', 'human_rights', 'contractual_labour', 'trafficking_prevention'].map((x) => `topic.${x}`),
    ];
    expect(want.filter((k) => !(k in en))).toEqual([]);
  });
});

describe('formatting', () => {
  beforeEach(async () => {
    await setLanguage('en');
  });

  it('picks the plural form of the language', async () => {
    expect(t('value.days', { n: 1 })).toBe('1 day');
    expect(t('value.days', { n: 30 })).toBe('30 days');
    await setLanguage('ar');
    expect(t('value.days', { n: 1 })).toBe('يوم واحد');
    expect(t('value.days', { n: 2 })).toBe('يومان');
    expect(t('value.days', { n: 5 })).toBe(`${new Intl.NumberFormat('ar').format(5)} أيام`);
    expect(t('value.days', { n: 30 })).toBe(`${new Intl.NumberFormat('ar').format(30)} يومًا`);
  });

  it('formats money with the currency\'s own decimals, in the reader\'s digits', async () => {
    expect(formatMoney({ amount: '120.500', currency: 'KWD' })).toBe('KWD\u00a0120.500');
    await setLanguage('ne');
    expect(formatMoney({ amount: '120', currency: 'KWD' })).toContain('१२०');
  });

  it('formats a date as the same calendar day everywhere', async () => {
    expect(formatDate('2026-12-01')).toBe('1 December 2026');
    await setLanguage('ar');
    expect(formatDate('2026-12-01')).toContain('ديسمبر');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('writes Nepali digits and month names itself where the browser has no Nepali data', async () => {
    const spy = vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((l) =>
      ([] as string[]).concat(l as string).filter((x) => !x.startsWith('ne')));
    try {
      await setLanguage('ne');
      expect(formatDate('2026-12-01')).toBe('१ डिसेम्बर २०२६');
      expect(formatMoney({ amount: '120500.5', currency: 'KWD' })).toBe('KWD\u00a0१,२०,५००.५००');
      expect(formatList(['क', 'ख', 'ग'])).toBe('क, ख र ग');
      expect(t('value.days', { n: 30 })).toBe('३० दिन');
      await setLanguage('en');
      expect(formatDate('2026-12-01')).toBe('1 December 2026');
    } finally {
      spy.mockRestore();
    }
  });

  it('names the countries of the corridor in the reader\'s language', async () => {
    await setLanguage('ar');
    expect(formatCountry('KWT')).toBe('الكويت');
    expect(formatCountry('XXX')).toBe('XXX');
  });

  it('falls back to the key for an unknown message rather than failing', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
