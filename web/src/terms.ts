// A contract's terms as people read them: each field's label and value in the reader's language,
// in the order of the printed contract, and the field-by-field difference of two versions
// (the same fields, in the same order, as the node's own comparison in src/domain/contract.cpp).

import { formatCountry, formatDate, formatList, formatMoney, has, t } from './i18n';
import type { Allowance, ContractTerms, FieldDiff, Money } from './types';

export const TERM_FIELDS: Array<keyof ContractTerms> = [
  'worker', 'employer', 'agency', 'origin_country', 'destination_country', 'position', 'isco_code',
  'basic_wage', 'housing', 'food', 'transport', 'hours_per_day', 'days_per_week',
  'weekly_rest_day', 'overtime_percent', 'annual_leave_days', 'probation_months', 'start_date',
  'duration_months', 'notice_period_days', 'place_of_work', 'accommodation',
  'accommodation_details', 'recruitment_fees_paid_by', 'travel_paid_by', 'repatriation_paid_by',
  'worker_fees', 'languages',
];

function allowance(a: Allowance): string {
  if (a.kind === 'cash') return t('allowance.cash', { amount: formatMoney(a.amount) });
  return t(`allowance.${a.kind}`);
}

function enumValue(prefix: string, v: string): string {
  return has(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : v;
}

export interface Names {
  worker?: string;
  employer?: string;
  agency?: string;
  occupation?: string;
}

// The value of one term, formatted; `names` replaces ids by names where the reader may know them.
export function termValue(terms: ContractTerms, field: keyof ContractTerms, names: Names = {}): string {
  switch (field) {
    case 'worker': return names.worker ?? terms.worker;
    case 'employer': return names.employer ?? terms.employer;
    case 'agency': return terms.agency ? (names.agency ?? terms.agency) : t('common.none');
    case 'origin_country':
    case 'destination_country': return formatCountry(terms[field]);
    case 'isco_code': return names.occupation ? `${terms.isco_code} · ${names.occupation}` : terms.isco_code;
    case 'basic_wage': return t('value.per_month', { amount: formatMoney(terms.basic_wage) });
    case 'worker_fees': return formatMoney(terms.worker_fees);
    case 'housing':
    case 'food':
    case 'transport': return allowance(terms[field]);
    case 'hours_per_day': return t('value.hours_per_day', { n: terms.hours_per_day });
    case 'days_per_week': return t('value.days_per_week', { n: terms.days_per_week });
    case 'weekly_rest_day': return enumValue('day', terms.weekly_rest_day);
    case 'overtime_percent': return t('value.overtime', { n: terms.overtime_percent });
    case 'annual_leave_days':
    case 'notice_period_days': return t('value.days', { n: terms[field] });
    case 'probation_months':
    case 'duration_months': return t('value.months', { n: terms[field] });
    case 'start_date': return formatDate(terms.start_date);
    case 'accommodation': return enumValue('accommodation', terms.accommodation);
    case 'recruitment_fees_paid_by':
    case 'travel_paid_by':
    case 'repatriation_paid_by': return enumValue('payer', terms[field]);
    case 'languages': return formatList(terms.languages.map((l) => enumValue('lang', l)));
    default: return String(terms[field] ?? '');
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The fields that differ between two versions of the terms.
export function diffTerms(before: ContractTerms, after: ContractTerms): Array<keyof ContractTerms> {
  return TERM_FIELDS.filter((f) => !same(before[f], after[f]));
}

// A difference the node reported ("80.000 KWD", "friday") shown in the reader's language. When
// both versions of the terms are at hand they are formatted directly; otherwise the node's text
// is interpreted where its form is known.
export function diffValue(d: FieldDiff, side: 'before' | 'after', terms?: ContractTerms): string {
  const f = d.field as keyof ContractTerms;
  if (terms && TERM_FIELDS.includes(f)) return termValue(terms, f);
  const raw = d[side];
  const money = /^([0-9]+(?:\.[0-9]+)?) ([A-Z]{3})$/.exec(raw);
  if (money) return formatMoney({ amount: money[1], currency: money[2] } as Money);
  for (const prefix of ['day', 'accommodation', 'payer']) {
    if (has(`${prefix}.${raw}`)) return t(`${prefix}.${raw}`);
  }
  return raw;
}
