// Wage protection for the employer and the authority: uploading a month's payroll file (a WPS
// SIF or the extended CSV, docs/formats/payroll.md) with its progress, the findings of a file
// worker by worker, the employer's files with their versions, and its compliance month by month
// with the escalation steps taken.

import { all, ApiError, get, upload } from '../api';
import { groupChart } from '../chart';
import { h } from '../dom';
import { formatDate, formatMonth, formatNumber, formatTime, t } from '../i18n';
import { employerLabel, labels, workerLabel } from '../names';
import type {
  Account, Compliance, ComplianceMonth, EscalationStep, PayrollFile, PayrollFinding, PayrollLine,
  PayrollReport, PayrollSubmission,
} from '../types';
import {
  busy, code, empty, facts, field, heading, label, link, notice, problem, section, table,
} from '../ui';
import { asciiDigits } from '../text';
import { findingLabel, findingValue, money, wagesSection } from './wages';

const MAX_BYTES = 32 * 1024 * 1024;

// Whether a file is a SIF: its first record is EDR, EVP or SCR (the node tells them apart so).
async function isSif(file: Blob): Promise<boolean> {
  const head = (await file.slice(0, 8).text()).replace(/^\uFEFF/, '').trimStart().slice(0, 3).toUpperCase();
  return head === 'EDR' || head === 'EVP' || head === 'SCR';
}

function previousMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function kib(bytes: number): string {
  return t('payroll.kib', { n: Math.max(1, Math.ceil(bytes / 1024)) });
}

