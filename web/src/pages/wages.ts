// A worker's wages, month by month: what the contract says was owed against what was paid, the
// arrears carried, as a chart and as a table; and, when arrears have waived the notice of a job
// change away from an employer, that fact in plain words. Shown to the worker on their home and to
// the authority, the worker's embassy and an employer (its own months) on the worker's page.

import { ApiError, all, get } from '../api';
import { groupChart } from '../chart';
import { h } from '../dom';
import { formatDate, formatMoney, formatMonth, formatTime, t } from '../i18n';
import { employerLabel, labels, workerLabel, workerName } from '../names';
import type { Notification, WageHistory, WageMonth, Worker } from '../types';
import { empty, label, link, notice, section, table } from '../ui';

// "135.000" as a number, only for the length of a bar (amounts shown are never computed).
export function amountValue(amount: string): number {
  const v = Number(amount);
  return Number.isFinite(v) ? v : 0;
}

export function money(amount: string, currency: string): string {
  return formatMoney({ amount, currency });
}

// A finding's expected or actual value: "120.000 KWD" as money, "2027-01-07" as a date.
export function findingValue(text: string): string {
  const m = /^([0-9]+(?:\.[0-9]+)?) ([A-Z]{3})$/.exec(text);
  if (m) return formatMoney({ amount: m[1], currency: m[2] });
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  return text;
}

// The finding's code in the reader's language, with its meaning as a hint.
// A finding's code: one of PayrollFinding's, or a key of a compliance month's counts.
export function findingLabel(f: { code: string }): string {
  const key = `finding.${f.code}`;
  const text = t(key);
  return text === key ? f.code : text;
}

async function history(worker: string): Promise<WageHistory | null> {
  try {
    return await get<WageHistory>(`/api/v1/workers/${encodeURIComponent(worker)}/wages`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}

// The section, or null when the reader may not see this worker's wages.
export async function wagesSection(worker: string, own: boolean): Promise<HTMLElement | null> {
  const w = await history(worker);
  if (!w) return null;
  const employers = await labels(
    w.months.map((m) => m.employer).concat(w.transfer_without_notice.map((u) => u.employer)), employerLabel);
  const emp = (id: string) => employers.get(id) ?? id;
  const several = new Set(w.months.map((m) => m.employer)).size > 1;
  const monthLabel = (m: WageMonth) => (several ? `${formatMonth(m.month)} · ${emp(m.employer)}` : formatMonth(m.month));
  const unlocked = w.transfer_without_notice.filter((u) => u.active);
  const short = w.months.filter((m) => amountValue(m.paid) < amountValue(m.expected));
  const last = w.months[w.months.length - 1];
  const owing = w.months.length ? lastArrears(w.months) : [];
  return section(own ? t('wages.title_own') : t('wages.title'), { 'data-testid': 'wages' },
    unlocked.map((u) => h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'transfer-unlocked', 'data-employer': u.employer },
      h('p', null, h('strong', null, t(own ? 'wages.unlocked_own' : 'wages.unlocked', {
        employer: emp(u.employer),
        n: u.months_in_arrears,
        amount: money(u.outstanding, u.currency),
      }))),
      h('p', null, t('wages.unlocked_since', { time: formatTime(u.since) })))),
    w.months.length === 0
      ? empty(own ? t('wages.none_own') : t('wages.none'))
      : [
          owing.length
            ? h('div', { class: 'alert alert-error', role: 'status', 'data-testid': 'arrears' },
                owing.map((m) => h('p', null, t(own ? 'wages.owed_own' : 'wages.owed', {
                  employer: emp(m.employer), amount: money(m.arrears, m.currency),
                }))))
            : notice(t('wages.paid_in_full', { month: formatMonth(last.month) })),
          short.length ? h('p', { class: 'hint' }, t('wages.months_short', { n: short.length })) : null,
          groupChart(t('wages.chart'),
            // Short names: the chart's label column is narrow; the table below has the full ones.
            [{ key: 'expected', label: t('payroll.expected') }, { key: 'paid', label: t('payroll.actual') }],
            w.months.map((m) => ({
              key: `${m.month}-${m.employer}`,
              label: monthLabel(m),
              values: [amountValue(m.expected), amountValue(m.paid)],
              texts: [money(m.expected, m.currency), money(m.paid, m.currency)],
            }))),
          table(t('wages.table'), [
            { head: t('wages.month'), cell: (m: WageMonth) => formatMonth(m.month) },
            several ? { head: t('term.employer'), cell: (m: WageMonth) => emp(m.employer) } : null,
            { head: t('wages.expected'), cell: (m: WageMonth) => money(m.expected, m.currency), cls: 'num' },
            { head: t('wages.paid'), cell: (m: WageMonth) => money(m.paid, m.currency), cls: 'num' },
            {
              head: t('wages.arrears'),
              cell: (m: WageMonth) => amountValue(m.arrears) > 0
                ? h('strong', { class: 'no' }, money(m.arrears, m.currency))
                : money(m.arrears, m.currency),
              cls: 'num',
            },
          ].filter((c) => c !== null), [...w.months].reverse(), { 'data-testid': 'wages-table' }),
        ],
    own ? h('p', { class: 'hint' }, t('wages.own_hint')) : null);
}

