// The pure parts of the wage and border pages: months, amounts and dates of findings formatted
// for the reader, and a machine-readable zone cleaned as typed.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMonth, setLanguage } from './i18n';
import { cleanZone } from './pages/border';
import { amountValue, findingValue } from './pages/wages';

afterEach(async () => {
  await setLanguage('en');
});

describe('formatMonth', () => {
  it('names the month and year in the reader\'s language', async () => {
    await setLanguage('en');
    expect(formatMonth('2026-12')).toBe('December 2026');
    await setLanguage('ar');
    expect(formatMonth('2026-12')).toContain('ديسمبر');
  });

  it('uses the catalog\'s month names and digits where the browser has no data', async () => {
    const spy = vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((l) =>
      ([] as string[]).concat(l as string).filter((x) => !x.startsWith('ne')));
    try {
      await setLanguage('ne');
      expect(formatMonth('2026-12')).toBe('डिसेम्बर २०२६');
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves what is not a month as it is', () => {
    expect(formatMonth('2026-13')).toBe('2026-13');
    expect(formatMonth('December')).toBe('December');
    expect(formatMonth('')).toBe('');
  });
});

describe('findingValue', () => {
  it('shows an amount with its currency as money, a date as a date, anything else as it is', () => {
    expect(findingValue('120.000 KWD')).toBe('KWD\u00a0120.000');
    expect(findingValue('2027-01-07')).toBe('7 January 2027');
    expect(findingValue('recruitment_fee_recovery')).toBe('recruitment_fee_recovery');
  });

  it('measures bars by the amount, and a bad amount as nothing', () => {
    expect(amountValue('135.500')).toBe(135.5);
    expect(amountValue('n/a')).toBe(0);
  });
});

describe('cleanZone', () => {
  it('upper-cases, drops spaces and blank lines, keeps one zone line per line', () => {
    expect(cleanZone(' p<uto eriksson<<anna \r\n\n l898902c36 \n')).toBe('P<UTOERIKSSON<<ANNA\nL898902C36');
    expect(cleanZone('   \n ')).toBe('');
  });
});