// The upload form: file, month, and for a SIF the day the salaries were credited.
function uploadForm(onDone: (s: PayrollSubmission) => void): HTMLElement {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.sif,.txt,text/csv,text/plain', required: true });
  const month = h('input', { type: 'month', name: 'month', required: true, value: previousMonth(), pattern: '[0-9]{4}-[0-9]{2}', placeholder: 'YYYY-MM', dir: 'ltr' });
  const today = new Date().toISOString().slice(0, 10);
  const paidOn = h('input', { type: 'date', name: 'paid_on', max: today, dir: 'ltr' });
  const paidField = field(t('payroll.paid_on'), paidOn, t('payroll.paid_on_hint'));
  paidField.hidden = true;
  const kind = h('p', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'file-kind' });
  let sif = false;
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    sif = f ? await isSif(f) : false;
    paidField.hidden = !sif;
    paidOn.required = sif;
    kind.textContent = f ? t(sif ? 'payroll.kind_sif' : 'payroll.kind_extended', { size: kib(f.size) }) : '';
  });
  const out = h('div', { class: 'outcome', 'aria-live': 'polite', 'data-testid': 'upload-outcome' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'upload' }, t('payroll.upload'));
  const form = h('form', { class: 'upload-form', novalidate: true },
    field(t('payroll.file'), file, t('payroll.file_hint')),
    kind,
    h('div', { class: 'grid-form' },
      field(t('payroll.month'), month, t('payroll.month_hint')),
      paidField),
    submit,
    out);
  const fail = (text: string, focus: HTMLElement) => {
    out.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, text)));
    focus.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    const m = asciiDigits(month.value);
    if (!f) return fail(t('payroll.need_file'), file);
    if (f.size === 0) return fail(t('payroll.empty_file'), file);
    if (f.size > MAX_BYTES) return fail(t('payroll.too_large', { size: kib(f.size) }), file);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) return fail(t('payroll.need_month'), month);
    const params = new URLSearchParams({ month: m });
    if (sif) {
      const p = asciiDigits(paidOn.value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(p)) return fail(t('payroll.need_paid_on'), paidOn);
      params.set('paid_on', p);
    }
    const safeName = f.name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
    if (safeName) params.set('name', safeName);
    submit.disabled = true;
    // Progress as the file goes, then "checking" while the node reconciles it.
    const bar = h('progress', { max: f.size, value: 0, 'aria-label': t('payroll.sending'), 'data-testid': 'upload-progress' });
    const text = h('span', null, t('payroll.sending_of', { sent: kib(0), total: kib(f.size) }));
    out.replaceChildren(h('div', { class: 'busy', role: 'status' }, bar, text));
    try {
      const result = await upload<PayrollSubmission>(`/api/v1/payroll/files?${params}`, f,
        sif ? 'text/plain' : 'text/csv', (sent, total) => {
          if (sent >= total) {
            bar.removeAttribute('value');
            bar.setAttribute('aria-label', t('payroll.checking'));
            text.textContent = t('payroll.checking');
          } else {
            bar.max = total;
            bar.value = sent;
            text.textContent = t('payroll.sending_of', { sent: kib(sent), total: kib(total) });
          }
        });
      out.replaceChildren();
      form.reset();
      paidField.hidden = true;
      kind.textContent = '';
      onDone(result);
    } catch (err) {
      out.replaceChildren(problem(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// Findings worker by worker: who, month, what rule, expected against actual.
export async function findingsTable(findings: PayrollFinding[], caption: string, linkWorkers: boolean): Promise<HTMLElement> {
  const workers = await labels(findings.map((f) => f.worker), workerLabel);
  return table(caption, [
    {
      head: t('term.worker'),
      cell: (f: PayrollFinding) => linkWorkers && f.contract
        ? link(`/app/worker/${f.worker}`, workers.get(f.worker) ?? f.worker)
        : workers.get(f.worker) ?? f.worker,
    },
    { head: t('wages.month'), cell: (f: PayrollFinding) => formatMonth(f.month) },
    {
      head: t('payroll.finding'),
      cell: (f: PayrollFinding) => h('span', { 'data-code': f.code },
        h('strong', null, findingLabel(f)), h('br'), h('span', { class: 'hint rule', lang: 'en', dir: 'ltr' }, f.rule)),
    },
    { head: t('payroll.expected'), cell: (f: PayrollFinding) => findingValue(f.expected), cls: 'num' },
    { head: t('payroll.actual'), cell: (f: PayrollFinding) => h('span', { class: 'no' }, findingValue(f.actual)), cls: 'num' },
    { head: t('payroll.line'), cell: (f: PayrollFinding) => (f.line > 0 ? formatNumber(f.line) : t('payroll.no_line')), cls: 'num' },
  ], findings, { 'data-testid': 'findings-table' });
}

function fileFacts(f: PayrollFile): HTMLElement {
  return facts([
    [t('wages.month'), formatMonth(f.month)],
    [t('payroll.version'), f.current ? t('payroll.version_current', { n: f.version }) : t('payroll.version_replaced', { n: f.version })],
    [t('payroll.format'), label('payrollformat', f.format)],
    [t('payroll.name'), f.name],
    [t('payroll.lines'), formatNumber(f.lines)],
    [t('payroll.findings'), formatNumber(f.findings)],
    [t('payroll.paid_on'), formatDate(f.paid_on)],
    [t('payroll.submitted'), formatTime(f.submitted_at)],
    [t('payroll.digest'), f.digest ? code(f.digest) : ''],
  ]);
}

// What a just-uploaded file found, shown under the form.
async function submissionReport(s: PayrollSubmission): Promise<HTMLElement> {
  return h('div', { class: 'card report', 'data-testid': 'upload-report', 'data-file': s.file.id, tabindex: -1 },
    h('h3', null, t('payroll.report_title', { month: formatMonth(s.file.month) })),
    s.replaces ? h('p', null, t('payroll.replaces', { n: s.file.version })) : null,
    s.findings.length
      ? [h('div', { class: 'alert alert-error', role: 'status' }, h('p', null, t('payroll.found', { n: s.findings.length }))),
         await findingsTable(s.findings, t('payroll.findings'), true)]
      : notice(t('payroll.clean')),
    h('p', null, link(`/app/payroll/${s.file.id}`, t('payroll.open_report'))));
}

function filesTable(files: PayrollFile[], caption: string, emp?: (id: string) => string): HTMLElement {
  return table(caption, [
    { head: t('wages.month'), cell: (f: PayrollFile) => link(`/app/payroll/${f.id}`, formatMonth(f.month)) },
    emp ? { head: t('term.employer'), cell: (f: PayrollFile) => emp(f.employer) } : null,
    {
      head: t('payroll.version'),
      cell: (f: PayrollFile) => h('span', { 'data-current': String(f.current) },
        f.current ? t('payroll.version_current', { n: f.version }) : t('payroll.version_replaced', { n: f.version })),
    },
    { head: t('payroll.format'), cell: (f: PayrollFile) => label('payrollformat', f.format) },
    { head: t('payroll.findings'), cell: (f: PayrollFile) => (f.findings ? h('strong', { class: 'no' }, formatNumber(f.findings)) : formatNumber(0)), cls: 'num' },
    { head: t('payroll.submitted'), cell: (f: PayrollFile) => formatTime(f.submitted_at) },
  ].filter((c) => c !== null), files, { 'data-testid': 'files-table' });
}

function stepsList(steps: EscalationStep[]): HTMLElement {
  return h('ul', { class: 'plain', 'data-testid': 'escalation' }, steps.map((s) => h('li', { 'data-action': s.action },
    h('strong', null, label('ladder', s.action)), ' · ', formatMonth(s.month), h('br'),
    h('span', { class: 'when' }, t('payroll.step_taken', { time: formatTime(s.taken_at), due: formatDate(s.due_on) })),
    s.lifted_at ? [h('br'), t('payroll.step_lifted', { time: formatTime(s.lifted_at) })] : null)));
}

// An employer's compliance: a chart of each month's lines against workers paid short, a table
// with the findings by code and the shortfall, and the escalation steps.
export function complianceView(c: Compliance): HTMLElement[] {
  const months = [...c.months].sort((a, b) => a.month.localeCompare(b.month));
  const shortfall = (m: ComplianceMonth) => Object.entries(m.shortfall).map(([cur, amt]) => money(amt, cur)).join(' · ') || formatNumber(0);
  const codes = (m: ComplianceMonth) => Object.entries(m.findings).map(([k, n]) => `${findingLabel({ code: k })} (${formatNumber(n)})`).join(', ');
  return [
    months.length
      ? groupChart(t('compliance.chart'),
          [{ key: 'lines', label: t('compliance.lines') }, { key: 'short', label: t('compliance.short') }],
          months.map((m) => ({
            key: m.month,
            label: formatMonth(m.month),
            values: [m.file.lines, m.workers_short],
            texts: [formatNumber(m.file.lines), formatNumber(m.workers_short)],
          })))
      : empty(t('compliance.none')),
    months.length
      ? table(t('compliance.table'), [
          { head: t('wages.month'), cell: (m: ComplianceMonth) => link(`/app/payroll/${m.file.id}`, formatMonth(m.month)) },
          { head: t('compliance.short'), cell: (m: ComplianceMonth) => formatNumber(m.workers_short), cls: 'num' },
          { head: t('compliance.shortfall'), cell: (m: ComplianceMonth) => shortfall(m), cls: 'num' },
          { head: t('payroll.findings'), cell: (m: ComplianceMonth) => codes(m) || t('common.none') },
        ], [...months].reverse(), { 'data-testid': 'compliance-table' })
      : null,
    h('h3', null, t('compliance.escalation')),
    c.escalation.length ? stepsList(c.escalation) : empty(t('compliance.no_steps')),
  ].filter((x): x is HTMLElement => x !== null);
}

// The employer's wage protection on its home.
export async function employerPayroll(account: Account): Promise<HTMLElement> {
  const employer = account.employer ?? '';
  const [files, compliance] = await Promise.all([
    all<PayrollFile>('/api/v1/payroll/files', undefined, 500).then((r) => r.items),
    get<Compliance>(`/api/v1/employers/${encodeURIComponent(employer)}/compliance`).catch((err) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  ]);
  const report = h('div', { 'aria-live': 'polite' });
  const form = uploadForm(async (s) => {
    report.replaceChildren(busy(t('common.loading')));
    const view = await submissionReport(s);
    report.replaceChildren(view);
    // The list and the compliance below now include the new file.
    const [newFiles, newCompliance] = await Promise.all([
      all<PayrollFile>('/api/v1/payroll/files', undefined, 500).then((r) => r.items),
      get<Compliance>(`/api/v1/employers/${encodeURIComponent(employer)}/compliance`).catch(() => null),
    ]);
    filesBox.replaceChildren(...filesContent(newFiles));
    if (newCompliance) complianceBox.replaceChildren(...complianceView(newCompliance));
    view.focus();
  });
  const filesContent = (list: PayrollFile[]) => [list.length ? filesTable(list, t('payroll.files')) : empty(t('payroll.no_files'))];
  const filesBox = h('div', null, ...filesContent(files));
  const complianceBox = h('div', null, ...(compliance ? complianceView(compliance) : [empty(t('compliance.none'))]));
  return h('div', { class: 'payroll' },
    section(t('payroll.upload_title'), { class: 'card needs-you', 'data-testid': 'payroll-upload' },
      h('p', { class: 'hint' }, t('payroll.upload_lead')),
      form,
      report),
    section(t('payroll.files'), { 'data-testid': 'payroll-files' }, filesBox),
    section(t('compliance.title'), { 'data-testid': 'compliance' }, complianceBox));
}

// The authority's wage queue: files with findings, newest month first, and the escalation steps
// each employer with findings has reached.
export async function wageQueue(): Promise<HTMLElement> {
  const files = (await get<{ items: PayrollFile[] }>('/api/v1/payroll/files?limit=100')).items
    .filter((f) => f.current && f.findings > 0)
    .slice(0, 50);
  const employerIds = [...new Set(files.map((f) => f.employer))];
  const [employers, compliance] = await Promise.all([
    labels(employerIds, employerLabel),
    Promise.all(employerIds.slice(0, 20).map((id) =>
      get<Compliance>(`/api/v1/employers/${encodeURIComponent(id)}/compliance`).catch(() => null))),
  ]);
  const emp = (id: string) => employers.get(id) ?? id;
  const steps = compliance.flatMap((c) => (c ? c.escalation.filter((s) => !s.lifted_at).map((s) => ({ ...s, employer: c.employer })) : []))
    .sort((a, b) => b.taken_at.localeCompare(a.taken_at));
  return section(t('queue.wages'), { 'data-testid': 'wage-queue', class: 'card queue' },
    h('p', { class: 'hint' }, t('queue.wages_hint')),
    files.length ? filesTable(files, t('queue.wages'), emp) : empty(t('queue.empty')),
    h('h3', null, t('compliance.escalation')),
    steps.length
      ? h('ul', { class: 'plain', 'data-testid': 'escalation' }, steps.map((s) => h('li', { 'data-action': s.action },
          h('strong', null, label('ladder', s.action)), ' · ', h('bdi', null, emp(s.employer)), ' · ', formatMonth(s.month), h('br'),
          h('span', { class: 'when' }, t('payroll.step_taken', { time: formatTime(s.taken_at), due: formatDate(s.due_on) })))))
      : empty(t('compliance.no_steps')));
}

// One payroll file's report: the file, its findings, and each worker's expected against paid.
export async function renderPayrollFile(account: Account, id: string): Promise<HTMLElement> {
  let r: PayrollReport;
  try {
    r = await get<PayrollReport>(`/api/v1/payroll/files/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      return h('div', { 'data-testid': 'payroll-missing' },
        heading(t('payroll.missing_title')),
        h('p', null, t('payroll.missing', { id })),
        h('p', null, link('/', t('common.back_home'))));
    }
    throw err;
  }
  const f = r.file;
  const [employer, workers] = await Promise.all([
    employerLabel(f.employer),
    labels(r.lines.map((l) => l.worker), workerLabel),
  ]);
  const others = account.role === 'employer' || account.role === 'destination_officer'
    ? (await get<{ items: PayrollFile[] }>(`/api/v1/payroll/files?employer=${encodeURIComponent(f.employer)}&month=${f.month}`).catch(() => ({ items: [] as PayrollFile[] }))).items
    : [];
  const own = account.role === 'worker';
  return h('article', { class: 'payroll-file', 'data-file': f.id },
    heading(t('payroll.file_title', { month: formatMonth(f.month) })),
    h('p', { class: 'lead' }, h('bdi', null, employer)),
    section(t('payroll.file_facts'), { 'data-testid': 'file-facts' }, fileFacts(f),
      !f.current ? notice(t('payroll.replaced_note'), 'alert-error') : null),
    section(t('payroll.findings'), { 'data-testid': 'file-findings' },
      r.findings.length ? await findingsTable(r.findings, t('payroll.findings'), !own) : notice(t(own ? 'payroll.clean_own' : 'payroll.clean'))),
    r.lines.length
      ? section(t('payroll.lines_title'), { 'data-testid': 'file-lines' },
          table(t('payroll.lines_title'), [
            { head: t('term.worker'), cell: (l: PayrollLine) => (own ? workers.get(l.worker) ?? l.worker : link(`/app/worker/${l.worker}`, workers.get(l.worker) ?? l.worker)) },
            { head: t('wages.expected'), cell: (l: PayrollLine) => money(l.expected, l.currency), cls: 'num' },
            { head: t('wages.paid'), cell: (l: PayrollLine) => money(l.paid, l.currency), cls: 'num' },
          ], r.lines))
      : null,
    others.length > 1
      ? section(t('payroll.versions'), { 'data-testid': 'file-versions' }, filesTable(others, t('payroll.versions')))
      : null,
    own && account.worker ? await wagesSection(account.worker, true) : null,
    h('p', null, link('/', t('common.back_home'))));
}