// Each employer's arrears after its latest month, where money is still owed.
function lastArrears(months: WageMonth[]): WageMonth[] {
  const latest = new Map<string, WageMonth>();
  for (const m of months) latest.set(m.employer, m);
  return [...latest.values()].filter((m) => amountValue(m.arrears) > 0);
}

const ALERTS = ['wages.transfer_unlocked', 'wage.alert', 'payroll.finding'];
const NATIONALS_CHECKED = 50;

interface Owing {
  worker: Worker;
  month: WageMonth;
}

// Wage alerts for an embassy or the country of origin: the notifications about wages addressed
// to the reader (job changes unlocked by arrears, alerts the country of work sent), and for an
// embassy, which of its nationals are owed wages now.
export async function wageAlerts(nationals?: Worker[]): Promise<HTMLElement> {
  const notes = (await all<Notification>('/api/v1/notifications', undefined, 1000)).items
    .filter((n) => ALERTS.includes(n.type))
    .sort((a, b) => b.time.localeCompare(a.time))
    .slice(0, 50);
  const owing: Owing[] = [];
  if (nationals) {
    const histories = await Promise.all(nationals.slice(0, NATIONALS_CHECKED).map((w) => history(w.id).catch(() => null)));
    histories.forEach((hst, i) => {
      if (!hst) return;
      for (const m of lastArrears(hst.months)) owing.push({ worker: nationals[i], month: m });
    });
  }
  const workerIds = notes.map((n) => String(n.data.worker ?? '')).filter(Boolean);
  const employerIds = notes.map((n) => String(n.data.employer ?? '')).filter(Boolean)
    .concat(owing.map((o) => o.month.employer));
  const [workers, employers] = await Promise.all([labels(workerIds, workerLabel), labels(employerIds, employerLabel)]);
  const text = (n: Notification): string => {
    const d = n.data;
    if (n.type === 'wages.transfer_unlocked') {
      return t('alert.unlocked', {
        worker: workers.get(String(d.worker)) ?? String(d.worker),
        employer: employers.get(String(d.employer)) ?? String(d.employer),
        n: Number(d.months_in_arrears ?? 0),
        amount: money(String(d.outstanding ?? '0'), String(d.currency ?? '')),
      });
    }
    if (n.type === 'wage.alert') return t('alert.from_destination', { alert: label('event', String(d.alert ?? '')) });
    return label('event', n.type);
  };
  const target = (n: Notification) => {
    if (n.subject.startsWith('C-')) return link(`/app/contract/${n.subject}`, t('common.open'));
    if (n.subject.startsWith('W-')) return link(`/app/worker/${n.subject}`, t('common.open'));
    if (n.subject.startsWith('PF-')) return link(`/app/payroll/${n.subject}`, t('common.open'));
    return null;
  };
  return section(t('alert.title'), { 'data-testid': 'wage-alerts', class: 'card queue' },
    h('p', { class: 'hint' }, t(nationals ? 'alert.hint_embassy' : 'alert.hint_origin')),
    nationals
      ? [h('h3', null, t('alert.owed_title')),
         owing.length
           ? table(t('alert.owed_title'), [
               { head: t('worker.name'), cell: (o: Owing) => link(`/app/worker/${o.worker.id}`, workerName(o.worker)) },
               { head: t('term.employer'), cell: (o: Owing) => employers.get(o.month.employer) ?? o.month.employer },
               { head: t('wages.arrears'), cell: (o: Owing) => h('strong', { class: 'no' }, money(o.month.arrears, o.month.currency)), cls: 'num' },
               { head: t('alert.as_of'), cell: (o: Owing) => formatMonth(o.month.month) },
             ], owing, { 'data-testid': 'owed-table' })
           : empty(t('alert.none_owed')),
         nationals.length > NATIONALS_CHECKED ? h('p', { class: 'hint' }, t('alert.checked_first', { n: NATIONALS_CHECKED })) : null,
         h('h3', null, t('alert.notes_title'))]
      : null,
    notes.length
      ? h('ul', { class: 'plain', 'data-testid': 'alert-notes' }, notes.map((n) => h('li', { 'data-type': n.type },
          h('div', null, text(n), ' ', target(n)),
          h('div', { class: 'when' }, formatTime(n.time)))))
      : empty(t('alert.none')));
}
