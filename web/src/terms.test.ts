// Contract terms as read: each field formatted, differences found field by field as the node
// finds them, the node's own difference text shown in the reader's language; typed digits.

import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from './i18n';
import { TERM_FIELDS, diffTerms, diffValue, termValue } from './terms';
import { asciiDigits } from './text';
import type { ContractTerms } from './types';

const terms: ContractTerms = {
  worker: 'W-1', employer: 'E-1', agency: null, origin_country: 'NPL', destination_country: 'KWT',
  position: 'Home care worker', isco_code: '5322', basic_wage: { amount: '120.000', currency: 'KWD' },
  housing: { kind: 'in_kind' }, food: { kind: 'cash', amount: { amount: '15.000', currency: 'KWD' } },
  transport: { kind: 'none' }, hours_per_day: 8, days_per_week: 6, weekly_rest_day: 'friday',
  overtime_percent: 125, annual_leave_days: 30, probation_months: 3, start_date: '2026-12-01',
  duration_months: 24, notice_period_days: 30, place_of_work: 'Salmiya',
  accommodation: 'provided_free', accommodation_details: 'private room',
  recruitment_fees_paid_by: 'employer', travel_paid_by: 'employer', repatriation_paid_by: 'employer',
  worker_fees: { amount: '0.000', currency: 'KWD' }, languages: ['ne', 'en'],
};

beforeEach(async () => {
  await setLanguage('en');
});

describe('termValue', () => {
  it('formats every field', () => {
    for (const f of TERM_FIELDS) expect(termValue(terms, f), f).not.toBe('');
    expect(termValue(terms, 'basic_wage')).toBe('KWD\u00a0120.000 a month');
    expect(termValue(terms, 'food')).toBe('Cash allowance of KWD\u00a015.000');
    expect(termValue(terms, 'hours_per_day')).toBe('8 hours');
    expect(termValue(terms, 'weekly_rest_day')).toBe('Friday');
    expect(termValue(terms, 'agency')).toBe('None');
    expect(termValue(terms, 'destination_country')).toBe('Kuwait');
    expect(termValue(terms, 'languages')).toBe('Nepali and English');
    expect(termValue(terms, 'employer', { employer: 'Gulf Care' })).toBe('Gulf Care');
  });

  it('speaks the reader\'s language', async () => {
    await setLanguage('ne');
    expect(termValue(terms, 'weekly_rest_day')).toBe('शुक्रबार');
    expect(termValue(terms, 'hours_per_day')).toBe('८ घण्टा');
  });
});

describe('diffTerms', () => {
  it('finds nothing in identical terms', () => {
    expect(diffTerms(terms, { ...terms })).toEqual([]);
  });

  it('finds each changed field, in the order of the contract', () => {
    const worse = { ...terms, hours_per_day: 12, basic_wage: { amount: '80.000', currency: 'KWD' }, position: 'Housemaid' };
    expect(diffTerms(terms, worse)).toEqual(['position', 'basic_wage', 'hours_per_day']);
  });

  it('sees a change inside an allowance', () => {
    const less = { ...terms, food: { kind: 'cash' as const, amount: { amount: '5.000', currency: 'KWD' } } };
    expect(diffTerms(terms, less)).toEqual(['food']);
  });
});

describe('diffValue', () => {
  it('formats from the terms when they are known', () => {
    expect(diffValue({ field: 'hours_per_day', before: '8', after: '12' }, 'after', { ...terms, hours_per_day: 12 })).toBe('12 hours');
  });

  it('reads the node\'s text otherwise', () => {
    expect(diffValue({ field: 'basic_wage', before: '120.000 KWD', after: '80.000 KWD' }, 'after')).toBe('KWD\u00a080.000');
    expect(diffValue({ field: 'weekly_rest_day', before: 'friday', after: 'sunday' }, 'after')).toBe('Sunday');
    expect(diffValue({ field: 'position', before: 'A', after: 'Housemaid' }, 'after')).toBe('Housemaid');
  });
});

describe('asciiDigits', () => {
  it('reads digits of every script the portal speaks', () => {
    expect(asciiDigits('١٢٠٫٥')).toBe('120.5');
    expect(asciiDigits('१२०')).toBe('120');
    expect(asciiDigits('১২০')).toBe('120');
    expect(asciiDigits(' 2027-01-15 ')).toBe('2027-01-15');
  });
});
